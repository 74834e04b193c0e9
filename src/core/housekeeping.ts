// Housekeeping: what keeps a repository's history from growing with every sync, and the sizes
// that show it. jj keeps every operation unless told; git packs and prunes only when asked.
import type { ResultAsync } from 'neverthrow';
import type { SyncError } from './errors.js';
import type { Checkpoint } from './vcs.js';

/** How big the repository's bookkeeping is (what housekeeping keeps bounded). Unknown parts are absent. */
export interface RepoSizes {
  /** jj: operations in the operation store (the op log plus abandoned ones not yet collected). */
  readonly operations?: number;
  /** jj: bytes of the operation store (operations and views). */
  readonly opStoreBytes?: number;
  /** Bytes of git objects, loose and packed (jj: the git store behind the repo). */
  readonly objectBytes?: number;
}

/** What one housekeeping pass did. */
export interface Housekept {
  /** False when nothing was due (or nothing could be done safely). */
  readonly ran: boolean;
  /**
   * Checkpoints kept whose id changed, old id → new id: `jj op abandon` rewrites the operations
   * it keeps. The caller records the new ids wherever it promised the old ones.
   */
  readonly renamed: Readonly<Record<string, string>>;
  /** Why it did not run, or what it did: for a log line. */
  readonly note?: string;
}

/** Optional part of the Vcs port: backends without it simply never housekeep. */
export interface HousekeepingPort {
  /** Sizes of the repository's history stores (no process where the files tell). */
  sizes?(): ResultAsync<RepoSizes, SyncError>;
  /**
   * Trims history and collects garbage when due (or always with `force`), keeping every
   * checkpoint in `keep` restorable. Never touches commits a checkpoint, branch or the working
   * copy still reaches. Cheap when not due (files only, no process).
   */
  housekeep?(keep: readonly Checkpoint[], options?: { readonly force?: boolean }): ResultAsync<Housekept, SyncError>;
}
