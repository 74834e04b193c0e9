// The in-memory FleetStore: a shared "remote" of record texts, a local copy per host, and a
// linear trunk the test moves. Held to the same contract suite as the git adapter.
import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import { networkError, type SyncError } from '../../core/errors.js';
import { fleetRef, parseRecord, serializeRecord, type HostRecord } from '../../core/fleet/record.js';
import type { FleetStore } from '../../core/fleet/store.js';

/** Records as the remote holds them (host → serialized record), and how often each was written. */
export class MemoryFleetRemote {
  readonly records = new Map<string, string>();
  /** Ref updates the remote received (pushes and deletions). */
  updates = 0;
  /** False: every network operation fails like an unreachable remote. */
  reachable = true;
}

export interface MemoryFleetOptions {
  readonly remote: MemoryFleetRemote;
  /** The remote trunk as this host last fetched it, oldest first (a linear history). */
  readonly trunk?: () => readonly string[];
  /** False while this host cannot reach the remote (default: always reachable). */
  readonly online?: () => boolean;
}

/** The host's ref name, checked like the git adapter checks it. */
const checked = (host: string): ResultAsync<string, SyncError> => okAsync<undefined, SyncError>(undefined).andThen(() => fleetRef(host));

export const memoryFleetStore = (o: MemoryFleetOptions): FleetStore => {
  const local = new Map<string, string>();
  const trunk = (): readonly string[] => o.trunk?.() ?? [];
  const online = (): ResultAsync<void, SyncError> => (o.remote.reachable && (o.online?.() ?? true) ? okAsync(undefined) : errAsync(networkError('the fleet remote cannot be reached')));
  const parsed = (host: string): HostRecord | undefined => {
    const text = local.get(host);
    const r = text !== undefined ? parseRecord(text, host) : undefined;
    return r?.isOk() === true ? r.value : undefined;
  };
  return {
    read: (host) => checked(host).map(() => parsed(host)),
    // A head is a trunk commit here (the memory line holds trunk commits only as far as this store knows).
    integrated: (head) => okAsync(trunk().includes(head) ? head : undefined),
    publish: (record) =>
      checked(record.host).andThen(() =>
        online().map(() => {
          const text = serializeRecord(record);
          o.remote.records.set(record.host, text);
          o.remote.updates++;
          local.set(record.host, text);
        }),
      ),
    fetch: () =>
      online().map(() => {
        local.clear();
        for (const [h, t] of o.remote.records) local.set(h, t);
      }),
    list: () => {
      const hosts = [...local.keys()].sort((a, b) => a.localeCompare(b));
      const t = trunk();
      const head = t[t.length - 1];
      return okAsync({
        records: hosts.flatMap((h) => parsed(h) ?? []),
        invalid: hosts.filter((h) => parsed(h) === undefined),
        ...(head !== undefined ? { trunkHead: head } : {}),
      });
    },
    behind: (commit) => {
      const t = trunk();
      const i = t.indexOf(commit);
      return okAsync(i < 0 ? undefined : t.length - 1 - i);
    },
    forget: (host) =>
      checked(host).andThen(() =>
        online().map(() => {
          if (o.remote.records.delete(host)) o.remote.updates++;
          local.delete(host);
        }),
      ),
  };
};
