// What `fleet`, `status` and `doctor` show: each host with how far behind trunk it is, a
// one-line summary, and hosts not seen for long. Pure but for the store's `behind` count.
import { okAsync, ResultAsync } from 'neverthrow';
import type { SyncError } from '../errors.js';
import type { CommitId } from '../vcs.js';
import type { HostRecord } from './record.js';
import type { FleetSnapshot, FleetStore } from './store.js';

/** One host as listed. `behind` is undefined when it cannot be counted here (`behindUnknown` says why). */
export interface FleetHost {
  readonly record: HostRecord;
  readonly behind?: number;
  readonly behindUnknown?: string;
}

export interface FleetView {
  readonly hosts: readonly FleetHost[];
  readonly trunkHead?: CommitId;
  readonly invalid: readonly string[];
}

type Count = { readonly behind: number } | { readonly behindUnknown: string };

/** Counts, per distinct recorded trunk commit, the trunk commits a host has not integrated. */
export const fleetView = (store: FleetStore, snapshot: FleetSnapshot): ResultAsync<FleetView, SyncError> => {
  const { records, trunkHead } = snapshot;
  const commits = [...new Set(records.flatMap((r) => (r.trunkCommit !== null && r.trunkCommit !== trunkHead ? [r.trunkCommit] : [])))];
  const counted = trunkHead === undefined ? okAsync<(number | undefined)[], SyncError>([]) : ResultAsync.combine(commits.map((c) => store.behind(c)));
  return counted.map((counts) => {
    const byCommit = new Map(commits.map((c, i) => [c, counts[i]]));
    const countOf = (r: HostRecord): Count => {
      if (trunkHead === undefined) return { behindUnknown: 'the remote trunk is not known here' };
      if (r.trunkCommit === null) return { behindUnknown: 'its record names no trunk commit' };
      if (r.trunkCommit === trunkHead) return { behind: 0 };
      const n = byCommit.get(r.trunkCommit);
      return n !== undefined ? { behind: n } : { behindUnknown: `its trunk commit ${r.trunkCommit.slice(0, 12)} is not known here` };
    };
    return { hosts: records.map((record) => ({ record, ...countOf(record) })), invalid: snapshot.invalid, ...(trunkHead !== undefined ? { trunkHead } : {}) };
  });
};

/** Hosts whose last sync is older than `staleAfterMs`, oldest first. */
export const staleHosts = (records: readonly HostRecord[], now: Date, staleAfterMs: number): HostRecord[] =>
  records.filter((r) => now.getTime() - Date.parse(r.lastSync) > staleAfterMs).sort((a, b) => Date.parse(a.lastSync) - Date.parse(b.lastSync));

const names = (rs: readonly HostRecord[]): string => rs.map((r) => r.host).join(', ');

/**
 * One line for `status`, from the snapshot alone (no count, no network): a host is "behind"
 * when the trunk commit it recorded is not the trunk's head.
 * @example fleetSummary(snapshot) // '3 hosts: 1 behind (c), 1 with conflicts (b), 1 failing (d)'
 */
export const fleetSummary = (snapshot: FleetSnapshot): string => {
  const rs = snapshot.records;
  if (rs.length === 0) return 'no host records yet';
  const parts: string[] = [];
  const behind = snapshot.trunkHead === undefined ? [] : rs.filter((r) => r.trunkCommit !== snapshot.trunkHead);
  const conflicted = rs.filter((r) => r.conflicts.length > 0 || r.status === 'conflicts-preserved');
  const failing = rs.filter((r) => !['success', 'conflicts-preserved'].includes(r.status));
  parts.push(`${rs.length - behind.length} up to date`);
  if (behind.length > 0) parts.push(`${behind.length} behind (${names(behind)})`);
  if (conflicted.length > 0) parts.push(`${conflicted.length} with conflicts (${names(conflicted)})`);
  if (failing.length > 0) parts.push(`${failing.length} failing (${names(failing)})`);
  return `${rs.length} host${rs.length === 1 ? '' : 's'}: ${parts.join(', ')}`;
};
