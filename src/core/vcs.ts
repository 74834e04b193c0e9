import type { ResultAsync } from 'neverthrow';
import type { SyncError } from './errors.js';
import type { HousekeepingPort } from './housekeeping.js';
import type { CommitIdentity } from './identity.js';

/** Which engine drives a repository. `memory` is the in-memory fake from `chezmoi-sync/testing`. */
export type BackendKind = 'jj' | 'git' | 'memory';

/** A commit id: full lowercase hex for jj and git, an opaque string for the memory backend. */
export type CommitId = string;

export interface RemoteInfo {
  readonly name: string;
  /** The URL a fetch uses (the remote's first `url`). */
  readonly url: string;
  /** Every other URL git may talk to for this remote: its further `url`s (a push goes to each) and its `pushurl`s. */
  readonly otherUrls?: readonly string[];
}

/** What `open` found out about a repository. */
export interface RepoInfo {
  /** Absolute path of the working-copy root. */
  readonly root: string;
  readonly backend: BackendKind;
  /** jj: a `.git` lives beside `.jj` (git sees the same commits). git: always false. */
  readonly colocated: boolean;
  readonly remotes: readonly RemoteInfo[];
  /** Trunk branch name from the remote's default branch (`origin/HEAD`), when known. */
  readonly trunk?: string;
}

export type ChangeKind = 'added' | 'modified' | 'deleted' | 'renamed' | 'conflicted' | 'other';

export interface FileChange {
  /** Path relative to the repository root, `/`-separated. */
  readonly path: string;
  readonly kind: ChangeKind;
}

/** One version of a file that a push would publish. */
export interface OutgoingFile {
  /** The commit holding this version (not yet on the remote). */
  readonly commit: CommitId;
  /** Path relative to the repository root, `/`-separated. */
  readonly path: string;
}

export interface WorkingCopyStatus {
  /** Uncommitted changes in the working copy. */
  readonly changes: readonly FileChange[];
  /**
   * Paths in the working copy whose names are not valid UTF-8, escaped (`dot_caf\xE9rc`): they
   * are left out of every commit (`commitAll`) and not in `changes`. Absent when there are none.
   */
  readonly unsyncable?: readonly string[];
  /**
   * git repositories inside the working copy that are no submodule (a clone made inside the
   * source dir), relative paths; ignored ones (`.gitignore`) are not listed. What they hold is
   * another repository's: never committed (jj leaves them out itself; git would record a bare
   * pointer to a commit no other machine has, so they are never staged). Absent when there are none.
   */
  readonly embedded?: readonly string[];
  /**
   * Commits of the local line (the working-copy commit included) whose tree holds a conflict the
   * backend recorded (jj: a commit made on top of a conflicted one, a rebase a person ran). Nothing
   * of such a line can be published (jj refuses to push a conflicted commit) until a person
   * resolves it. Oldest first; absent when there are none (and always with git).
   */
  readonly conflicted?: readonly ConflictedLineCommit[];
}

/** A commit of the local line that holds unresolved conflicts. */
export interface ConflictedLineCommit {
  readonly id: CommitId;
  /** jj change id (what a person types in `jj squash --into`). */
  readonly changeId: string;
  /** First line of its description ('' without one). */
  readonly summary: string;
  /** The conflicted paths in its tree, relative to the repository root. */
  readonly paths: readonly string[];
}

export interface CommitInfo {
  readonly id: CommitId;
  /** jj change id; equals `id` on other backends. */
  readonly changeId: string;
  readonly description: string;
  readonly author: { readonly name: string; readonly email: string; readonly timestamp: string };
  readonly parents: readonly CommitId[];
}

/** Outcome of `commitAll`. */
export type CommitOutcome =
  | { readonly committed: true; readonly commit: CommitInfo }
  | { readonly committed: false };

/** A branch of a remote: the line a sync follows (`origin` / `main`). */
export interface LineRef {
  readonly remote: string;
  readonly branch: string;
}

/** Where the local line of work stands relative to a remote branch. */
export interface Divergence {
  /** Local commits not on the remote branch (oldest first). */
  readonly ahead: readonly CommitInfo[];
  /** Remote commits not in the local line (oldest first). */
  readonly behind: readonly CommitInfo[];
  /** Head of the local line of work (the last commit, not jj's empty working-copy commit). */
  readonly head: CommitId;
  /** Where the remote-tracking ref points, or undefined when the remote branch does not exist yet. */
  readonly remoteHead?: CommitId;
}

/** Outcome of `rebase`. A conflict is an expected outcome, not an error. */
export type RebaseOutcome =
  | {
      readonly status: 'up-to-date' | 'rebased';
      /** The new head of the local line of work. */
      readonly head: CommitId;
    }
  | {
      readonly status: 'conflict';
      /** Conflicted paths, relative to the root. */
      readonly paths: readonly string[];
      /** Local commits that could not be rebased cleanly (pre-rebase ids). */
      readonly commits: readonly CommitId[];
      /** The repository is back where it was before the rebase: no markers anywhere. */
      readonly restored: true;
    };

/** An opaque token for "the repository as it was at this point" (jj operation id, git ref state). */
/** See `Vcs.checkpoint`. */
export interface CheckpointOptions {
  readonly afterStatus?: boolean;
}

export interface Checkpoint {
  readonly backend: BackendKind;
  readonly id: string;
}

export interface PushOptions {
  readonly remote: string;
  readonly branch: string;
}

/** A branch (git) or bookmark (jj). */
export interface BranchInfo {
  readonly name: string;
  /** Local target, if the branch exists locally. */
  readonly target?: CommitId;
  /** Target on each remote that has it, keyed by remote name (as of the last fetch). */
  readonly remoteTargets: Readonly<Record<string, CommitId>>;
}

/**
 * The VCS port: what any backend must do for a sync. Every method returns a `ResultAsync`
 * and never throws. Names (branches, remotes) and paths are validated before any process runs.
 *
 * The model: a local line of work (jj: the ancestors of `@`; git: the checked-out branch)
 * sits on top of a remote trunk. A sync commits local changes, fetches, rebases the local
 * commits onto the remote trunk and pushes.
 *
 * @example
 * const vcs = (await openJj('/home/me/.local/share/chezmoi')).unwrapOr(undefined);
 * await vcs.commitAll('sync');
 * await vcs.fetch('origin');
 * const r = await vcs.rebase({ remote: 'origin', branch: 'main' });
 * if (r.isOk() && r.value.status !== 'conflict') {
 *   await vcs.setBranch('main', r.value.head);
 *   await vcs.push({ remote: 'origin', branch: 'main' });
 * }
 */
export interface Vcs extends HousekeepingPort {
  readonly kind: BackendKind;
  /** Absolute root of the working copy. */
  readonly root: string;
  /**
   * The reads (status, log, the local line) may run while a fetch is in flight. Not for jj: every
   * jj command imports the refs that the git under `jj git fetch` is rewriting, and one caught
   * half-way fails (seen: "Revision `main@origin` doesn't exist" while the remote deleted it).
   */
  readonly readsDuringFetch?: boolean;

  /** Root, remotes, trunk name, colocation. */
  info(): ResultAsync<RepoInfo, SyncError>;

  /**
   * Uncommitted changes in the working copy. `line`: the remote branch whose divergence the caller
   * asks next, with no write in between; a backend may read it with the same query (jj does: one
   * `jj log` for both). The answer is the same with or without it.
   */
  status(line?: LineRef): ResultAsync<WorkingCopyStatus, SyncError>;

  /**
   * Commits every change in the working copy (new files included), or reports nothing to commit.
   * `line`: as for `status`, the remote branch whose divergence is asked next (jj reads the new
   * commit with it, in one `jj log`).
   */
  commitAll(message: string, line?: LineRef): ResultAsync<CommitOutcome, SyncError>;

  /** Fetches all branches of a remote. Errors: `network`, `auth`, `not-a-repo` (remote missing). */
  fetch(remote: string): ResultAsync<void, SyncError>;

  /** Local commits vs. `remote/branch` as of the last fetch. */
  divergence(remote: string, branch: string): ResultAsync<Divergence, SyncError>;

  /**
   * Rebases the local unpublished commits onto `remote/branch` (as of the last fetch).
   * On conflict the repository is restored to its pre-rebase state and the paths are reported.
   */
  rebase(onto: { remote: string; branch: string }): ResultAsync<RebaseOutcome, SyncError>;

  /**
   * Records the current state so that `restore` can return to it, edits on disk included.
   * `afterStatus`: the caller wrote nothing into the working copy since its last `status()`, so
   * the state that status saw will do (jj: read from disk, no process; a save made since is not
   * in it, and `restore` refuses to drop such a save).
   */
  checkpoint(options?: CheckpointOptions): ResultAsync<Checkpoint, SyncError>;

  /** Returns the repository to a checkpoint. Never discards uncommitted work silently. */
  restore(checkpoint: Checkpoint): ResultAsync<void, SyncError>;

  /** Conflicted paths in the working copy (empty when clean). */
  conflicts(): ResultAsync<readonly string[], SyncError>;

  /**
   * Submodules (root-relative paths) whose checkout is not what the line holds: another commit
   * checked out (moved by hand, or a new pointer came in and nothing moved the checkout), files
   * edited or added in it, its directory gone. A sync never changes a submodule — never commits
   * its checkout (git: never staged; jj leaves submodules alone itself), never moves it — so the
   * run says which ones are out of step. Asked at the end of a run. Optional: a backend without
   * submodules has none.
   */
  submodules?(): ResultAsync<readonly string[], SyncError>;

  /**
   * True when `commit` is in the local line of work: its head or one of the head's ancestors
   * (jj: an ancestor of `@`; git: of `HEAD`). False for a commit the repository does not know
   * (a re-clone) or that the line left (a reset, a branch switch, `jj new` elsewhere). Optional:
   * without it the engine cannot tell and trusts what it recorded.
   */
  inLine?(commit: CommitId): ResultAsync<boolean, SyncError>;
  /**
   * True when a later version of `commit` is in the local line: the same change rewritten — rebased,
   * amended, a fix squashed into it (jj: its change id; git: its author, author date and message,
   * which a rebase keeps). Optional.
   */
  rewrittenInLine?(commit: CommitId): ResultAsync<boolean, SyncError>;

  /**
   * The branch the line of work is on (git: the checked-out branch; undefined on a detached HEAD).
   * Absent for backends whose line is not a branch (jj: the ancestors of `@`).
   */
  lineBranch?(): ResultAsync<string | undefined, SyncError>;

  /**
   * Optional (git): renames the checked-out branch to `to`, keeping HEAD on it. Used when the
   * remote's default branch was renamed and the local line still carries the old name.
   */
  renameLineBranch?(to: string): ResultAsync<void, SyncError>;

  /**
   * Optional (git): the branch on `remote` that the line's branch tracks (git's `branch.<name>.merge`
   * when `branch.<name>.remote` is `remote`), whether or not the remote still has it.
   */
  lineUpstream?(remote: string): ResultAsync<string | undefined, SyncError>;

  /** Paths changed between two commits (relative to the root). */
  changedPaths(from: CommitId, to: CommitId): ResultAsync<readonly FileChange[], SyncError>;

  /**
   * What a push would publish: every file added or modified by the commits reachable from `head`
   * and not from any remote-tracking branch of `remote` (as of the last fetch), with the commit
   * that holds that version. For the secret guard; the same path may appear once per commit.
   */
  outgoingFiles(remote: string, head: CommitId): ResultAsync<readonly OutgoingFile[], SyncError>;

  /**
   * Streams the content of each file (as of its commit) to `onChunk`, in chunks: memory stays
   * bounded whatever the files' sizes; chunks of one file arrive in order (files may interleave).
   */
  readFiles(files: readonly OutgoingFile[], onChunk: (file: OutgoingFile, chunk: Uint8Array) => void): ResultAsync<void, SyncError>;

  /** Branches/bookmarks, local and remote-tracking. */
  branches(): ResultAsync<readonly BranchInfo[], SyncError>;

  /** Creates or moves a local branch/bookmark to `target` (sideways and backwards moves allowed). */
  setBranch(name: string, target: CommitId): ResultAsync<void, SyncError>;

  /** Deletes a local branch/bookmark; the next push of it deletes it on the remote. */
  deleteBranch(name: string): ResultAsync<void, SyncError>;

  /**
   * Pushes one branch with lease semantics: succeeds only if the remote branch is still
   * where the last fetch saw it (absent counts). Errors: `rejected`, `network`, `auth`.
   * A branch deleted locally is deleted on the remote.
   */
  push(options: PushOptions): ResultAsync<void, SyncError>;

  /** The most recent commits of the local line of work, newest first. */
  log(limit: number): ResultAsync<readonly CommitInfo[], SyncError>;

  /**
   * Guided resolution, step 1 (optional capability): merges `remote/branch` into the local line.
   * A clean merge is committed at once; otherwise the conflicted files are left in the working
   * copy with markers for a person to edit (jj: a conflicted merge commit; git: a merge in
   * progress). Take a `checkpoint()` first: `restore` is how a resolution is aborted.
   */
  beginMerge?(onto: { remote: string; branch: string }, message: string): ResultAsync<MergeOutcome, SyncError>;

  /**
   * Guided resolution, step 2: records the person's resolution and completes the merge.
   * Error `conflict` (with the paths) while any conflict remains.
   */
  finishMerge?(message: string): ResultAsync<{ readonly head: CommitId }, SyncError>;

  /**
   * The name and email this repository's commits are made with, and where they come from
   * (optional capability; resolved once per open, on first use). Error `invalid-input`
   * (field `identity`) when none is configured: nothing can be committed then.
   */
  identity?(): ResultAsync<CommitIdentity, SyncError>;

  /**
   * After a run of ours was killed while the tool wrote: puts back what it left half-done (git:
   * its lock files, which would stop every later write, then a rebase of ours in progress; jj: the
   * lock files in the git dir behind it, then a rebase of ours not yet undone). Returns what was recovered. Optional; call only while holding
   * the sync lock, before anything else writes — `open` never does this (a read-only command opens
   * without the lock, perhaps while a sync rebases).
   */
  recoverInterrupted?(): ResultAsync<readonly string[], SyncError>;

  /**
   * What `recoverInterrupted` would put back, described for a person; reads only. A sync running
   * now (holding the sync lock) leaves the same things while it works: ask only when none does.
   * Optional.
   */
  interrupted?(): ResultAsync<readonly string[], SyncError>;
}

/** Outcome of `beginMerge`. */
export type MergeOutcome =
  | { readonly status: 'merged'; readonly head: CommitId }
  | { readonly status: 'conflicted'; readonly paths: readonly string[] };

// The factory side of the port (options, tool versions, `VcsFactory`) lives beside it.
export type { BackendOptions, ToolVersion, VcsFactory } from './vcs-factory.js';
