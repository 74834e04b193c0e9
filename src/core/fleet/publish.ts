// After a sync: this host's record, published only when it changed. Never fails the sync: the
// caller turns an error into a warning.
import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import { secretsFound, type SyncError } from '../errors.js';
import { scanForSecrets } from '../sync/secrets.js';
import type { SyncReport, SyncStatusWord } from '../sync/types.js';
import type { CommitId } from '../vcs.js';
import { needsPublish, serializeRecord, type HostRecord } from './record.js';
import type { FleetStore } from './store.js';

export interface FleetPublishDeps {
  readonly store: FleetStore;
  /** chezmoi-sync version written into the record. */
  readonly version: string;
  /** Heartbeat override (tests); default FLEET_HEARTBEAT_MS. */
  readonly heartbeatMs?: number;
}

export type FleetPublishOutcome =
  | { readonly outcome: 'published' | 'unchanged'; readonly record: HostRecord }
  | { readonly outcome: 'skipped'; readonly reason: string };

// The remote was just unreachable or refused us (a second try would wait out the same timeout),
// or another sync holds the lock and publishes its own record.
const SKIPPED: Partial<Record<SyncStatusWord, string>> = {
  'fetch-failed': 'the remote could not be reached',
  'auth-failed': 'the remote refused our credentials',
  locked: 'another sync is running',
};

/** Why a finished sync publishes no record (undefined: it publishes one when it changed). */
export const fleetSkipReason = (report: SyncReport): string | undefined => (report.dryRun ? 'dry run' : SKIPPED[report.status]);

/** The record a finished sync leaves, given the trunk commit its line now holds. */
export const recordFor = (report: SyncReport, trunkCommit: CommitId | undefined, version: string): HostRecord => ({
  schema: 1,
  host: report.host,
  lastSync: report.startedAt,
  status: report.status,
  trunkCommit: trunkCommit ?? null,
  conflicts: report.conflicts?.paths ?? [],
  conflictBranch: report.conflicts?.branch ?? null,
  version,
});

/**
 * Publishes this host's record after a sync ends. `head` is the head of the host's line after
 * the sync (the synced record's `head`); without it the previous record's trunk commit is kept.
 *
 * @example publishFleetRecord({ store, version: VERSION }, report, head) // ok({ outcome: 'unchanged', … })
 */
export const publishFleetRecord = (deps: FleetPublishDeps, report: SyncReport, head: CommitId | undefined): ResultAsync<FleetPublishOutcome, SyncError> => {
  const skip = fleetSkipReason(report);
  if (skip !== undefined) return okAsync({ outcome: 'skipped', reason: skip });
  const { store } = deps;
  return store
    .read(report.host)
    // An unreadable local copy only costs a push.
    .orElse(() => okAsync<HostRecord | undefined, SyncError>(undefined))
    .andThen((published) =>
      (head !== undefined ? store.integrated(head) : okAsync<CommitId | undefined, SyncError>(undefined))
        .orElse(() => okAsync<CommitId | undefined, SyncError>(undefined))
        .map((trunk) => ({ published, next: recordFor(report, trunk ?? published?.trunkCommit ?? undefined, deps.version) })),
    )
    .andThen(({ published, next }): ResultAsync<FleetPublishOutcome, SyncError> => {
      if (!needsPublish(published, next, deps.heartbeatMs)) return okAsync({ outcome: 'unchanged', record: published ?? next });
      // What leaves the machine passes the secret guard, like any file a push publishes.
      const found = scanForSecrets('record.json', serializeRecord(next));
      if (found.length > 0) return errAsync(secretsFound(found));
      return store.publish(next).map(() => ({ outcome: 'published' as const, record: next }));
    });
};
