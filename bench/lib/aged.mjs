// The "2,000 syncs" row: does a sync stay as cheap after years of use? One host per chezmoi-sync
// variant syncs N times (one local edit every EDIT_EVERY syncs, no-ops otherwise); the no-op sync
// is timed after 10 syncs and after N, and the history stores are measured each time.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { content, homeRel, write } from './world.mjs';
import { run } from './proc.mjs';
import { median } from './stats.mjs';

/** One local edit per this many syncs; the rest are no-ops. */
export const EDIT_EVERY = 4;
/** Timed no-op syncs at each checkpoint (the median is reported). */
const SAMPLES = 7;

/** @param {string} dir @returns {{ files: number, bytes: number }} */
const dirSize = (dir) => {
  let files = 0;
  let bytes = 0;
  /** @param {string} d */
  const walk = (d) => {
    let entries = [];
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) {
        files += 1;
        bytes += statSync(p).size;
      }
    }
  };
  walk(dir);
  return { files, bytes };
};

/**
 * @typedef {object} AgedPoint
 * @property {number} syncs          syncs done before this point
 * @property {number} noopMs         median wall time of SAMPLES no-op syncs
 * @property {number} [opLog]        jj: operations in the operation log
 * @property {number} [operations]   jj: operations in the op store
 * @property {number} [opStoreBytes]
 * @property {number} objectBytes    git objects (jj: the colocated .git)
 * @typedef {object} AgedResult
 * @property {string} variant
 * @property {AgedPoint[]} points
 * @property {number} totalMs        wall time of all N syncs (setup excluded)
 * @property {{ youngMs: number, agedMs: number, samples: number }} [paired]
 *   at the end, no-op syncs timed in turn on this host and on a twin synced only 10 times (load drift hits both alike)
 * @property {string} [failure]
 */

/** @param {import('./world.mjs').Host} host */
const sizesOf = (host) => {
  const ops = dirSize(join(host.source, '.jj/repo/op_store'));
  const hasJj = ops.files > 0;
  // The operation log as jj walks it (abandoned operations stay in the store until jj's expiry).
  const log = hasJj ? run('jj', ['--repository', host.source, 'operation', 'log', '--no-graph', '--ignore-working-copy', '-T', 'id ++ "\\n"'], { env: host.env, cwd: host.home }) : undefined;
  return {
    ...(hasJj ? { opLog: (log?.stdout ?? '').split('\n').filter((l) => l !== '').length, operations: dirSize(join(host.source, '.jj/repo/op_store/operations')).files, opStoreBytes: ops.bytes } : {}),
    objectBytes: dirSize(join(host.source, '.git/objects')).bytes,
  };
};

/**
 * Runs the aged scenario for one variant on a host already set up.
 * @param {import('./variants.mjs').Variant} v
 * @param {import('./world.mjs').Host} host
 * @param {number} n     syncs in all
 * @param {(m: string) => void} log
 * @param {import('./world.mjs').Host} [young]  a twin host set up alike, for the paired end point
 * @returns {AgedResult}
 */
export const runAged = (v, host, n, log, young) => {
  /** @type {AgedPoint[]} */
  const points = [];
  let done = 0;
  let totalMs = 0;
  /** One sync of `h` (its `count`-th); an edit first when asked. */
  const syncOf = (/** @type {import('./world.mjs').Host} */ h, /** @type {number} */ count, /** @type {boolean} */ edit) => {
    if (edit) write(join(h.home, homeRel(count % 100)), content(count % 100, `aged edit ${count} by ${h.name}`));
    const r = v.sync(h, edit ? 'commit' : 'noop', false);
    if (r.status !== 0 || (r.word !== undefined && r.word !== 'success')) throw new Error(`sync ${count} of ${h.name} failed: exit ${r.status} ${r.word ?? ''}: ${r.detail}`);
    return r.ms;
  };
  const once = (/** @type {boolean} */ edit) => {
    const ms = syncOf(host, done, edit);
    done += 1;
    totalMs += ms;
    return ms;
  };
  const point = () => {
    /** @type {number[]} */
    const samples = [];
    for (let i = 0; i < SAMPLES; i++) samples.push(once(false));
    const p = { syncs: done, noopMs: median(samples), ...sizesOf(host) };
    points.push(p);
    log(`aged: ${v.id} after ${p.syncs} syncs: no-op ${p.noopMs.toFixed(0)} ms, ${JSON.stringify({ ...p, syncs: undefined, noopMs: undefined })}, ${(totalMs / done).toFixed(0)} ms per sync so far`);
  };
  try {
    while (done < 10) once(done % EDIT_EVERY === 0);
    point();
    // A point every quarter: the sizes over time, and a usable result if the run is cut short.
    const every = Math.max(50, Math.floor(n / 4));
    let next = every;
    while (done < n) {
      once(done % EDIT_EVERY === 0);
      if (done >= next && done < n) {
        point();
        next += every;
      }
    }
    point();
    if (young === undefined) return { variant: v.id, points, totalMs };
    // The twin: 10 syncs like the first ten here, then no-ops timed in turn with this host's.
    for (let i = 0; i < 10; i++) syncOf(young, i, i % EDIT_EVERY === 0);
    /** @type {number[]} */
    const ys = [];
    /** @type {number[]} */
    const as = [];
    for (let i = 0; i < SAMPLES * 2; i++) {
      ys.push(syncOf(young, 10 + i, false));
      as.push(once(false));
    }
    const paired = { youngMs: median(ys), agedMs: median(as), samples: ys.length };
    log(`aged: ${v.id} paired at the end: ${paired.agedMs.toFixed(0)} ms after ${done} syncs vs ${paired.youngMs.toFixed(0)} ms after 10 (${(paired.agedMs / paired.youngMs).toFixed(2)}×)`);
    return { variant: v.id, points, totalMs, paired };
  } catch (e) {
    return { variant: v.id, points, totalMs, failure: String(e instanceof Error ? e.message : e).split('\n')[0] ?? '' };
  }
};

const kib = (/** @type {number | undefined} */ b) => (b === undefined ? '—' : `${(b / 1024).toFixed(0)} KiB`);

/**
 * The "N syncs" table.
 * @param {AgedResult[]} results
 * @param {Map<string, string>} labels   variant id → label
 */
export const renderAged = (results, labels) => {
  if (results.length === 0) return '';
  const rows = results.map((r) => {
    const a = r.points[0];
    const b = r.points.at(-1);
    const label = labels.get(r.variant) ?? r.variant;
    if (r.failure !== undefined || a === undefined || b === undefined || a === b) return `| ${label} | fails: ${r.failure ?? 'no result'} | | | | | | |`;
    const ops = a.operations !== undefined ? `${a.opLog} → ${b.opLog} (${a.operations} → ${b.operations} stored)` : '—';
    const paired = r.paired !== undefined ? `${r.paired.youngMs.toFixed(0)} ms vs ${r.paired.agedMs.toFixed(0)} ms (**${(r.paired.agedMs / r.paired.youngMs).toFixed(2)}×**, n = ${r.paired.samples} each)` : '—';
    return `| ${label} | ${a.noopMs.toFixed(0)} ms → ${b.noopMs.toFixed(0)} ms (${(b.noopMs / a.noopMs).toFixed(2)}×) | ${paired} | ${ops} | ${kib(a.opStoreBytes)} → ${kib(b.opStoreBytes)} | ${kib(a.objectBytes)} → ${kib(b.objectBytes)} | ${b.syncs} syncs in ${(r.totalMs / 1000).toFixed(0)} s (${(r.totalMs / b.syncs).toFixed(0)} ms each) |`;
  });
  const n = results[0]?.points.at(-1)?.syncs ?? 0;
  return [
    `### Cost over time: ${n.toLocaleString('en-US')} syncs (one edit in ${EDIT_EVERY}, no-ops otherwise)`,
    '',
    `No-op sync: median of ${SAMPLES} after 10 syncs → after ${n.toLocaleString('en-US')} (minutes apart, so load drift shows); then, at the end, no-op syncs`,
    'timed in turn on a twin host synced only 10 times and on the aged host (the verdict: drift hits both alike). History stores after 10 and after N.',
    '',
    '| variant | no-op sync, after 10 → after N | paired at the end: twin after 10 vs aged | jj operation log (operations stored) | jj op store | git objects | the N syncs took |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
  ].join('\n');
};
