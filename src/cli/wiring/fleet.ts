// The fleet store of a source repository, and the record a sync leaves there. The store runs git
// on the repository git keeps: `.git`, or the one behind a jj repo.
import { join } from 'node:path';
import { errAsync, okAsync, ResultAsync } from 'neverthrow';
import { gitFleetStore } from '../../backends/fleet/git-fleet-store.js';
import { nodeFs } from '../../backends/fs/node-fs.js';
import { gitDirOf } from '../../backends/jj/locate.js';
import { notARepo, type SyncError } from '../../core/errors.js';
import { fleetSkipReason, publishFleetRecord, type FleetPublishOutcome } from '../../core/fleet/publish.js';
import type { FleetStore } from '../../core/fleet/store.js';
import { readSyncedHead, syncedRecordPath } from '../../core/sync/state.js';
import type { SyncReport } from '../../core/sync/types.js';
import { VERSION } from '../../version.js';
import type { ConfigValues } from '../config/load.js';
import { findExistingRepo } from './existing-repo.js';

/** The git directory of a repository root: jj's backing store, or `.git`. */
export const gitDirFor = (root: string, jj: boolean): ResultAsync<string, SyncError> => (jj ? gitDirOf(root) : okAsync(join(root, '.git')));

/** The store over the repository rooted at `root`, talking to the configured remote. */
export const fleetStoreAt = (v: ConfigValues, root: string, jj: boolean, trunk?: string): ResultAsync<FleetStore, SyncError> =>
  gitDirFor(root, jj).map((gitDir) =>
    gitFleetStore({
      gitDir,
      remote: v.remote,
      timeoutMs: Math.round(v.timeout * 1000),
      allowProtocols: v.allowProtocols,
      ...(trunk ?? v.trunk) !== undefined ? { trunk: trunk ?? v.trunk } : {},
      ...(v.git !== undefined ? { binary: v.git } : {}),
    }),
  );

/** The store of the repository holding `sourceDir` (found on disk; no process). */
export const fleetStoreFor = (v: ConfigValues, sourceDir: string): ResultAsync<FleetStore, SyncError> =>
  ResultAsync.fromSafePromise(findExistingRepo(sourceDir)).andThen((repo) => {
    if (repo.isErr()) return errAsync(repo.error);
    if (repo.value === undefined) return errAsync(notARepo(sourceDir));
    return fleetStoreAt(v, repo.value.root, repo.value.jj);
  });

/**
 * After a sync: publish this host's record when it changed. The head of the host's line is the
 * one the sync recorded (state, no process).
 */
export const publishAfterSync = (v: ConfigValues, report: SyncReport): ResultAsync<FleetPublishOutcome, SyncError> => {
  const skip = fleetSkipReason(report);
  if (skip !== undefined) return okAsync({ outcome: 'skipped', reason: skip });
  return fleetStoreFor(v, report.sourceDir).andThen((store) =>
    readSyncedHead(nodeFs, syncedRecordPath(v.stateDir, report.sourceDir)).andThen((head) => publishFleetRecord({ store, version: VERSION }, report, head)),
  );
};
