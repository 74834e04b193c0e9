// After step 8, still under the lock: housekeeping when due (core/sync/housekeep.ts). Only after a
// clean run, so that a conflict or a failure is reported without delay; a failure of its own is a
// note, never the run's outcome.
import { okAsync, ResultAsync } from 'neverthrow';
import type { SyncError } from '../../errors.js';
import type { Vcs } from '../../vcs.js';
import { housekeep } from '../housekeep.js';
import type { SyncReport } from '../types.js';
import type { RunInfo } from './state.js';

export const upkeep = (run: RunInfo, vcs: Vcs | undefined, r: SyncReport): ResultAsync<SyncReport, SyncError> => {
  if (vcs === undefined || r.status !== 'success' || run.o.dryRun) return okAsync(r);
  return ResultAsync.fromSafePromise(housekeep({ fs: run.deps.fs, stateDir: run.o.stateDir, sourceDir: r.sourceDir, vcs, now: run.o.now() })).map((h) => {
    if (h.isErr()) run.progress.info(`housekeeping failed (the sync itself succeeded): ${h.error.message}`);
    else if (h.value?.ran === true) run.progress.info(`housekeeping: ${h.value.note ?? 'done'}`);
    return r;
  });
};
