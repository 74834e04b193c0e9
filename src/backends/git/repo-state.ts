// Refuses to act on a repository in the middle of something (rebase, merge, …) or on a
// detached HEAD: those need a person, and "fixing" them could lose work. The one exception is
// a merge this backend started for a guided resolution (`beginMerge`), recognised by a marker
// file in the git dir that names the merge's MERGE_HEAD.
import { access, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { errAsync, okAsync, ResultAsync } from 'neverthrow';
import { unsafeState, type UnsafeStateError, type SyncError } from '../../core/errors.js';
import { KEPT_EDITS_FILE, keepAcross } from '../fs/kept-edits.js';
import { parseNulPaths } from './parse-paths.js';
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

/** What the guard found. */
export interface RepoState {
  /** The checked-out branch, as a full ref. */
  readonly branch: string;
  /** A guided-resolution merge started by `beginMerge` is in progress. */
  readonly ownMerge: boolean;
  /** Where the own-merge marker lives (absolute). */
  readonly markerPath: string;
}

/**
 * The unsafe state a repository is in, from which operation files exist, whether the merge
 * in progress is our own and what HEAD is (`headRef` undefined = detached). Pure.
 */
export const unsafeStateOf = (
  root: string,
  present: readonly InProgress[],
  headRef: string | undefined,
  own: { readonly ownMerge: boolean; readonly allowOwnMerge: boolean; readonly jjHere?: boolean } = { ownMerge: false, allowOwnMerge: false },
): UnsafeStateError | undefined => {
  const [first] = present;
  if (first === 'MERGE_HEAD' && present.length === 1 && own.ownMerge) {
    if (!own.allowOwnMerge) {
      return unsafeState('resolving', `a guided resolution (merge) is in progress in ${root}`, {
        hint: 'edit the conflicted files, then `chezmoi-sync resolve --continue` (or `--abort`)',
      });
    }
  } else if (first !== undefined) {
    const s = STATES[first];
    return unsafeState(s.state, `${root} is in the middle of ${s.what}`, { hint: s.hint });
  }
  if (headRef === undefined) {
    // jj leaves git's HEAD detached: a jj repository synced with git (jj missing from PATH, as
    // in a systemd unit) lands here, and the person should hear about jj first.
    const jj = own.jjHere === true
      ? '; jj manages this repository (.jj beside .git) and leaves git\'s HEAD detached: sync with jj instead (install it, or set CHEZMOI_SYNC_JJ to its path; a systemd unit sees only the system PATH: run install-units again)'
      : '';
    return unsafeState('detached-head', `${root} has a detached HEAD: no branch is checked out`, {
      hint: `check out the branch you sync (e.g. \`git switch main\`); keep commits made since with \`git branch <name>\` first${jj}`,
    });
  }
  return undefined;
};

/** Whether anything exists at `p` (an error reading says no). */
export const exists = (p: string): ResultAsync<boolean, never> => ResultAsync.fromSafePromise(access(p).then(() => true, () => false));
const readText = (p: string): ResultAsync<string | undefined, never> =>
  ResultAsync.fromSafePromise(readFile(p, 'utf8').then((t) => t.trim(), () => undefined));

/**
 * Ok with the branch when the repository is on a branch and no operation is half-done;
 * `unsafe-state` otherwise. With `allowOwnMerge`, our own guided-resolution merge is accepted.
 * For operations that write (under the sync lock): a rebase our killed run left is backed out first.
 */
export const guardRepo = (repo: GitRepo, opts: { allowOwnMerge?: boolean } = {}): ResultAsync<RepoState, SyncError> =>
  recoverOwnRebase(repo).andThen(() => guardOnly(repo, opts));

/**
 * The guard of `open`, which writes nothing (a read-only command opens without the sync lock, and
 * may do so while a sync rebases): a rebase of ours in progress — running, or left by a killed
 * run for the next sync to back out — is accepted as it is.
 */
export const guardOpen = (repo: GitRepo): ResultAsync<void, SyncError> =>
  exists(repo.paths[cmd.OWN_REBASE_FILE]).andThen((ours) => (ours ? okAsync(undefined) : guardOnly(repo, { allowOwnMerge: true }).map(() => undefined)));

/** True while a rebase is stopped (or running) in this repository. */
export const rebaseInProgress = (repo: GitRepo): ResultAsync<boolean, never> =>
  ResultAsync.combine([exists(repo.paths['rebase-merge']), exists(repo.paths['rebase-apply'])]).map((found) => found.some(Boolean));

/** Our own rebase is in progress (running, or left by a killed run); reads only. */
export const ownRebaseInProgress = (repo: GitRepo): ResultAsync<boolean, never> =>
  ResultAsync.combine([exists(repo.paths[cmd.OWN_REBASE_FILE]), rebaseInProgress(repo)]).map(([ours, rebasing]) => ours && rebasing);

/**
 * Where a stopped rebase of the merge backend left HEAD by itself: the last commit it made (the
 * second sha of rewritten-list's last line), or `onto` before it made any. Pure; undefined when
 * `onto` is unreadable (then nothing can be told).
 */
export const rebaseOwnHead = (onto: string | undefined, rewrittenList: string | undefined): string | undefined => {
  if (onto === undefined || !/^[0-9a-f]{40,64}$/.test(onto)) return undefined;
  const last = (rewrittenList ?? '').split('\n').filter((l) => l.trim() !== '').at(-1);
  return last?.trim().split(/\s+/)[1] ?? onto;
};

/** Pure: the commits a rebase has picked so far, from its `done` file (`pick <id> …` lines). */
export const donePicks = (done: string | undefined): string[] =>
  (done ?? '').split('\n').flatMap((l) => {
    const m = /^(?:pick|p)\s+([0-9a-f]{4,64})\b/.exec(l.trim());
    return m?.[1] !== undefined ? [m[1]] : [];
  });

/**
 * Pure: every commit between where the rebase's lists leave it and HEAD (`since`, one line per
 * commit) is a copy of a commit it picked (`picked`): same author, author date and subject. A kill
 * between a pick's commit and git's update of `rewritten-list` leaves HEAD one copy ahead; a
 * person's commit has their own date and message.
 */
export const onlyPickedCopies = (since: string, picked: string): boolean => {
  const originals = new Set(picked.split('\n').filter((l) => l !== ''));
  const lines = since.split('\n').filter((l) => l !== '');
  return lines.length > 0 && lines.every((l) => originals.has(l));
};

const HEX = /^[0-9a-f]{40,64}$/;

/** Whether HEAD's commits since `own` are the rebase's own copies (two `git log`, only after a kill). */
const headHoldsOnlyPicks = (repo: GitRepo, own: string, head: string | undefined, done: string | undefined): ResultAsync<boolean, SyncError> => {
  const picks = donePicks(done);
  if (head === undefined || !HEX.test(head) || picks.length === 0) return okAsync(false);
  return ResultAsync.combine([repo.run(cmd.pickedIdentities([`${own}..${head}`], true)), repo.run(cmd.pickedIdentities(picks, false))]).map(([since, picked]) =>
    since.exitCode === 0 && picked.exitCode === 0 && onlyPickedCopies(since.stdout, picked.stdout),
  );
};

/**
 * A sync killed in the middle of its own rebase leaves git "in the middle of a rebase", which a
 * person's rebase also looks like. Ours is recognised by its marker and backed out: it started
 * from a clean, fully committed tree, so `rebase --abort` returns exactly there. True when a
 * rebase was backed out. Only under the sync lock: a running sync's rebase looks the same.
 * Commits a person made inside it since (HEAD is not where the rebase left it) would be left on
 * a detached HEAD by the abort: then it is refused, and the person finishes or backs out.
 */
export const recoverOwnRebase = (repo: GitRepo): ResultAsync<boolean, SyncError> => {
  const marker = repo.paths[cmd.OWN_REBASE_FILE];
  const rebaseDir = repo.paths['rebase-merge'];
  return ResultAsync.combine([exists(marker), rebaseInProgress(repo)]).andThen(([ours, rebasing]) => {
    if (!ours) return okAsync(false);
    if (!rebasing) return ResultAsync.fromSafePromise(rm(marker, { force: true })).map(() => false);
    return ResultAsync.combine([readText(join(rebaseDir, 'onto')), readText(join(rebaseDir, 'rewritten-list')), readText(repo.paths.HEAD), readText(join(rebaseDir, 'done'))])
      .andThen(([onto, rewritten, head, done]) => {
        const own = rebaseOwnHead(onto, rewritten);
        if (own === undefined || head === own) return okAsync(undefined);
        return headHoldsOnlyPicks(repo, own, head, done).andThen((picks) =>
          picks
            ? okAsync(undefined)
            : errAsync(
                unsafeState('rebase', `${repo.root} is in the middle of a rebase a sync started, and commits were made in it since`, {
                  hint: 'finish it (`git rebase --continue`) to keep them, or back out (`git rebase --abort`; they stay in `git reflog`), then run again',
                }),
              ),
        );
      })
      .andThen(() => abortKeepingEdits(repo, join(dirname(marker), KEPT_EDITS_FILE)))
      .andThen(() => ResultAsync.fromSafePromise(rm(marker, { force: true })))
      .map(() => true);
  });
};

/**
 * `git rebase --abort` resets the index and the work tree (a staged new file is deleted): what the
 * work tree holds that differs from HEAD, staged or not (a person's edits; a conflict they
 * resolved, staged or not), and new files are kept across it and written back (fs/kept-edits.ts).
 * A file holding conflict markers is the rebase's (or staged with them): never written back; both
 * sides are in the history. The rebase's own clean changes come back too: the line's content
 * merged with the remote's, which the next rebase finds already there. A recovery killed in
 * between finds them recorded.
 */
const abortKeepingEdits = (repo: GitRepo, record: string): ResultAsync<void, SyncError> =>
  keepAcross(
    repo.root,
    record,
    () =>
      ResultAsync.combine([repo.run(cmd.changedSinceHead()), repo.run(cmd.unmergedPaths()), repo.run(cmd.untrackedPaths())]).map(([changed, unmerged, added]) => [
        ...new Set([...parseNulPaths(changed.stdout), ...parseNulPaths(unmerged.stdout), ...parseNulPaths(added.stdout)]),
      ]),
    () => repo.run(cmd.rebaseAbort()),
  ).map(() => undefined);

/** The half-done operations whose files are in the git dir, and whether the merge in progress is our own. Reads files only. */
const inProgress = (repo: GitRepo): ResultAsync<{ present: InProgress[]; ownMerge: boolean }, never> =>
  ResultAsync.combine(cmd.IN_PROGRESS_FILES.map((f) => exists(repo.paths[f]))).andThen((found) =>
    ResultAsync.combine([readText(repo.paths.MERGE_HEAD), readText(repo.paths[cmd.OWN_MERGE_FILE])]).map(([mergeHead, marker]) => ({
      present: cmd.IN_PROGRESS_FILES.filter((_, i) => found[i] === true),
      ownMerge: mergeHead !== undefined && mergeHead !== '' && marker === mergeHead,
    })),
  );

const guardOnly = (repo: GitRepo, opts: { allowOwnMerge?: boolean }): ResultAsync<RepoState, SyncError> =>
  inProgress(repo)
    .andThen((st) => repo.headRef().map((head) => ({ ...st, head })))
    // Only on a detached HEAD: is jj here too (its working copy beside git's)?
    .andThen((st) => (st.head === undefined ? exists(join(repo.root, '.jj')) : okAsync(false)).map((jjHere) => ({ ...st, jjHere })))
    .andThen(({ present, ownMerge, head, jjHere }) => {
      const problem = unsafeStateOf(repo.root, present, head, { ownMerge, allowOwnMerge: opts.allowOwnMerge === true, jjHere });
      return problem !== undefined ? errAsync(problem) : okAsync({ branch: head ?? '', ownMerge, markerPath: repo.paths[cmd.OWN_MERGE_FILE] });
    });
