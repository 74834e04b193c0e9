// Guided resolution with git: a real `git merge` of the remote trunk into the checked-out
// branch. Conflicts stay in the files (and the index) for a person; a marker file in the git
// dir tells our guard that this merge in progress is ours. `restore` aborts it.
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { err, ok, ResultAsync, safeTry } from 'neverthrow';
import { commandFailed, conflictError, invalidInput, ioError, unsafeState, type SyncError } from '../../core/errors.js';
import type { CommitId, MergeOutcome } from '../../core/vcs.js';
import * as cmd from './commands.js';
import { hasMarkers } from '../fs/conflict-markers.js';
import { parseNulPaths } from './parse-paths.js';
import type { GitRepo } from './repo.js';
import { guardRepo } from './repo-state.js';

const writeMarker = (path: string, sha: string): ResultAsync<void, SyncError> =>
  ResultAsync.fromPromise(writeFile(path, `${sha}\n`), (e) => ioError(`could not write ${path}: ${String(e)}`, path));
const removeMarker = (path: string): ResultAsync<void, SyncError> =>
  ResultAsync.fromPromise(rm(path, { force: true }), (e) => ioError(`could not remove ${path}: ${String(e)}`, path));

/**
 * Unmerged paths whose file still holds conflict markers. Like jj, a file the person edited
 * free of markers counts as resolved, even before `git add` records it.
 */
export const markedConflicts = (repo: GitRepo): ResultAsync<string[], SyncError> =>
  repo.status().andThen((changes) => {
    const unmerged = changes.filter((c) => c.kind === 'conflicted').map((c) => c.path);
    return ResultAsync.combine(unmerged.map((p) => hasMarkers(join(repo.root, p)))).map((marked) => unmerged.filter((_, i) => marked[i] === true));
  });

/** Starts a merge of `trackingRef` (validated); a clean merge is committed at once. */
export const beginMerge = (repo: GitRepo, trackingRef: string, message: string): ResultAsync<MergeOutcome, SyncError> =>
  safeTry(async function* () {
    const state = yield* guardRepo(repo);
    const theirs = yield* repo.commitOf(trackingRef);
    if (theirs === undefined) return err(invalidInput('branch', trackingRef, `${trackingRef} does not exist: there is nothing to merge`));
    const changes = yield* repo.status();
    if (changes.length > 0) {
      return err(unsafeState('uncommitted-changes', `${repo.root} has ${changes.length} uncommitted change(s)`, { hint: 'run a sync first so that they are committed' }));
    }
    const command = cmd.merge(trackingRef, message);
    const run = yield* repo.run(command);
    if (run.exitCode === 0) {
      const head = yield* repo.commitOf('HEAD');
      return ok({ status: 'merged' as const, head: head ?? theirs });
    }
    const mergeHead = yield* repo.commitOf('MERGE_HEAD');
    const paths = parseNulPaths((yield* repo.run(cmd.unmergedPaths())).stdout);
    if (mergeHead === undefined || paths.length === 0) {
      if (mergeHead !== undefined) yield* repo.run(cmd.mergeAbort());
      return err(commandFailed(`git merge stopped without a conflict: ${run.stderr.trim().split('\n')[0] ?? ''}`, { command: repo.argv(command), exitCode: run.exitCode, stderr: run.stderr }));
    }
    yield* writeMarker(state.markerPath, mergeHead);
    return ok({ status: 'conflicted' as const, paths });
  });

/** Records the person's resolution (every file as it is now) and commits the merge. */
export const finishMerge = (repo: GitRepo, message: string): ResultAsync<{ readonly head: CommitId }, SyncError> =>
  safeTry(async function* () {
    const state = yield* guardRepo(repo, { allowOwnMerge: true });
    if (!state.ownMerge) return err(invalidInput('merge', 'finish', 'no guided resolution merge is in progress', { hint: 'start one with `chezmoi-sync resolve`' }));
    const marked = yield* markedConflicts(repo);
    if (marked.length > 0) return err(conflictError(`conflict markers remain in ${marked.join(', ')}`, marked));
    const { submodules, embedded } = yield* repo.workTree();
    yield* repo.run(cmd.addAll([...submodules, ...embedded]));
    yield* repo.run(cmd.commit(message));
    yield* removeMarker(state.markerPath);
    const head = yield* repo.commitOf('HEAD');
    if (head === undefined) return err(unsafeState('no-commits', 'the merge commit is not on HEAD'));
    return ok({ head });
  });
