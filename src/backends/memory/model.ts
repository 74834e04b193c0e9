// The commit model shared by memory repositories and remotes: immutable trees (path → content),
// content-addressed commits, and the graph walks the VCS port needs.
import { createHash } from 'node:crypto';
import type { ChangeKind, CommitId, CommitInfo, FileChange } from '../../core/vcs.js';
import { conflictRegion, merge3, splitLines, type MergeLabels } from '../../core/util/diff3.js';

/** A snapshot of files: path relative to the repository root → content. Never mutated. */
export type Tree = ReadonlyMap<string, string>;

/** A commit author. @example const author: Author = { name: 'Ada', email: 'ada@example.org' }; */
export interface Author {
  readonly name: string;
  readonly email: string;
}

/** A commit of the memory backend; its id is a hash of everything else, like git's. */
export interface MemoryCommit {
  readonly id: CommitId;
  readonly parents: readonly CommitId[];
  readonly tree: Tree;
  readonly message: string;
  readonly author: Author & { readonly timestamp: string };
}

export type CommitStore = Map<CommitId, MemoryCommit>;

/** Stands for "no commit yet" (an empty repository), like jj's root commit. Never stored. */
export const ROOT_ID: CommitId = '0'.repeat(40);

export const EMPTY_TREE: Tree = new Map();

/** Builds a commit whose id is the SHA-1 of its canonical contents: deterministic, no randomness. */
export const makeCommit = (c: Omit<MemoryCommit, 'id'>): MemoryCommit => {
  const canonical = JSON.stringify([
    [...c.tree.entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)),
    c.parents,
    c.message,
    c.author.name,
    c.author.email,
    c.author.timestamp,
  ]);
  return { ...c, id: createHash('sha1').update(canonical).digest('hex') };
};

export const treeOf = (store: CommitStore, id: CommitId): Tree => store.get(id)?.tree ?? EMPTY_TREE;

export const toCommitInfo = (c: MemoryCommit): CommitInfo => ({
  id: c.id,
  changeId: c.id,
  // Like the jj and git backends: the message as given, without trailing newlines.
  description: c.message.replace(/\n+$/, ''),
  author: { ...c.author },
  parents: [...c.parents],
});

/** Every commit reachable from `id` (itself included). */
export const ancestors = (store: CommitStore, id: CommitId | undefined): Set<CommitId> => {
  const seen = new Set<CommitId>();
  const todo = id === undefined || id === ROOT_ID ? [] : [id];
  for (let next = todo.pop(); next !== undefined; next = todo.pop()) {
    if (seen.has(next)) continue;
    seen.add(next);
    for (const p of store.get(next)?.parents ?? []) todo.push(p);
  }
  return seen;
};

/** Commits reachable from `from` but not from any of `exclude`, oldest first (parents before children). */
export const commitsBetween = (
  store: CommitStore,
  exclude: CommitId | undefined | readonly CommitId[],
  from: CommitId,
): MemoryCommit[] => {
  const excluded = new Set<CommitId>();
  for (const x of Array.isArray(exclude) ? exclude : [exclude]) for (const a of ancestors(store, x)) excluded.add(a);
  const out: MemoryCommit[] = [];
  const done = new Set<CommitId>();
  const visit = (id: CommitId): void => {
    if (done.has(id) || excluded.has(id)) return;
    done.add(id);
    const c = store.get(id);
    if (c === undefined) return;
    for (const p of c.parents) visit(p);
    out.push(c);
  };
  if (from !== ROOT_ID) visit(from);
  return out;
};

/** Copies `id` and its ancestors from one store to another (a fetch or a push). */
export const copyCommits = (from: CommitStore, to: CommitStore, id: CommitId | undefined): void => {
  for (const a of ancestors(from, id)) {
    const c = from.get(a);
    if (c !== undefined && !to.has(a)) to.set(a, c);
  }
};

const byPath = (x: FileChange, y: FileChange): number => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0);

/** How `to` differs from `from`, sorted by path. */
export const diffTrees = (from: Tree, to: Tree): FileChange[] => {
  const out: FileChange[] = [];
  for (const [path, content] of to) {
    const before = from.get(path);
    if (before === undefined) out.push({ path, kind: 'added' });
    else if (before !== content) out.push({ path, kind: 'modified' });
  }
  for (const path of from.keys()) if (!to.has(path)) out.push({ path, kind: 'deleted' satisfies ChangeKind });
  return out.sort(byPath);
};

export const sameTree = (x: Tree, y: Tree): boolean => diffTrees(x, y).length === 0;

/** A tree merge: the merged files, and the paths both sides changed incompatibly. */
export interface TreeMerge {
  readonly tree: Tree;
  readonly conflicts: readonly string[];
}

/**
 * Merges two trees derived from `base`, file by file. A conflicted path keeps `theirs`'s
 * version in the result, so that later replays build on the local side; with `markers`, it
 * holds both sides between conflict markers instead, for a person to resolve.
 */
export const mergeTrees = (base: Tree, ours: Tree, theirs: Tree, markers?: MergeLabels): TreeMerge => {
  const tree = new Map<string, string>();
  const conflicts: string[] = [];
  const paths = new Set([...base.keys(), ...ours.keys(), ...theirs.keys()]);
  for (const path of [...paths].sort()) {
    const [o, a, b] = [base.get(path), ours.get(path), theirs.get(path)];
    let merged: string | undefined;
    if (b === o || a === b) merged = a;
    else if (a === o) merged = b;
    else {
      // Changed on both sides (or deleted on one side and changed on the other).
      const m = a === undefined || b === undefined ? undefined : merge3(o ?? '', a, b, markers);
      if (m?.clean === true) merged = m.text;
      else {
        conflicts.push(path);
        if (markers === undefined) merged = b;
        else merged = m?.marked ?? conflictRegion(splitLines(a ?? ''), splitLines(b ?? ''), markers).join('');
      }
    }
    if (merged !== undefined) tree.set(path, merged);
  }
  return { tree, conflicts };
};

/** The nearest commit reachable from both `a` and `b` (undefined for unrelated histories). */
export const mergeBase = (store: CommitStore, a: CommitId, b: CommitId): CommitId | undefined => {
  const fromA = ancestors(store, a);
  const queue = [b];
  const seen = new Set<CommitId>();
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    if (fromA.has(next)) return next;
    if (seen.has(next)) continue;
    seen.add(next);
    queue.push(...(store.get(next)?.parents ?? []));
  }
  return undefined;
};
