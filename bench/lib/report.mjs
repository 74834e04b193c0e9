// The tables: targets first (ratios measured in the same run), then ratios to the seed script,
// absolute times, process counts and memory, and where chezmoi-sync's time goes.
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { run } from './proc.mjs';
import { summarize, summarizeFloor } from './stats.mjs';

/**
 * @typedef {import('./measure.mjs').Cell} Cell
 * @typedef {import('./variants.mjs').Variant} Variant
 * @typedef {import('./scenarios.mjs').Scenario} Scenario
 * @typedef {Map<string, Map<string, Cell>>} Results
 * @typedef {{ lines: string[] }} Machine
 */


/**
 * What the numbers came from.
 * @param {string} path
 * @param {string} node
 * @param {string} cli
 * @param {number} elapsedMs
 * @param {string} repoDir
 * @returns {Machine}
 */
export const machine = (path, node, cli, elapsedMs, repoDir) => {
  const env = { PATH: path, HOME: '/nonexistent' };
  const first = (/** @type {string} */ file, /** @type {string[]} */ args, cwd = '/') => run(file, args, { env, cwd }).stdout.split('\n')[0]?.trim() ?? '?';
  const c = cpus();
  // Which code was measured: the commit, and whether src/ had uncommitted changes.
  const commit = run('git', ['rev-parse', '--short', 'HEAD'], { env, cwd: repoDir });
  const dirty = run('git', ['status', '--porcelain', '--', 'src'], { env, cwd: repoDir }).stdout.trim() !== '';
  const built = commit.status === 0 ? `, commit ${commit.stdout.trim()}${dirty ? ' with uncommitted changes in src/' : ''}` : '';
  // A build named by CHEZMOI_SYNC_BENCH_CLI may come from anywhere: name it instead of the commit.
  const code = process.env['CHEZMOI_SYNC_BENCH_CLI'] !== undefined ? `, the build at ${cli}` : built;
  return {
    lines: [
      `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; ${c.length} × ${c[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, load ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} at the end (a shared machine)`,
      `node ${process.version}, ${first('jj', ['--version'])}, ${first('git', ['--version'])}, ${first('chezmoi', ['--version']).replace(/,.*/, '')}, chezmoi-sync ${first(node, [cli, '--version'])}${code}`,
      `open files: hard limit ${first('sh', ['-c', 'ulimit -Hn'])} (node raises its soft limit to it); the whole bench took ${(elapsedMs / 1000).toFixed(0)} s`,
    ],
  };
};

/** @param {Cell | undefined} c @param {string} variant */
const summaryOf = (c, variant) => (c === undefined || c.samples.length === 0 ? undefined : variant === 'floor' ? summarizeFloor(c.stepRuns) : summarize(c.samples));

/** @param {number} ms */
const fmtMs = (ms) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);
/** @param {number} x */
const fmtX = (x) => `${x.toFixed(2)}×`;
/** @param {string[]} cells */
const row = (cells) => `| ${cells.join(' | ')} |`;
/** @param {string[]} head */
const tableHead = (head) => [row(head), row(head.map((_, i) => (i === 0 ? '---' : '---:')))];
/** A failure without the temp dir's path in it (`$WORLDS` instead). */
const tidy = (/** @type {string} */ text) => text.replace(/\/[^\s'"]*?chezmoi-sync-bench-[A-Za-z0-9]+/g, '$WORLDS');
/** @param {string} text */
const short = (text) => {
  const t = tidy(text);
  return t.length > 90 ? `${t.slice(0, 90)}…` : t;
};
/** @param {boolean} holds */
const verdict = (holds) => (holds ? 'holds' : '**missed**');

/**
 * Renders every table as Markdown.
 * @param {Results} results
 * @param {readonly Variant[]} variants
 * @param {readonly Scenario[]} scenarios
 * @param {Machine} info
 * @param {{ overheadMs: number, details: boolean, hosts: number }} o
 */
export const render = (results, variants, scenarios, info, o) => {
  const twenty = { id: 'twenty', label: `${o.hosts} hosts syncing one after another (per sync)` };
  const rows = [...scenarios.map((s) => ({ id: s.id, label: s.label })), twenty].filter((s) => results.has(s.id));
  const cell = (/** @type {string} */ s, /** @type {string} */ v) => results.get(s)?.get(v);
  // A cell whose sync failed has no median: it must not pass for a fast one.
  const med = (/** @type {string} */ s, /** @type {string} */ v) => (cell(s, v)?.failure !== undefined ? undefined : summaryOf(cell(s, v), v)?.median);
  const failed = (/** @type {string} */ s, /** @type {string} */ v) => cell(s, v)?.failure;
  const trace = (/** @type {string} */ s, /** @type {string} */ v) => cell(s, v)?.trace;
  const out = [];

  // Targets.
  out.push('### Targets (ratios measured in the same run)', '');
  out.push(...tableHead(['target', 'measured', 'verdict']));
  const noop = med('noop', 'cli-jj');
  const floor = med('noop', 'floor');
  if (noop !== undefined && floor !== undefined) {
    out.push(row(['no-op sync ≤ 1.3× the floor (a)', `${fmtX(noop / floor)} (${fmtMs(noop)} vs ${fmtMs(floor)})`, verdict(noop / floor <= 1.3)]));
  }
  const t = trace('noop', 'cli-jj');
  if (t !== undefined) {
    out.push(row(['no-op sync: ≤ 5 jj processes', `${t.counts['jj'] ?? 0} jj (+ ${t.counts['git'] ?? 0} git)`, verdict((t.counts['jj'] ?? 0) <= 5)]));
    out.push(row(['no-op sync: ≤ 2 chezmoi processes', `${t.counts['chezmoi'] ?? 0}`, verdict((t.counts['chezmoi'] ?? 0) <= 2)]));
  }
  const ver = med('version', 'cli-jj');
  const bare = med('version', 'node');
  if (ver !== undefined && bare !== undefined) {
    out.push(row(['`chezmoi-sync --version` ≤ 1.2× `node -e 0`', `${fmtX(ver / bare)} (${fmtMs(ver)} vs ${fmtMs(bare)})`, verdict(ver / bare <= 1.2)]));
  }
  const big = med('noop-large', 'cli-jj');
  const bigLabel = `no-op on the ${scenarios.find((s) => s.id === 'noop-large')?.label.replace(/.*\((.*)\)/, '$1') ?? 'large'} repo ≤ 2× the 100-file one`;
  if (big !== undefined && noop !== undefined) {
    out.push(row([bigLabel, `${fmtX(big / noop)} (${fmtMs(big)} vs ${fmtMs(noop)})`, verdict(big / noop <= 2)]));
  } else if (failed('noop-large', 'cli-jj') !== undefined) {
    out.push(row([bigLabel, `fails: ${short(failed('noop-large', 'cli-jj') ?? '')}`, verdict(false)]));
  }
  const vsSeed = rows.flatMap((s) => {
    const a = med(s.id, 'cli-jj');
    const b = med(s.id, 'seed');
    return a !== undefined && b !== undefined ? [{ s, r: a / b }] : [];
  });
  const cliFails = rows.filter((s) => failed(s.id, 'cli-jj') !== undefined).map((s) => s.id);
  if (vsSeed.length > 0) {
    const worst = vsSeed.reduce((x, y) => (y.r > x.r ? y : x));
    // Issue 18: at most 1.2× the seed script in every scenario.
    const over = vsSeed.filter((x) => x.r > 1.2).map((x) => `${x.s.id} ${fmtX(x.r)}`);
    out.push(
      row([
        '≤ 1.2× the seed script (b) in every scenario',
        `worst ${fmtX(worst.r)} (${worst.s.label})${over.length > 0 ? `; above 1.2× in ${over.length} of ${vsSeed.length}: ${over.join(', ')}` : ''}${cliFails.length > 0 ? `; fails on ${cliFails.join(', ')}` : ''}`,
        verdict(over.length === 0 && cliFails.length === 0),
      ]),
    );
  }
  const rss = rows.flatMap((s) => ['cli-jj', 'cli-git'].flatMap((v) => {
    const kb = trace(s.id, v)?.rssKb;
    return kb !== undefined ? [{ s, v, mb: kb / 1024 }] : [];
  }));
  if (rss.length > 0) {
    const top = rss.reduce((x, y) => (y.mb > x.mb ? y : x));
    out.push(row(['peak memory of the CLI process ≤ 100 MB', `max ${top.mb.toFixed(0)} MB (${top.v}, ${top.s.label})`, verdict(top.mb <= 100)]));
  }

  // Ratios to the seed script.
  const others = variants.filter((v) => v.id !== 'seed');
  out.push('', '### Ratios to the seed script (b): median ÷ median, same run (below 1 is faster)', '');
  out.push(...tableHead(['scenario', ...others.map((v) => v.label), 'chezmoi-sync (jj) ÷ floor']));
  for (const s of rows) {
    const b = med(s.id, 'seed');
    const a = med(s.id, 'cli-jj');
    const f = med(s.id, 'floor');
    out.push(
      row([
        s.label,
        ...others.map((v) => {
          const m = med(s.id, v.id);
          return failed(s.id, v.id) !== undefined ? 'fails' : m !== undefined && b !== undefined ? fmtX(m / b) : '—';
        }),
        a !== undefined && f !== undefined ? fmtX(a / f) : '—',
      ]),
    );
  }

  // Absolute times.
  out.push('', '### Absolute times: median (min–max), wall time of the whole sync', '');
  out.push(...tableHead(['scenario', ...variants.map((v) => v.label)]));
  for (const s of rows) {
    out.push(
      row([
        `${s.label} (n=${Math.max(...variants.map((v) => summaryOf(cell(s.id, v.id), v.id)?.n ?? 0))})`,
        ...variants.map((v) => {
          if (failed(s.id, v.id) !== undefined) return 'fails (below)';
          const x = summaryOf(cell(s.id, v.id), v.id);
          return x === undefined ? '—' : `${fmtMs(x.median)} (${fmtMs(x.min)}–${fmtMs(x.max)})`;
        }),
      ]),
    );
  }
  if (ver !== undefined && bare !== undefined) {
    const n = results.get('version')?.get('node')?.samples.length ?? 0;
    out.push('', `\`node -e 0\`: ${fmtMs(bare)}; \`chezmoi-sync --version\`: ${fmtMs(ver)} (medians of ${n}, alternating).`);
  }
  out.push('', 'The floor (a) is the sum of the medians of its raw commands, each timed alone.');

  // Processes and memory.
  out.push('', '### Processes per sync (jj / git / chezmoi; git includes the git that jj runs) and peak memory', '');
  out.push(...tableHead(['scenario', ...variants.map((v) => v.label), 'peak RSS of chezmoi-sync (jj / git)']));
  for (const s of rows) {
    const mb = (/** @type {string} */ v) => {
      const kb = trace(s.id, v)?.rssKb;
      return kb === undefined ? '—' : `${(kb / 1024).toFixed(0)} MB`;
    };
    out.push(
      row([
        s.label,
        ...variants.map((v) => {
          const c = trace(s.id, v.id)?.counts;
          return c === undefined ? (failed(s.id, v.id) !== undefined ? 'fails' : '—') : `${c['jj']} / ${c['git']} / ${c['chezmoi']}`;
        }),
        `${mb('cli-jj')} / ${mb('cli-git')}`,
      ]),
    );
  }

  // Where the time goes.
  out.push('', "### Where chezmoi-sync's time goes (one traced run)", '');
  out.push(
    `Processes counted through wrappers, each adding about ${o.overheadMs.toFixed(1)} ms (the "wrappers" column); "until the first tool" is node's start-up, module loading and`,
    "reading the configuration and state; the last column is the CLI's own work between tools (spawning, hashing, parsing). git run by jj is inside jj's time.",
    '',
  );
  out.push(...tableHead(['scenario', 'backend', 'total', 'until the first tool', 'in jj (processes)', 'in git', 'in chezmoi', 'wrappers', 'own work between tools']));
  for (const s of rows) {
    for (const v of ['cli-jj', 'cli-git']) {
      const x = trace(s.id, v);
      if (x === undefined) continue;
      const c = x.counts;
      out.push(
        row([
          s.label,
          v.slice(4),
          fmtMs(x.ms),
          fmtMs(x.split.startupMs),
          `${fmtMs(x.split.toolMs['jj'] ?? 0)} (${c['jj']})`,
          `${fmtMs(x.split.toolMs['git'] ?? 0)} (${c['git']})`,
          `${fmtMs(x.split.toolMs['chezmoi'] ?? 0)} (${c['chezmoi']})`,
          fmtMs(x.split.wrappersMs),
          fmtMs(x.split.ownMs),
        ]),
      );
    }
  }

  // The no-op (with --details: every scenario), process by process.
  const listed = o.details ? rows.flatMap((s) => ['cli-jj', 'cli-git'].map((v) => ({ s, v }))) : rows.filter((s) => s.id === 'noop').flatMap((s) => ['cli-jj', 'cli-git', 'seed'].map((v) => ({ s, v })));
  for (const { s, v } of listed) {
    const x = trace(s.id, v);
    if (x === undefined) continue;
    const label = variants.find((y) => y.id === v)?.label ?? v;
    out.push('', `### ${s.label}, process by process: ${label} (start, duration, command)`, '', '```');
    const t0 = x.records[0]?.startNs ?? 0n;
    for (const r of x.records) {
      // Shortened: the forced settings are the same on every jj run, paths the same host's.
      const args = r.args
        .replace(/--config=[^ ]+ /g, '')
        .replace(/-c [^ ]+ /g, '')
        .replace(/--(no-pager|color=never|no-tty|color=off) /g, '')
        .replace(/\/[^\s"=]*\/\.local\/share\/chezmoi/g, '$SRC')
        .replace(/\/[^\s"=]*\/home\b/g, '$HOME');
      out.push(`+${String(Math.round(Number(r.startNs - t0) / 1e6)).padStart(4)} ms ${fmtMs(r.ms).padStart(7)}  ${r.tool} ${args.length > 150 ? `${args.slice(0, 150)}…` : args}`);
    }
    out.push('```');
  }

  const failures = rows.flatMap((s) => variants.flatMap((v) => (failed(s.id, v.id) !== undefined ? [`- ${s.label}, ${v.label}: ${tidy(failed(s.id, v.id) ?? '')}`] : [])));
  if (failures.length > 0) out.push('', '### Syncs that did not do their job', '', ...failures);

  out.push('', ...info.lines.map((l) => `- ${l}`));
  return out.join('\n');
};

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

/**
 * Replaces the text between the bench markers of `file` with `text`.
 * @param {string} file
 * @param {string} text
 */
export const writeDoc = (file, text) => {
  const doc = readFileSync(file, 'utf8');
  const a = doc.indexOf(START);
  const b = doc.indexOf(END);
  if (a < 0 || b < a) throw new Error(`${file} has no ${START} … ${END} section`);
  writeFileSync(file, `${doc.slice(0, a + START.length)}\n${text}\n${doc.slice(b)}`);
};
