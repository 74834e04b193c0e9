// What the sequence runner needs from a world, real (jj/git/chezmoi processes) or in memory.
// Everything observed is read from files and repository objects, never from the tool's report.
import type { SyncError } from '../../src/core/errors.js';
import type { SyncReport } from '../../src/core/sync/types.js';
import type { Net, PersonKind, Where } from './model.js';

/** How one sync ended, as the caller saw it. */
export type SyncOutcome =
  | { readonly kind: 'report'; readonly report: SyncReport; readonly via: 'sdk' | 'cli' }
  | { readonly kind: 'error'; readonly error: Pick<SyncError, 'kind' | 'message'> & Record<string, unknown>; readonly via: 'sdk' | 'cli' };

/** A sync that was meant to be killed: it either was, or finished first. */
export type KillOutcome = { readonly killed: true; readonly at: string } | { readonly killed: false; readonly outcome: SyncOutcome };

/** How a guided resolution went: nothing to resolve, or resolved and synced, or an error. */
export type ResolveOutcome =
  | { readonly kind: 'nothing'; readonly sync?: SyncOutcome }
  | { readonly kind: 'resolved'; readonly paths: readonly string[]; readonly sync: SyncOutcome }
  | { readonly kind: 'error'; readonly error: Pick<SyncError, 'kind' | 'message'> };

/** Another tool's edit of the trunk: which file and the token it replaced. */
export interface OtherEdit {
  readonly file: string;
  readonly slot: number;
  readonly old: string | undefined;
}

export interface HostObservation {
  readonly name: string;
  /** Files under HOME (relative), chezmoi's and the tools' own directories left out. */
  readonly home: ReadonlyMap<string, string>;
  /** The source dir's working copy (relative), VCS metadata left out. */
  readonly source: ReadonlyMap<string, string>;
  readonly stateJson: string | undefined;
  readonly lastStatus: string | undefined;
  readonly lockExists: boolean;
  /** Tokens in any commit of the host's local repository (computed on demand: it costs a process). */
  localTokens(): Promise<ReadonlySet<string>>;
}

export interface Observation {
  /** Branch name → (path → content) of the remote, every branch. */
  readonly remote: ReadonlyMap<string, ReadonlyMap<string, string>>;
  readonly hosts: readonly HostObservation[];
}

/** How a person re-clones: with git, with git and then jj colocated, or by letting the tool clone. */
export type RecloneHow = 'git' | 'colocate' | 'tool' | 'no-checkout';

/** A person's own hands on a host's source repository (see model.ts `PersonCommand`). */
export interface PersonOps {
  /** The person actions this driver can play; the others are never generated for it. */
  readonly kinds: ReadonlySet<PersonKind>;
  /** git: a switch leaves the person on their own branch; jj: `@` moves, the old line stays off it. */
  readonly backend: 'git' | 'jj' | 'memory';
  /**
   * `rm -rf` + `git clone` (then `jj git init --colocate` when `how` says so), or (`tool`) `rm -rf`
   * and the tool's own clone — its first attempt killed as the clone ends, then a sync that must
   * clone it whole. False: offline, nothing changed.
   */
  reclone(host: string, how: RecloneHow): Promise<boolean>;
  /** Back to the remote trunk as this host last fetched it, local work on the line dropped. */
  resetToTrunk(host: string): Promise<void>;
  /** Onto a new branch (git) / working-copy parent (jj) at the remote trunk; false when git refused. */
  switchAway(host: string, branch: string): Promise<boolean>;
  /** Whether a commit made now lands on the trunk's line (git: the trunk branch is checked out). */
  onTrunkLine(host: string): Promise<boolean>;
  /** Commits everything in the source dir by hand; false when there was nothing to commit. */
  commitByHand(host: string, message: string): Promise<boolean>;
  /** Renames the remote's default branch (`main` → `to`) as a hosting service does. */
  renameTrunk(to: string): Promise<void>;
  /** Follows a renamed default branch as the error says: `git remote set-head origin --auto`. */
  followTrunk(host: string): Promise<void>;
  /** git: back to the trunk branch (`git switch main`), committing what is in the way on the person's branch first; true when it had to. */
  switchBack(host: string): Promise<boolean>;
  /** Renames a managed file in HOME and in the source dir (`mv` in both). */
  renameFile(host: string, from: string, to: string): Promise<void>;
  /** Pulls the remote trunk into the source dir by hand (see PersonCommand 'pull'); false when backed out or refused. */
  pullByHand(host: string): Promise<boolean>;
  /**
   * A sync, then `undo` of it (see PersonCommand 'undo'); `between` runs after a sync that changed
   * the repository, before the undo. A note on what happened, for the log.
   */
  syncThenUndo(host: string, between?: () => Promise<void>): Promise<string>;
  /**
   * Gives the host's `origin` a hostile push URL, or (`second`) a second URL, whose command would
   * leave a mark (see PersonCommand 'push-url'); false when there is no repository to give it to.
   * Drivers without URLs (memory) have none of the three.
   */
  setHostileUrl?(host: string, second: boolean): Promise<boolean>;
  /** Removes every hostile URL of the host's `origin`, as the sync's error says. */
  clearHostileUrl?(host: string): Promise<void>;
  /** Whether a hostile URL's command ever ran (on any host). */
  hostileRan?(): boolean;
  /** Turns on signing in the host's git config (see PersonCommand 'sign-commits'); false when it was on already. */
  signCommits?(host: string): Promise<boolean>;
  /** Whether the signer was ever asked to sign without the person's agent (by a sync, on any host). */
  signedUnattended?(): boolean;
  /** Plays PersonCommand 'submodule' on the host; a note for the log (why it was not played, too). */
  updateSubmodule?(host: string): Promise<string>;
  /** Whether the host has the submodule checked out at another commit than its line records (or edited). */
  submoduleOutOfStep?(host: string): boolean;
  /** As a sync's `submodule-out-of-step` error says: `git submodule update --init -- PATH`. */
  followSubmodule?(host: string): Promise<void>;
  /** What is wrong with the trunk's pointer (it went back to an older release, or names none), or what a remote branch holds of a plugin cloned inside. */
  submoduleProblems?(): string[];
  /** Clones the plugin into the host's source dir with plain git (PersonCommand 'submodule', `clone`); a note for the log. */
  cloneInside?(host: string): Promise<string>;
  /** Whether the host's source dir holds a clone of the plugin that `.gitignore` does not keep out. */
  cloneInsideShown?(host: string): boolean;
  /** As a sync's `repository-inside` error says: the clone goes into `.gitignore`. */
  ignoreCloneInside?(host: string): Promise<void>;
  /**
   * As a sync's `conflicted-line` error says (jj): every conflicted commit of the line resolved
   * where it arose, oldest first — `jj edit` it, `resolve` writes its conflicted files, then back
   * to the commit @ was. A note for the log.
   */
  resolveConflictedLine?(host: string, resolve: (paths: readonly string[]) => Promise<void>): Promise<string>;
  /**
   * A preserved conflict resolved by hand instead of with `resolve`: the line rebased onto the
   * fetched trunk (`git rebase origin/<trunk>` / `jj rebase -b @ -d <trunk>@origin`), each stop's
   * conflicted files written by `resolve`, then finished (`git rebase --continue` / `jj edit` and
   * back). `finished`: false when the person backed out (the rebase would not finish).
   */
  resolveByHand?(host: string, resolve: (paths: readonly string[]) => Promise<void>): Promise<{ readonly finished: boolean; readonly note: string }>;
}

export interface Driver {
  /** Person actions, when the driver can play any. */
  readonly person?: PersonOps;
  /** The subset of `texts` stored as a file's content in some repository of the world (any object, reachable or not). */
  stored(texts: readonly string[]): Promise<Set<string>>;
  readonly label: string;
  readonly hosts: readonly string[];
  /** A host's HOME (absolute), as reports name files in it. */
  home(host: string): string;
  /** Model files present in a host's source dir, sorted. */
  managed(host: string): string[];
  read(host: string, where: Where, file: string): string | undefined;
  write(host: string, where: Where, file: string, text: string): void;
  /** `chezmoi add` of the HOME file that `file` (a source name) manages; the HOME file exists. */
  chezmoiAdd(host: string, file: string): Promise<void>;
  removeSource(host: string, file: string): void;
  setNetwork(host: string, mode: Net): void;
  sync(host: string): Promise<SyncOutcome>;
  /** A sync during which `other` runs once, just before the first push of the trunk. */
  syncWithRace(host: string, other: () => Promise<OtherEdit | undefined>): Promise<{ outcome: SyncOutcome; raced: boolean }>;
  kill(host: string, point: number): Promise<KillOutcome>;
  concurrent(host: string): Promise<readonly SyncOutcome[]>;
  /**
   * `chezmoi-sync resolve`, then `decide(paths)` plays the person (writes the resolved files in the
   * source dir), then `resolve --continue`.
   */
  resolve(host: string, decide: (paths: readonly string[]) => Promise<void>): Promise<ResolveOutcome>;
  /** Another tool edits slot `slot` of trunk file number `file` to `token` and pushes. */
  otherEdit(file: number, slot: number, token: string): Promise<OtherEdit | undefined>;
  observe(): Promise<Observation>;
  /** A fresh world (same hosts) for the next sequence. */
  reset(): Promise<void>;
  dispose(): void;
}
