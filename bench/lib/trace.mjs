// Counting every jj / git / chezmoi process a sync spawns: wrapper scripts first on PATH (and as
// jj's `git.executable-path`, since jj runs git itself) append one line per process to a log.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, which } from './proc.mjs';
import { median } from './stats.mjs';

export const TOOLS = /** @type {const} */ (['jj', 'git', 'chezmoi']);

/**
 * One wrapper: runs the real tool (not exec, so it can time it; bash's EPOCHREALTIME costs no
 * process) and logs `tool <TAB> start µs <TAB> end µs <TAB> exit <TAB> args` to
 * $CHEZMOI_SYNC_BENCH_TRACE.
 * @param {string} bash
 * @param {string} tool
 * @param {string} real
 */
const wrapper = (bash, tool, real) => `#!${bash}
s=$EPOCHREALTIME
${JSON.stringify(real)} "$@"
rc=$?
e=$EPOCHREALTIME
a="$*"; a=\${a//$'\\n'/ }; a=\${a//$'\\t'/ }
printf '%s\\t%s\\t%s\\t%s\\t%s\\n' ${tool} "\${s/[.,]/}" "\${e/[.,]/}" "$rc" "$a" >> "$CHEZMOI_SYNC_BENCH_TRACE"
exit $rc
`;

/**
 * Writes the wrappers into `dir/bin`; the real tools are the ones on `path` now.
 * @param {string} dir
 * @param {string} path
 * @returns {{ bin: string, real: Record<string, string> }}
 */
export const installWrappers = (dir, path) => {
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  /** @type {Record<string, string>} */
  const real = {};
  const bash = which('bash', path);
  if (bash === undefined) throw new Error('the bench needs bash (>= 5, for EPOCHREALTIME)');
  for (const tool of TOOLS) {
    const p = which(tool, path);
    if (p === undefined) throw new Error(`${tool} is not on PATH (run scripts/ensure-tools)`);
    real[tool] = p;
    writeFileSync(join(bin, tool), wrapper(bash, tool, p));
    chmodSync(join(bin, tool), 0o755);
  }
  return { bin, real };
};

/**
 * @typedef {object} TraceRecord
 * @property {string} tool
 * @property {bigint} startNs
 * @property {bigint} endNs
 * @property {number} ms
 * @property {number} status
 * @property {string} args
 */

/**
 * Reads a trace log (missing file: no processes).
 * @param {string} file
 * @returns {TraceRecord[]}
 */
export const readTrace = (file) => {
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => {
      const [tool = '', s = '0', e = '0', rc = '0', ...rest] = l.split('\t');
      const startNs = BigInt(s) * 1000n;
      const endNs = BigInt(e) * 1000n;
      return { tool, startNs, endNs, ms: Number(endNs - startNs) / 1e6, status: Number(rc), args: rest.join('\t').trim() };
    })
    .sort((a, b) => (a.startNs < b.startNs ? -1 : a.startNs > b.startNs ? 1 : 0));
};

/**
 * Processes per tool.
 * @param {readonly TraceRecord[]} records
 * @returns {Record<string, number>}
 */
export const countByTool = (records) => {
  /** @type {Record<string, number>} */
  const counts = Object.fromEntries(TOOLS.map((t) => [t, 0]));
  for (const r of records) counts[r.tool] = (counts[r.tool] ?? 0) + 1;
  return counts;
};

/**
 * Where the wall time of one traced run went: time before the first tool started (process
 * start-up and loading), time inside tools (outermost processes only: git run by jj is inside
 * jj), and the rest (the caller's own work between tools).
 * @param {readonly TraceRecord[]} records
 * @param {bigint} runStartNs
 * @param {number} runMs
 * @param {number} [overheadMs]  what each wrapper adds; not counted as the caller's own work
 */
export const breakdown = (records, runStartNs, runMs, overheadMs = 0) => {
  const outer = records.filter((r) => !records.some((o) => o !== r && o.startNs <= r.startNs && o.endNs >= r.endNs && o.ms > r.ms));
  /** @type {Record<string, number>} */
  const toolMs = Object.fromEntries(TOOLS.map((t) => [t, 0]));
  for (const r of outer) toolMs[r.tool] = (toolMs[r.tool] ?? 0) + r.ms;
  const first = records[0];
  const startupMs = first !== undefined ? Number(first.startNs - runStartNs) / 1e6 : runMs;
  const inTools = Object.values(toolMs).reduce((a, b) => a + b, 0);
  const wrappers = outer.length * overheadMs;
  return { startupMs, toolMs, ownMs: Math.max(0, runMs - inTools - startupMs - wrappers), wrappersMs: wrappers };
};

/**
 * What a wrapper adds to each process (ms): `git --version` through it and without, alternating.
 * @param {string} dir     scratch directory for the log
 * @param {string} bin     the wrappers
 * @param {string} path    PATH without the wrappers
 */
export const wrapperOverhead = (dir, bin, path) => {
  const plain = { PATH: path, HOME: dir };
  const traced = { ...plain, PATH: `${bin}:${path}`, CHEZMOI_SYNC_BENCH_TRACE: join(dir, 'overhead.log') };
  const a = [];
  const b = [];
  for (let i = 0; i < 12; i++) {
    a.push(run('git', ['--version'], { env: plain, cwd: dir }).ms);
    b.push(run('git', ['--version'], { env: traced, cwd: dir }).ms);
  }
  return Math.max(0, median(b) - median(a));
};
