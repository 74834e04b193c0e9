// Measuring one sync: timed plainly, or traced (wrappers count the tools, the CLI reports its peak
// memory), and checked — a sync that did not do its job stops the bench.
import { readFileSync, rmSync } from 'node:fs';
import { breakdown, countByTool, readTrace } from './trace.mjs';

/**
 * @typedef {import('./world.mjs').Host} Host
 * @typedef {import('./variants.mjs').Variant} Variant
 * @typedef {import('./variants.mjs').SyncRun} SyncRun
 * @typedef {import('./trace.mjs').TraceRecord} TraceRecord
 * @typedef {object} Traced
 * @property {number} ms
 * @property {Record<string, number>} counts   processes per tool
 * @property {ReturnType<typeof breakdown>} split
 * @property {number | undefined} rssKb       peak RSS of the CLI process itself (chezmoi-sync only)
 * @property {TraceRecord[]} records
 * @typedef {object} Cell
 * @property {number[]} samples            wall time of each measured sync (ms)
 * @property {number[][]} stepRuns         floor only: per run, each command's time
 * @property {string[]} stepLabels
 * @property {Traced | undefined} trace
 * @property {string | undefined} failure  set when a sync did not do its job: later runs are skipped
 */

/** @returns {Cell} */
export const emptyCell = () => ({ samples: [], stepRuns: [], stepLabels: [], trace: undefined, failure: undefined });

/**
 * Runs one sync of `variant` on `host` and files it in `cell`: a warm-up is dropped, a traced
 * run gives the counts, the rest are samples. A sync that does not do its job is recorded as
 * the cell's failure (reported in the tables) and the bench goes on with the others.
 * @param {{ variant: Variant, host: Host, job: import('./floor.mjs').Job, mode: 'warmup' | 'trace-warmup' | 'sample' | 'trace', cell: Cell,
 *   check: (r: SyncRun) => string | undefined, what: string, overheadMs: number }} a
 */
export const measure = ({ variant, host, job, mode, cell, check, what, overheadMs }) => {
  const traced = mode === 'trace';
  if (traced) {
    rmSync(host.traceEnv['CHEZMOI_SYNC_BENCH_TRACE'] ?? '', { force: true });
    rmSync(host.traceEnv['CHEZMOI_SYNC_BENCH_RSS'] ?? '', { force: true });
  }
  // The traced run's own warm-up runs with the counting wrappers too: they are other binaries to
  // chezmoi-sync's caches (tool versions, the managed list), which the traced run should find
  // warm, as a user's would be.
  const r = variant.sync(host, job, traced || mode === 'trace-warmup');
  const bad = check(r);
  if (bad !== undefined) {
    cell.failure = bad;
    process.stderr.write(`bench: ${what}: ${variant.label} did not do its job (skipped from now on): ${bad}\n`);
    return r;
  }
  if (mode === 'sample') {
    cell.samples.push(r.ms);
    if (r.stepsMs !== undefined) {
      cell.stepRuns.push(r.stepsMs);
      cell.stepLabels = r.stepLabels ?? [];
    }
  }
  if (traced) {
    const records = readTrace(host.traceEnv['CHEZMOI_SYNC_BENCH_TRACE'] ?? '');
    let rssKb;
    try {
      rssKb = Number(readFileSync(host.traceEnv['CHEZMOI_SYNC_BENCH_RSS'] ?? '', 'utf8').trim());
    } catch {
      rssKb = undefined;
    }
    cell.trace = { ms: r.ms, counts: countByTool(records), split: breakdown(records, r.startNs, r.ms, overheadMs), rssKb, records };
  }
  return r;
};
