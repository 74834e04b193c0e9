// The benchmark: builds throwaway worlds with the real tools, times whole syncs of every variant
// in every scenario (interleaved, so drift hits all alike), counts the processes, prints the
// table and, with --write-doc, puts it into docs/benchmarks.md. Run it with `npm run bench`.
import { existsSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderAged, runAged } from './lib/aged.mjs';
import { emptyCell, measure } from './lib/measure.mjs';
import { must, run } from './lib/proc.mjs';
import { machine, render, writeDoc } from './lib/report.mjs';
import { renderPerTemplate } from './lib/per-template.mjs';
import { makeScenarios, SCENARIO_IDS, TEMPLATES } from './lib/scenarios.mjs';
import { installWrappers, wrapperOverhead } from './lib/trace.mjs';
import { makeVariants } from './lib/variants.mjs';
import { content, homeRel, makeHost, makeRoot, makeSeedRemote, makeWorld, readHome, readRemote, sourceRel, write } from './lib/world.mjs';

const benchDir = dirname(fileURLToPath(import.meta.url));
const repoDir = resolve(benchDir, '..');

const USAGE = `usage: npm run bench [-- OPTIONS]
  --quick            fewer runs and smaller worlds (a smoke test of the harness, not a measurement)
  --runs N           measured runs per scenario on the 100-file world (default 5; large world and conflicts: 3)
  --large N          files in the large world (default 10000)
  --syncs N          syncs in the cost-over-time scenario "aged" (default $BENCH_SYNCS or 2000; --quick: 40)
  --hosts N          hosts syncing in turn (default 20)
  --only IDS         comma-separated scenario ids (${SCENARIO_IDS.join(', ')}, twenty, aged, version);
                     templates-N / plain-N: N edited templates / plain files in a world of 100 files + ${TEMPLATES} templates
  --variants IDS     comma-separated variants to run (cli-jj, cli-git, floor, seed, chezmoi; default all)
  --details          also list every process of every traced chezmoi-sync run
  --write-doc        also write the tables into docs/benchmarks.md (between its bench markers)
  --keep             keep the worlds (their path is printed)
env: CHEZMOI_SYNC_BENCH_CLI = the CLI to measure (default dist/cli/cli.js)`;

const parseArgs = (/** @type {string[]} */ argv) => {
  const o = { quick: false, runs: 5, syncs: Number(process.env['BENCH_SYNCS'] ?? 0) || 2000, large: 10_000, hosts: 20, only: /** @type {string[] | undefined} */ (undefined), variants: /** @type {string[] | undefined} */ (undefined), writeDoc: false, keep: false, details: false };
  const num = (/** @type {string | undefined} */ v, /** @type {string} */ flag) => {
    const x = Number(v);
    if (!Number.isInteger(x) || x < 1) throw new Error(`${flag} needs a positive integer`);
    return x;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') o.quick = true;
    else if (a === '--write-doc') o.writeDoc = true;
    else if (a === '--keep') o.keep = true;
    else if (a === '--details') o.details = true;
    else if (a === '--runs') o.runs = num(argv[++i], a);
    else if (a === '--large') o.large = num(argv[++i], a);
    else if (a === '--syncs') o.syncs = Math.max(20, num(argv[++i], a));
    else if (a === '--hosts') o.hosts = Math.max(2, num(argv[++i], a));
    else if (a === '--only') o.only = (argv[++i] ?? '').split(',');
    else if (a === '--variants') o.variants = (argv[++i] ?? '').split(',');
    else {
      process.stderr.write(`${USAGE}\n`);
      process.exit(a === '--help' || a === '-h' ? 0 : 2);
    }
  }
  return o;
};

const opts = parseArgs(process.argv.slice(2));
const sizes = opts.quick ? { small: 100, large: 1000, hosts: 4 } : { small: 100, large: opts.large, hosts: opts.hosts };
const SCENARIOS = makeScenarios(sizes);
const runsOf = (/** @type {'small' | 'large' | 'tmpl'} */ w, /** @type {boolean} */ fresh) => (opts.quick ? 1 : w === 'large' || fresh ? Math.min(3, opts.runs) : opts.runs);
const wanted = (/** @type {string} */ id) => opts.only === undefined || opts.only.includes(id);
const started = Date.now();
const log = (/** @type {string} */ m) => process.stderr.write(`bench: ${String(Math.round((Date.now() - started) / 1000)).padStart(4)} s  ${m}\n`);

const cli = resolve(process.env['CHEZMOI_SYNC_BENCH_CLI'] ?? join(repoDir, 'dist/cli/cli.js'));
const node = process.execPath;
const path = process.env['PATH'] ?? '/usr/bin:/bin';
const root = makeRoot();
log(`worlds in ${root}`);

/**
 * Runs `f`; a throw becomes the cell's failure (the variant is skipped in that scenario from then on).
 * @param {import('./lib/measure.mjs').Cell} cell
 * @param {string} what
 * @param {() => void} f
 */
const attempt = (cell, what, f) => {
  if (cell.failure !== undefined) return;
  try {
    f();
  } catch (e) {
    cell.failure = `${what}: ${String(e instanceof Error ? e.message : e).split('\n').find((l) => l.trim() !== '') ?? ''}`;
    log(`${cell.failure} (skipped from now on)`);
  }
};

try {
  const { bin: traceBin } = installWrappers(join(root, 'trace'), path);
  const tools = { path, traceBin, traceGit: join(traceBin, 'git') };
  const overheadMs = wrapperOverhead(root, traceBin, path);
  log(`a counting wrapper adds ${overheadMs.toFixed(1)} ms per process (subtracted in the traced breakdown)`);
  const baseEnv = { PATH: path, HOME: root, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'seed', GIT_AUTHOR_EMAIL: 'seed@example', GIT_COMMITTER_NAME: 'seed', GIT_COMMITTER_EMAIL: 'seed@example' };
  const variants = makeVariants({ cli, benchDir, node }).filter((v) => opts.variants === undefined || opts.variants.includes(v.id));
  /** @type {Map<string, Map<string, import('./lib/measure.mjs').Cell>>} */
  const results = new Map();
  const cellOf = (/** @type {string} */ s, /** @type {string} */ v) => {
    const row = results.get(s) ?? new Map();
    results.set(s, row);
    const c = row.get(v) ?? emptyCell();
    row.set(v, c);
    return c;
  };

  // `chezmoi-sync --version` against `node -e 0`, alternating.
  if (wanted('version')) {
    log('version: node -e 0 vs chezmoi-sync --version');
    const env = { PATH: path, HOME: root };
    // What a user runs: the package's bin beside the build (CommonJS, answers --version without loading the CLI).
    const besideBuild = resolve(dirname(cli), '../../bin/chezmoi-sync.cjs');
    const bin = existsSync(besideBuild) ? besideBuild : cli;
    const n = opts.quick ? 3 : 15;
    for (let i = 0; i < n + 2; i++) {
      const a = run(node, ['-e', '0'], { env, cwd: root });
      const b = run(node, [bin, '--version'], { env, cwd: root });
      if (b.status !== 0) throw new Error(`chezmoi-sync --version failed: ${b.stderr}`);
      if (i >= 2) {
        cellOf('version', 'node').samples.push(a.ms);
        cellOf('version', 'cli-jj').samples.push(b.ms);
      }
    }
  }

  /** @type {Map<string, string>} */
  const seeds = new Map();
  const filesOf = (/** @type {'small' | 'large' | 'tmpl'} */ w) => (w === 'tmpl' ? `${sizes.small} files and ${TEMPLATES} templates` : `${sizes[w]} files`);
  const seedOf = (/** @type {'small' | 'large' | 'tmpl'} */ w) => {
    const have = seeds.get(w);
    if (have !== undefined) return have;
    log(`seeding a remote with ${filesOf(w)}`);
    const made = w === 'tmpl' ? makeSeedRemote(root, sizes.small, baseEnv, TEMPLATES) : makeSeedRemote(root, sizes[w], baseEnv);
    seeds.set(w, made);
    return made;
  };

  for (const w of /** @type {const} */ (['small', 'large', 'tmpl'])) {
    const scenarios = SCENARIOS.filter((s) => s.world === w && wanted(s.id));
    if (scenarios.length === 0) continue;
    const seed = seedOf(w);
    log(`${w} world (${filesOf(w)}): setting up ${variants.length} variants`);
    const worlds = variants.map((v) => {
      const world = makeWorld(root, `${w}-${v.id}`, seed);
      const host = makeHost(join(world.dir, 'hosts/main'), 'main', tools);
      const peer = makeHost(join(world.dir, 'hosts/peer'), 'peer', tools);
      must('git', ['clone', '-q', world.remote, peer.source], { env: peer.env, cwd: peer.home });
      /** @type {string | undefined} */
      let setupFailure;
      try {
        v.setup(host, world.remote);
      } catch (e) {
        setupFailure = `setup: ${String(e instanceof Error ? e.message : e).split('\n')[0] ?? ''}`;
        log(`${v.label}: ${setupFailure}`);
      }
      return { v, world, host, peer, setupFailure };
    });
    // chezmoi-sync remembers chezmoi's managed list only for a source tree that has not changed for
    // 2 s (managed-memo.ts), with the binary it ran (the counting wrappers are other binaries, so
    // a traced run and an untraced one replace each other's entry). The wait lets the warm-up
    // remember it for the samples; a second warm-up with the wrappers right before the traced run
    // does the same for it. Before, the first sample and the traced run were cold runs (a user's
    // first after cloning: one more chezmoi, a larger peak), not the steady one.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2_100);
    for (const s of scenarios) {
      const runs = runsOf(w, s.freshHost);
      const total = 1 + runs + 2;
      log(`${s.id}: ${s.label} — 1 warm-up + ${runs} runs + 1 traced (after its own warm-up), ${variants.length} variants`);
      for (let k = 0; k < total; k++) {
        const mode = k === 0 ? 'warmup' : k === total - 2 ? 'trace-warmup' : k === total - 1 ? 'trace' : 'sample';
        for (const { v, world, host: mainHost, peer, setupFailure } of worlds) {
          const cell = cellOf(s.id, v.id);
          if (setupFailure !== undefined) cell.failure ??= setupFailure;
          attempt(cell, `${s.id} run ${k}`, () => {
            let host = mainHost;
            if (s.freshHost) {
              host = makeHost(join(world.dir, `hosts/${s.id}${k}`), `${s.id}${k}`, tools);
              v.setup(host, world.remote);
            }
            const ctx = { host, remote: world.remote, peer, variant: v.id, run: k };
            s.prep(ctx);
            measure({ variant: v, host, job: s.job, mode, cell, check: (r) => s.check(ctx, r), what: `${s.id} run ${k}`, overheadMs });
          });
        }
      }
    }
  }

  // N hosts, one after another, against one remote: each has one edit of its own and
  // integrates every edit pushed before it.
  if (wanted('twenty')) {
    const n = sizes.hosts;
    const seed = seedOf('small');
    log(`twenty: ${n} hosts syncing in turn — setting up ${n} hosts per variant`);
    const worlds = variants.map((v) => {
      const world = makeWorld(root, `hosts-${v.id}`, seed);
      const hosts = Array.from({ length: n }, (_, i) => makeHost(join(world.dir, `hosts/h${i}`), `h${i}`, tools));
      attempt(cellOf('twenty', v.id), 'setup', () => {
        for (const h of hosts) v.setup(h, world.remote);
      });
      return { v, world, hosts };
    });
    const edit = (/** @type {number} */ i, /** @type {string} */ by) => content(10 + i, `edited by ${by}`);
    for (let i = 0; i <= n; i++) {
      for (const { v, world, hosts } of worlds) {
        // The last round is h0 again, traced: it integrates everybody else's edits. h0's first round
        // runs with the counting wrappers too and is no sample: chezmoi-sync remembers chezmoi's
        // managed list with the binary it ran, so the traced round finds it warm, as a user would.
        const h = hosts[i % n];
        if (h === undefined) continue;
        const by = i < n ? h.name : `${h.name} again`;
        const cell = cellOf('twenty', v.id);
        attempt(cell, `host ${h.name}`, () => {
          write(join(h.home, homeRel(10 + (i % n))), edit(i % n, by));
          measure({
            variant: v,
            host: h,
            job: 'commit+incoming',
            mode: i === 0 ? 'trace-warmup' : i < n ? 'sample' : 'trace',
            cell,
            check: (r) => {
              if (r.status !== 0 || (r.word !== undefined && r.word !== 'success')) return `exit ${r.status} ${r.word ?? ''}: ${r.detail}`;
              return readRemote(world.remote, sourceRel(10 + (i % n)), h.env) === edit(i % n, by) ? undefined : `the remote lacks ${h.name}'s edit`;
            },
            what: `twenty host ${h.name}`,
            overheadMs,
          });
        });
      }
    }
    // Every host's edit reached h0's HOME in its last sync.
    for (const { v, hosts } of worlds) {
      const cell = cellOf('twenty', v.id);
      const h0 = hosts[0];
      if (cell.failure !== undefined || h0 === undefined) continue;
      const missing = hosts.slice(1).filter((h, i) => readHome(h0, homeRel(11 + i)) !== edit(i + 1, h.name));
      if (missing.length > 0) cell.failure = `h0's HOME lacks the edits of ${missing.map((h) => h.name).join(', ')}`;
    }
  }

  // Cost over time: one host per chezmoi-sync variant syncs N times.
  /** @type {import('./lib/aged.mjs').AgedResult[]} */
  const aged = [];
  if (wanted('aged')) {
    const n = opts.quick ? 40 : opts.syncs;
    const seed = seedOf('small');
    for (const v of variants.filter((x) => x.id.startsWith('cli-'))) {
      log(`aged: ${v.label}, ${n} syncs`);
      const world = makeWorld(root, `aged-${v.id}`, seed);
      const host = makeHost(join(world.dir, 'hosts/main'), 'main', tools);
      const twin = makeWorld(root, `aged-${v.id}-twin`, seed);
      const young = makeHost(join(twin.dir, 'hosts/main'), 'main', tools);
      try {
        v.setup(host, world.remote);
        v.setup(young, twin.remote);
        aged.push(runAged(v, host, n, log, young));
      } catch (e) {
        aged.push({ variant: v.id, points: [], totalMs: 0, failure: `setup: ${String(e instanceof Error ? e.message : e).split('\n')[0] ?? ''}` });
      }
    }
  }

  const info = machine(path, node, cli, Date.now() - started, repoDir);
  const agedText = renderAged(aged, new Map(variants.map((v) => [v.id, v.label])));
  const perTemplate = renderPerTemplate(results, variants, TEMPLATES);
  const text = [render(results, variants, SCENARIOS, info, { overheadMs, details: opts.details, hosts: sizes.hosts }), perTemplate, agedText].filter((t) => t !== '').join('\n\n');
  process.stdout.write(`${text}\n`);
  if (opts.writeDoc) {
    writeDoc(join(repoDir, 'docs/benchmarks.md'), text);
    log('wrote docs/benchmarks.md');
  }
  log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
} finally {
  if (opts.keep) log(`kept ${root}`);
  else rmSync(root, { recursive: true, force: true });
}
