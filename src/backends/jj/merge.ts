import { err, ok, safeTry, type ResultAsync } from 'neverthrow';
import { conflictError, invalidInput, unsafeState, type SyncError } from '../../core/errors.js';
import type { CommitId, MergeOutcome } from '../../core/vcs.js';
import * as cmd from './commands.js';
import { conflictedPaths } from './parse-conflicts.js';
import { commitRev, remoteBookmark } from './revsets.js';
import { headOf, type JjRepo } from './repo.js';

// Guided resolution with jj: the local line and the remote trunk become the two parents of
// one merge commit in @. jj writes its conflict markers into the working-copy files; the
// person edits them; the next snapshot records the resolution. A merge (rather than a rebase)
// leaves the local commits themselves unconflicted, so they can be pushed once @ is resolved.

const conflictsInWorkingCopy = (s: JjRepo): ResultAsync<readonly string[], SyncError> =>
  s.query(cmd.logConflicts('conflicts() & @')).map(conflictedPaths);

/** Starts a merge of `branch@remote` into the local line; a clean merge is finished at once. */
export const beginMerge = (s: JjRepo, remote: string, branch: string, message: string): ResultAsync<MergeOutcome, SyncError> =>
  safeTry(async function* () {
    const base = remoteBookmark(branch, remote);
    const remoteHead = yield* s.remoteHead(base, `${branch}@${remote}`);
    if (remoteHead === undefined) {
      return err(invalidInput('branch', branch, `${branch}@${remote} does not exist: there is nothing to merge`));
    }
    const wc = yield* s.workingCopy();
    if (!wc.empty) {
      return err(unsafeState('uncommitted-changes', 'the working copy has uncommitted changes', { hint: 'run a sync first so that they are committed' }));
    }
    yield* s.run(cmd.newMerge(message, [commitRev(headOf(wc)), base]));
    const paths = yield* conflictsInWorkingCopy(s);
    if (paths.length > 0) return ok({ status: 'conflicted' as const, paths });
    const merged = yield* s.workingCopy();
    yield* s.run(cmd.newOnTop());
    return ok({ status: 'merged' as const, head: merged.info.id });
  });

/** Completes the merge in @ once the person removed every conflict. */
export const finishMerge = (s: JjRepo): ResultAsync<{ readonly head: CommitId }, SyncError> =>
  safeTry(async function* () {
    const paths = yield* conflictsInWorkingCopy(s);
    if (paths.length > 0) return err(conflictError(`conflicts remain in ${paths.join(', ')}`, paths));
    const merged = yield* s.workingCopy();
    yield* s.run(cmd.newOnTop());
    return ok({ head: merged.info.id });
  });
