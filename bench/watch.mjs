// The watcher's bench (`npm run bench -- watch`): how long a HOME save takes to reach the remote and
// another watching host's HOME, and what an idle watcher costs (CPU, memory) on 10,000 managed
// files. Real jj, git and chezmoi on throwaway worlds; the watchers are the built CLI.
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { content, homeRel, makeHost, makeRoot, makeSeedRemote, makeWorld, readHome, readRemote, sourceRel, write } from './lib/world.mjs';

const USAGE = `usage: npm run bench -- watch [--runs N] [--large N] [--idle SECONDS] [--debounce D] [--fetch-interval D] [--keep]
  --runs N            timed saves (default 5)
  --large N           managed files of the idle world (default 10000)
  --idle SECONDS      how long the idle watcher is sampled (default 30)
  --debounce D        the watchers' --debounce (default 2s, the CLI's default)
  --fetch-interval D  the watchers' --fetch-interval (default 10s; the CLI's default is 5m)`;

const opts = { runs: 5, large: 10_000, idle: 30, debounce: '2s', fetchInterval: '10s', keep: false };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--runs') opts.runs = Number(argv[++i]);
  else if (a === '--large') opts.large = Number(argv[++i]);
  else if (a === '--idle') opts.idle = Number(argv[++i]);
  else if (a === '--debounce') opts.debounce = argv[++i] ?? '';
  else if (a === '--fetch-interval') opts.fetchInterval = argv[++i] ?? '';
  else if (a === '--keep') opts.keep = true;
  else {
    process.stderr.write(`${USAGE}\n`);
    process.exit(a === '--help' ? 0 : 2);
  }
}

/** What the watch units set (src/deploy/user-units.ts WATCH_NODE_OPTIONS, nix/lib.nix). */
const WATCH_NODE_OPTIONS = '--max-semi-space-size=1';
const cli = resolve(process.env['CHEZMOI_SYNC_BENCH_CLI'] ?? 'dist/cli/cli.js');
const tools = { path: process.env['PATH'] ?? '/usr/bin:/bin', traceBin: '', traceGit: 'git' };
const root = makeRoot();
const started = Date.now();
const log = (/** @type {string} */ m) => process.stderr.write(`bench watch: ${String(Math.round((Date.now() - started) / 1000)).padStart(4)} s  ${m}\n`);
const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));
/** @type {import('node:child_process').ChildProcess[]} */
const children = [];

/** Starts `watch` for a host; resolves once its first sync is done. */
const startWatch = async (/** @type {ReturnType<typeof makeHost>} */ h, /** @type {string} */ remote, fetchInterval = opts.fetchInterval, /** @type {string | undefined} */ nodeOptions = WATCH_NODE_OPTIONS) => {
  const p = spawn(process.execPath, [cli, 'watch', `--repo-url=${remote}`, `--source=${h.source}`, `--host=${h.name}`, '--backend=jj', `--debounce=${opts.debounce}`, `--fetch-interval=${fetchInterval}`], { env: { ...h.env, ...(nodeOptions !== undefined ? { NODE_OPTIONS: nodeOptions } : {}) }, cwd: h.home, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(p);
  let out = '';
  p.stdout.on('data', (d) => (out += String(d)));
  p.stderr.on('data', (d) => (out += String(d)));
  await until(() => /^start: /m.test(out), 600_000, () => `${h.name}'s first sync; it said:\n${out}`);
  return { p, out: () => out };
};

/** Polls `check` every 20 ms; returns the ms it took. */
const until = async (/** @type {() => boolean} */ check, /** @type {number} */ limitMs, /** @type {() => string} */ what) => {
  const t0 = performance.now();
  while (!check()) {
    if (performance.now() - t0 > limitMs) throw new Error(`timed out waiting for ${what()}`);
    await sleep(20);
  }
  return performance.now() - t0;
};

const median = (/** @type {number[]} */ xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const range = (/** @type {number[]} */ xs) => `${Math.round(median(xs))} ms (${Math.round(Math.min(...xs))}–${Math.round(Math.max(...xs))})`;

/** utime+stime (clock ticks) and VmRSS/VmHWM (kB) of one process, from /proc. */
const procStats = (/** @type {number} */ pid) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (/** @type {string} */ k) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
  return { ticks: Number(fields[11]) + Number(fields[12]), rss: kb('VmRSS'), hwm: kb('VmHWM') };
};

try {
  // 1. Two watching hosts on a 100-file world: a save on one, timed to the remote and to the other's HOME.
  log('100-file world, two watching hosts');
  const seedEnv = makeHost(join(root, 'seed-host'), 'seed', tools).env;
  const small = makeWorld(root, 'small', makeSeedRemote(root, 100, seedEnv));
  const [a, b] = ['alpha', 'beta'].map((n) => makeHost(join(small.dir, n), n, tools));
  if (a === undefined || b === undefined) throw new Error('no hosts');
  await startWatch(a, small.remote);
  await startWatch(b, small.remote);
  /** @type {number[]} */ const toRemote = [];
  /** @type {number[]} */ const toOther = [];
  for (let i = 0; i < opts.runs; i++) {
    const line = `saved ${i} at ${Date.now()}`;
    const t0 = performance.now();
    write(join(a.home, homeRel(i)), content(i, line));
    await until(() => readRemote(small.remote, sourceRel(i), seedEnv)?.includes(line) === true, 600_000, () => 'the save on the remote');
    toRemote.push(performance.now() - t0);
    await until(() => readHome(b, homeRel(i))?.includes(line) === true, 600_000, () => "the save in beta's HOME");
    toOther.push(performance.now() - t0);
    log(`save ${i + 1}: remote ${Math.round(toRemote.at(-1) ?? 0)} ms, beta's HOME ${Math.round(toOther.at(-1) ?? 0)} ms`);
    await sleep(1500);
  }

  // 2. One watcher on the large world: idle CPU and memory once its first sync is done — with the
  // NODE_OPTIONS the watch units set, and with plain node (a watcher started from a terminal).
  log(`${opts.large}-file world, one watcher at a time`);
  const large = makeWorld(root, 'large', makeSeedRemote(root, opts.large, seedEnv));
  /** @type {{ label: string, cpu: number, ticks: number, secs: number, rss: number, hwm: number, dirs: RegExpExecArray | null }[]} */
  const idle = [];
  for (const [label, nodeOptions] of /** @type {[string, string | undefined][]} */ ([[`NODE_OPTIONS=${WATCH_NODE_OPTIONS} (the units)`, WATCH_NODE_OPTIONS], ['plain node', undefined]])) {
    const c = makeHost(join(large.dir, `gamma${idle.length}`), `gamma${idle.length}`, tools);
    // The CLI's default interval: no sync falls into the idle window.
    const w = await startWatch(c, large.remote, '5m', nodeOptions);
    await sleep(10_000); // the first sync's garbage collected
    const pid = w.p.pid ?? 0;
    const s0 = procStats(pid);
    const t0 = performance.now();
    await sleep(opts.idle * 1000);
    const s1 = procStats(pid);
    const secs = (performance.now() - t0) / 1000;
    idle.push({ label, secs, ticks: s1.ticks - s0.ticks, cpu: ((s1.ticks - s0.ticks) / 100 / secs) * 100, rss: s1.rss, hwm: s1.hwm, dirs: /watching (\d+) directories for (\d+) managed targets/.exec(w.out()) });
    await new Promise((r) => (w.p.once('exit', r), w.p.kill('SIGTERM')));
    log(`${label}: idle ${Math.round(s1.rss / 1024)} MB`);
  }
  const dirs = idle[0]?.dirs;

  const rows = [
    ['HOME save → remote (alpha watching), median (min–max)', `${range(toRemote)}, n=${toRemote.length}`],
    ["HOME save → beta's HOME (both watching)", `${range(toOther)}, n=${toOther.length}`],
    ...idle.flatMap((m) => [
      [`idle CPU of a watcher, ${opts.large} files, ${Math.round(m.secs)} s, ${m.label}`, `${m.cpu.toFixed(2)} % of one core (${m.ticks} ticks)`],
      [`resident memory of that watcher, idle / peak (the first sync included)`, `${Math.round(m.rss / 1024)} MB / ${Math.round(m.hwm / 1024)} MB`],
    ]),
    ['directories watched (managed targets)', dirs !== null && dirs !== undefined ? `${dirs[1]} (${dirs[2]})` : '?'],
  ];
  process.stdout.write(`\nwatch: --debounce ${opts.debounce}, --fetch-interval ${opts.fetchInterval}, jj backend\n\n| measure | value |\n| --- | ---: |\n${rows.map(([k, v]) => `| ${k} | ${v} |`).join('\n')}\n`);
} finally {
  // SIGTERM: each watcher ends after its sync in progress.
  await Promise.all(children.map((p) => (p.exitCode !== null ? undefined : new Promise((r) => (p.once('exit', r), p.kill('SIGTERM'))))));
  if (!opts.keep) rmSync(root, { recursive: true, force: true });
  else log(`kept ${root}`);
}
