// Rebase of the checked-out branch onto a remote-tracking branch. A conflict is backed out at
// once (`rebase --abort`) and reported: the repository is left exactly as before.
import { rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { err, errAsync, ok, ResultAsync, safeTry } from 'neverthrow';
import { commandFailed, ioError, unsafeState, type SyncError } from '../../core/errors.js';
import type { CommitId, RebaseOutcome } from '../../core/vcs.js';
import * as cmd from './commands.js';
import { parseNulPaths } from './parse-paths.js';
import type { GitRepo } from './repo.js';
import { guardRepo, rebaseInProgress } from './repo-state.js';
import { KEPT_EDITS_FILE, keepAcross } from '../fs/kept-edits.js';

const writeMarker = (path: string, sha: string): ResultAsync<void, SyncError> =>
  ResultAsync.fromPromise(writeFile(path, `${sha}\n`), (e) => ioError(`could not write ${path}: ${String(e)}`, path));

const removeMarker = (path: string): ResultAsync<void, SyncError> =>
  ResultAsync.fromPromise(rm(path, { force: true }), (e) => ioError(`could not remove ${path}: ${String(e)}`, path));

/** The commits that did not make it: the one the rebase stopped on and the local ones after it. */
export const notReplayed = (local: readonly CommitId[], stoppedAt: CommitId | undefined): CommitId[] => {
  const i = stoppedAt === undefined ? -1 : local.indexOf(stoppedAt);
  return i < 0 ? [...local] : local.slice(i);
};

/**
 * Rebases the local commits onto `trackingRef` (already validated, as of the last fetch).
 * Refuses a dirty working tree: the engine commits first, and a rebase must never touch
 * uncommitted work.
 */
export const rebaseOnto = (repo: GitRepo, trackingRef: string): ResultAsync<RebaseOutcome, SyncError> => {
  // The marker stays only if this process dies mid-rebase: then the next sync backs the rebase out.
  const marker = repo.paths[cmd.OWN_REBASE_FILE];
  return rebaseMarked(repo, trackingRef, marker)
    .andThen((out) => removeMarker(marker).map(() => out))
    .orElse((e) => removeMarker(marker).andThen(() => errAsync<RebaseOutcome, SyncError>(e)));
};

const rebaseMarked = (repo: GitRepo, trackingRef: string, marker: string): ResultAsync<RebaseOutcome, SyncError> =>
  safeTry(async function* () {
    const { branch } = yield* guardRepo(repo);
    const before = yield* repo.commitOf('HEAD');
    if (before === undefined) return err(unsafeState('no-commits', `${repo.root} has no commits yet`, { hint: 'commit something first' }));
    const onto = yield* repo.commitOf(trackingRef);
    if (onto === undefined) return ok({ status: 'up-to-date', head: before } as const);
    const upToDate = yield* repo.run(cmd.isAncestor(onto, before));
    if (upToDate.exitCode === 0) return ok({ status: 'up-to-date', head: before } as const);
    const dirty = yield* repo.status();
    if (dirty.length > 0) {
      return err(
        unsafeState('uncommitted-changes', `${repo.root} has ${dirty.length} uncommitted change(s); a rebase would put them at risk`, {
          hint: 'commit them first (a sync does this itself), then rebase',
        }),
      );
    }
    const local = (yield* repo.commits([`${onto}..${before}`], { reverse: true })).map((c) => c.id);

    const command = cmd.rebase(trackingRef);
    yield* writeMarker(marker, before);
    const run = yield* repo.run(command);
    if (run.exitCode === 0) {
      const head = yield* repo.commitOf('HEAD');
      return ok({ status: 'rebased', head: head ?? before } as const);
    }
    if (!(yield* rebaseInProgress(repo))) {
      return err(commandFailed(`git rebase failed (exit ${run.exitCode}) without stopping`, { command: repo.argv(command), exitCode: run.exitCode, stderr: run.stderr }));
    }

    // Stopped: note what conflicted, then back out before anything else can see the markers.
    const paths = parseNulPaths((yield* repo.run(cmd.unmergedPaths())).stdout);
    const stoppedAt = yield* repo.commitOf('REBASE_HEAD');
    // A person's save during the rebase (watch mode syncs while they edit) is unstaged, or a new
    // file: the abort would reset it. It is kept across, and stays for the next run to capture.
    // The rebase's own changes are staged, and its conflicted files are left out.
    const conflicted = new Set(paths);
    const kept = new Set(
      yield* keepAcross(
        repo.root,
        join(dirname(marker), KEPT_EDITS_FILE),
        () =>
          ResultAsync.combine([repo.run(cmd.unstagedPaths()), repo.run(cmd.untrackedPaths())]).map((outs) =>
            outs.flatMap((o) => parseNulPaths(o.stdout)).filter((p) => !conflicted.has(p)),
          ),
        () => repo.run(cmd.rebaseAbort()),
      ),
    );

    const after = yield* repo.commitOf('HEAD');
    const headRef = yield* repo.headRef();
    const leftovers = (yield* repo.status()).filter((c) => !kept.has(c.path));
    if (after !== before || headRef !== branch || leftovers.length > 0 || (yield* rebaseInProgress(repo))) {
      return err(
        unsafeState('rebase-not-restored', `git rebase --abort did not bring ${repo.root} back to ${before.slice(0, 12)}`, {
          hint: `inspect it by hand (\`git status\`); the local commits are reachable from ${before}`,
        }),
      );
    }
    if (paths.length === 0) {
      return err(commandFailed(`git rebase stopped without a conflict and was backed out: ${run.stderr.trim().split('\n')[0] ?? ''}`, { command: repo.argv(command), exitCode: run.exitCode, stderr: run.stderr }));
    }
    return ok({ status: 'conflict', paths, commits: notReplayed(local, stoppedAt), restored: true } as const);
  });
