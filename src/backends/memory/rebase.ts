// The rebase of the memory backend as a pure plan: replay the local commits onto the remote
// head with a three-way merge per file, and carry uncommitted work along (as jj does with @).
// Nothing is applied unless the whole plan is clean, so a conflict leaves the repository as it was.
import type { CommitId } from '../../core/vcs.js';
import {
  ancestors,
  commitsBetween,
  EMPTY_TREE,
  makeCommit,
  mergeTrees,
  sameTree,
  treeOf,
  type CommitStore,
  type MemoryCommit,
  type Tree,
} from './model.js';

export type RebasePlan =
  | { readonly kind: 'up-to-date' }
  | { readonly kind: 'rebased'; readonly head: CommitId; readonly created: readonly MemoryCommit[]; readonly files: Tree }
  | { readonly kind: 'conflict'; readonly paths: readonly string[]; readonly commits: readonly CommitId[] };

/**
 * Plans moving the local line of work (`head` and its ancestors not in `onto`) on top of `onto`.
 * Local commits keep their message and author; their ids change, as with git and jj.
 */
export const planRebase = (store: CommitStore, head: CommitId, onto: CommitId | undefined, workingCopy: Tree): RebasePlan => {
  if (onto === undefined || ancestors(store, head).has(onto)) return { kind: 'up-to-date' };
  const local = commitsBetween(store, onto, head);
  // Replayed commits are looked up as the next ones build on them; the real store is left alone.
  const view: CommitStore = new Map(store);
  const created: MemoryCommit[] = [];
  const paths = new Set<string>();
  const conflicted: CommitId[] = [];
  let newHead = onto;
  for (const c of local) {
    const parentTree = c.parents[0] === undefined ? EMPTY_TREE : treeOf(view, c.parents[0]);
    const baseTree = treeOf(view, newHead);
    const m = mergeTrees(parentTree, baseTree, c.tree);
    if (m.conflicts.length > 0) {
      conflicted.push(c.id);
      for (const p of m.conflicts) paths.add(p);
    }
    // Like `jj rebase --skip-emptied` and git: a commit whose change is already upstream is dropped.
    if (m.conflicts.length === 0 && sameTree(m.tree, baseTree) && !sameTree(c.tree, parentTree)) continue;
    const moved = makeCommit({ parents: [newHead], tree: m.tree, message: c.message, author: c.author });
    created.push(moved);
    view.set(moved.id, moved);
    newHead = moved.id;
  }
  const newTree = treeOf(view, newHead);
  const oldTree = treeOf(store, head);
  let files = newTree;
  if (!sameTree(workingCopy, oldTree)) {
    const m = mergeTrees(oldTree, newTree, workingCopy);
    for (const p of m.conflicts) paths.add(p);
    files = m.tree;
  }
  if (paths.size > 0) return { kind: 'conflict', paths: [...paths].sort(), commits: conflicted };
  return { kind: 'rebased', head: newHead, created, files };
};
