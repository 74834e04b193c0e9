// The fleet port: where the per-host records live. Real adapter: refs on the dotfiles remote
// (src/backends/fleet); in-memory one: src/backends/memory/fleet-store.ts. Same contract suite.
import type { ResultAsync } from 'neverthrow';
import type { SyncError } from '../errors.js';
import type { CommitId } from '../vcs.js';
import type { HostRecord } from './record.js';

/** The records known here (as of the last fetch or publish), and the remote trunk they are measured against. */
export interface FleetSnapshot {
  /** Valid records, sorted by host name. */
  readonly records: readonly HostRecord[];
  /** Head of the remote trunk as of the last fetch; undefined when not known here. */
  readonly trunkHead?: CommitId;
  /** Hosts whose ref holds no valid record (left out of `records`). */
  readonly invalid: readonly string[];
}

/**
 * Per-host records outside the trunk. Every method returns a `ResultAsync`; host names are
 * checked as ref components before anything runs. A store may read the local refs once and
 * answer from that until its own publish, fetch or forget: make a new one after changing the
 * repository behind its back (a store lives for one command).
 *
 * @example
 * await store.publish(record);          // refs/chezmoi-sync/hosts/<host> on the remote
 * await store.fetch();                  // every host's record, forgotten hosts pruned
 * const { records } = (await store.list())._unsafeUnwrap();
 */
export interface FleetStore {
  /** This host's record as last published or fetched (local, no network); undefined when none. */
  read(host: string): ResultAsync<HostRecord | undefined, SyncError>;
  /** Newest commit of the remote trunk (as of the last fetch) in the history of `head`; undefined when they share none or `head` is unknown. */
  integrated(head: CommitId): ResultAsync<CommitId | undefined, SyncError>;
  /** Replaces the host's record on the remote (each host owns its ref) and keeps a local copy. */
  publish(record: HostRecord): ResultAsync<void, SyncError>;
  /** Fetches every host's record; local copies of hosts gone from the remote go too. */
  fetch(): ResultAsync<void, SyncError>;
  /** The records known here; no network. */
  list(): ResultAsync<FleetSnapshot, SyncError>;
  /** Remote-trunk commits not in the history of `commit`; undefined when `commit` is unknown here. */
  behind(commit: CommitId): ResultAsync<number | undefined, SyncError>;
  /** Deletes the host's record on the remote and here (a missing one is no error). */
  forget(host: string): ResultAsync<void, SyncError>;
}
