// Guided resolution in the memory backend: the remote branch is merged into the local line;
// a clean merge is committed at once, otherwise the conflicted files get markers in the working
// copy and the merge waits until a person removes them (as the jj backend does with a merge in @).
import { err, ok, type Result } from 'neverthrow';
import { conflictError, invalidInput, unsafeState, type SyncError } from '../../core/errors.js';
import type { CommitId, MergeOutcome } from '../../core/vcs.js';
import { hasConflictMarkers } from '../../core/util/diff3.js';
import type { MemoryFs } from './fs.js';
import { EMPTY_TREE, makeCommit, mergeBase, mergeTrees, treeOf, type Tree } from './model.js';
import { readWorkingCopy, workingChanges, writeWorkingCopy, type Actor, type RepoState } from './state.js';

/** Refuses an operation that would mix with a guided merge waiting for a person. */
export const notMerging = (s: RepoState, what: string): Result<void, SyncError> =>
  s.merging === undefined
    ? ok(undefined)
    : err(unsafeState('merge-in-progress', `cannot ${what} while a merge waits for its conflicts to be resolved`, { hint: 'resolve the files and finish the merge, or restore the checkpoint' }));

/** Paths of the merge in progress that still hold conflict markers. */
export const mergeConflicts = (fs: MemoryFs, s: RepoState): string[] => {
  if (s.merging === undefined) return [];
  const files = readWorkingCopy(fs, s.root);
  return s.merging.paths.filter((p) => hasConflictMarkers(files.get(p) ?? ''));
};

const commitMerge = (s: RepoState, actor: Actor, theirs: CommitId, tree: Tree, message: string): CommitId => {
  const c = makeCommit({
    parents: [s.head, theirs],
    tree,
    message,
    author: { ...actor.author, timestamp: actor.clock().toISOString() },
  });
  s.commits.set(c.id, c);
  s.head = c.id;
  return c.id;
};

/** Merges `theirs` (a remote branch's commit) into the local line. */
export const beginMerge = (
  fs: MemoryFs,
  s: RepoState,
  actor: Actor,
  onto: { remote: string; branch: string; theirs: CommitId | undefined },
  message: string,
): Result<MergeOutcome, SyncError> => {
  const { theirs } = onto;
  if (theirs === undefined) {
    return err(invalidInput('branch', onto.branch, `${onto.branch}@${onto.remote} does not exist: there is nothing to merge`));
  }
  const busy = notMerging(s, 'start another merge');
  if (busy.isErr()) return err(busy.error);
  if (workingChanges(fs, s).length > 0) {
    return err(unsafeState('uncommitted-changes', 'the working copy has uncommitted changes', { hint: 'run a sync first so that they are committed' }));
  }
  const base = mergeBase(s.commits, s.head, theirs);
  const labels = { ours: 'local', theirs: `${onto.branch}@${onto.remote}` };
  const m = mergeTrees(base === undefined ? EMPTY_TREE : treeOf(s.commits, base), treeOf(s.commits, s.head), treeOf(s.commits, theirs), labels);
  writeWorkingCopy(fs, s.root, m.tree);
  if (m.conflicts.length > 0) {
    s.merging = { theirs, paths: m.conflicts, tree: m.tree };
    return ok({ status: 'conflicted', paths: m.conflicts });
  }
  return ok({ status: 'merged', head: commitMerge(s, actor, theirs, m.tree, message) });
};

/** Commits the merge once no conflict marker remains in the files that had conflicts. */
export const finishMerge = (fs: MemoryFs, s: RepoState, actor: Actor, message: string): Result<{ readonly head: CommitId }, SyncError> => {
  const merging = s.merging;
  if (merging === undefined) return err(invalidInput('merge', '', 'no merge is in progress'));
  const remaining = mergeConflicts(fs, s);
  if (remaining.length > 0) return err(conflictError(`conflicts remain in ${remaining.join(', ')}`, remaining));
  const head = commitMerge(s, actor, merging.theirs, readWorkingCopy(fs, s.root), message);
  s.merging = undefined;
  return ok({ head });
};
