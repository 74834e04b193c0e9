// Where memory repositories live: their state is attached to the MemoryFs that holds their
// working copies, so every factory over the same MemoryFs (one per simulated host, or one per
// run of the sync) sees the same repositories, as processes on one machine see one disk.
import { posix } from 'node:path';
import type { CommitId, FileChange } from '../../core/vcs.js';
import type { MemoryFs } from './fs.js';
import { diffTrees, treeOf, type Author, type CommitStore, type Tree } from './model.js';
import type { MemoryRemote } from './remote.js';

/** Who acts on a repository: the simulated host, its identity and clock. */
export interface Actor {
  readonly host: string;
  readonly author: Author;
  readonly clock: () => Date;
}

export interface RemoteLink {
  readonly url: string;
  readonly remote: MemoryRemote;
}

/** A guided merge waiting for a person: the working copy holds `tree`, markers included. */
export interface MergeInProgress {
  /** The remote commit being merged in (second parent of the merge commit). */
  readonly theirs: CommitId;
  /** Paths written with conflict markers. */
  readonly paths: readonly string[];
  /** What beginMerge wrote: the merge as far as it went, markers included. */
  readonly tree: Tree;
}

/** Everything a checkpoint restores. */
export interface RepoSnapshot {
  readonly head: CommitId;
  readonly branches: ReadonlyMap<string, CommitId>;
  readonly tracking: ReadonlyMap<string, ReadonlyMap<string, CommitId>>;
  readonly pendingDeletes: ReadonlySet<string>;
  readonly files: Tree;
  readonly merging: MergeInProgress | undefined;
}

/** One repository: its commits and refs; the working copy is the MemoryFs under `root`. */
export interface RepoState {
  readonly root: string;
  readonly commits: CommitStore;
  /** Head of the local line of work (ROOT_ID before the first commit). */
  head: CommitId;
  branches: Map<string, CommitId>;
  /** Remote-tracking refs per remote, as of the last fetch or push. */
  tracking: Map<string, Map<string, CommitId>>;
  /** Branches deleted locally whose next push deletes them on the remote. */
  pendingDeletes: Set<string>;
  readonly remotes: Map<string, RemoteLink>;
  trunk: string | undefined;
  readonly checkpoints: Map<string, RepoSnapshot>;
  /** Paths a test marked as conflicted in the working copy (`inspect().setConflicted`). */
  conflicted: string[];
  /** A guided merge in progress (`beginMerge` … `finishMerge`). */
  merging: MergeInProgress | undefined;
}

const registry = new WeakMap<MemoryFs, Map<string, RepoState>>();

const reposOf = (fs: MemoryFs): Map<string, RepoState> => {
  let repos = registry.get(fs);
  if (repos === undefined) {
    repos = new Map();
    registry.set(fs, repos);
  }
  return repos;
};

/** An absolute, normalised path without a trailing slash. */
export const normalizePath = (path: string): string => posix.resolve('/', path);

/** The repository whose root is exactly `path`. */
export const repoAt = (fs: MemoryFs, path: string): RepoState | undefined => reposOf(fs).get(normalizePath(path));

/** The repository whose root is `path` or its nearest ancestor. */
export const findRepo = (fs: MemoryFs, path: string): RepoState | undefined => {
  const repos = reposOf(fs);
  for (let p = normalizePath(path); ; p = posix.dirname(p)) {
    const r = repos.get(p);
    if (r !== undefined || p === '/') return r;
  }
};

export const addRepo = (fs: MemoryFs, state: RepoState): void => {
  reposOf(fs).set(state.root, state);
};

/** Files of the working copy, relative to the root. */
export const readWorkingCopy = (fs: MemoryFs, root: string): Tree => fs.snapshot(root);

/** Makes the working copy hold exactly `tree`. */
export const writeWorkingCopy = (fs: MemoryFs, root: string, tree: Tree): void => {
  for (const [rel] of fs.snapshot(root)) if (!tree.has(rel)) fs.remove(posix.join(root, rel));
  for (const [rel, content] of tree) {
    const path = posix.join(root, rel);
    if (fs.read(path) !== content) fs.write(path, content);
  }
};

/** What the working copy is compared with: the head's tree, or the merge in progress. */
export const workingBase = (state: RepoState): Tree => state.merging?.tree ?? treeOf(state.commits, state.head);

/** Uncommitted changes: the working copy against its base, sorted by path. */
export const workingChanges = (fs: MemoryFs, state: RepoState): FileChange[] =>
  diffTrees(workingBase(state), readWorkingCopy(fs, state.root));
