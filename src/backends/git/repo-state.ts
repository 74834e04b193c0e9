// Refuses to act on a repository in the middle of something (rebase, merge, …) or on a
// detached HEAD: those need a person, and "fixing" them could lose work.
import { access } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { errAsync, okAsync, ResultAsync } from 'neverthrow';
import { unsafeState, type UnsafeStateError, type SyncError } from '../../core/errors.js';
import * as cmd from './commands.js';
import type { GitRepo } from './repo.js';

type InProgress = (typeof cmd.IN_PROGRESS_FILES)[number];

const STATES: Readonly<Record<InProgress, { state: string; what: string; hint: string }>> = {
  'rebase-merge': { state: 'rebase', what: 'a rebase', hint: 'finish it (`git rebase --continue`) or back out (`git rebase --abort`), then run again' },
  'rebase-apply': { state: 'rebase', what: 'a rebase or `git am`', hint: 'finish it (`git rebase --continue` / `git am --continue`) or back out (`--abort`), then run again' },
  MERGE_HEAD: { state: 'merge', what: 'a merge', hint: 'commit the merge or back out (`git merge --abort`), then run again' },
  CHERRY_PICK_HEAD: { state: 'cherry-pick', what: 'a cherry-pick', hint: 'finish it (`git cherry-pick --continue`) or back out (`git cherry-pick --abort`), then run again' },
  REVERT_HEAD: { state: 'revert', what: 'a revert', hint: 'finish it (`git revert --continue`) or back out (`git revert --abort`), then run again' },
  BISECT_LOG: { state: 'bisect', what: 'a bisect', hint: 'end it with `git bisect reset`, then run again' },
};

/**
 * The unsafe state a repository is in, from which operation files exist and what HEAD is
 * (`headRef` undefined = detached). Pure.
 */
export const unsafeStateOf = (root: string, present: readonly InProgress[], headRef: string | undefined): UnsafeStateError | undefined => {
  const [first] = present;
  if (first !== undefined) {
    const s = STATES[first];
    return unsafeState(s.state, `${root} is in the middle of ${s.what}`, { hint: s.hint });
  }
  if (headRef === undefined) {
    return unsafeState('detached-head', `${root} has a detached HEAD: no branch is checked out`, {
      hint: 'check out the branch you sync (e.g. `git switch main`); keep commits made since with `git branch <name>` first',
    });
  }
  return undefined;
};

const exists = (p: string): ResultAsync<boolean, never> => ResultAsync.fromSafePromise(access(p).then(() => true, () => false));

/** Ok when the repository is on a branch and no operation is half-done; `unsafe-state` otherwise. */
export const guardRepo = (repo: GitRepo): ResultAsync<string, SyncError> =>
  repo
    .run(cmd.gitPaths(cmd.IN_PROGRESS_FILES))
    .andThen((o) => {
      // One path per line, relative to the root unless absolute.
      const paths = o.stdout.split('\n').filter((l) => l !== '');
      return ResultAsync.combine(paths.map((p) => exists(isAbsolute(p) ? p : join(repo.root, p))));
    })
    .andThen((found) => repo.headRef().map((head) => ({ found, head })))
    .andThen(({ found, head }) => {
      const present = cmd.IN_PROGRESS_FILES.filter((_, i) => found[i] === true);
      const problem = unsafeStateOf(repo.root, present, head);
      return problem !== undefined ? errAsync(problem) : okAsync(head ?? '');
    });
