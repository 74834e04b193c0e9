import { err, ok, ResultAsync, type Result } from 'neverthrow';
import { invalidInput, unsafeState, type SyncError } from './errors.js';
import type { OperationContext, OperationResult } from './resolve.js';
import { withRepository, type RepoSession } from './sync/session.js';
import { syncedRecordPath, writeRun, writeSynced } from './sync/state.js';
import type { SyncReport } from './sync/types.js';
import { recordBeforePath, recordForUndo } from './sync/undo-record.js';

/**
 * `undo`: returns the repository to where it was before the last sync that changed it (jj: the
 * operation log; git: the recorded commit, with uncommitted work kept, and what the work tree held
 * then written back: an edit made in the source dir that the sync committed is uncommitted again). Commits are never
 * deleted — jj keeps them in its operation log, git in its reflog — and the remote is not
 * touched: what the sync pushed stays pushed, and the next sync brings it back.
 *
 * @example
 * (await undoLastSync({ deps, options })).map((r) => console.log(r.summary));
 */
export const undoLastSync = (ctx: OperationContext): ResultAsync<OperationResult, SyncError> =>
  ResultAsync.fromSafePromise(
    withRepository(ctx.deps, ctx.options, async (s): Promise<Result<OperationResult, SyncError>> => {
      const run = s.state.runs.find((r) => r.checkpoint !== undefined && r.sourceDir === s.sourceDir);
      if (run?.checkpoint === undefined) {
        return err(invalidInput('undo', s.sourceDir, 'no sync that changed this repository is recorded: nothing to undo', { hint: 'see `chezmoi-sync log`' }));
      }
      if (run.checkpoint.backend !== s.vcs.kind) {
        return err(invalidInput('undo', run.checkpoint.backend, `the last sync used the ${run.checkpoint.backend} backend; undo it with --backend ${run.checkpoint.backend}`));
      }
      const moved = await movedSince(s, run);
      if (moved.isErr()) return err(moved.error);
      const restored = await s.vcs.restore(run.checkpoint);
      if (restored.isErr()) return err(restored.error);
      // The synced record goes back to the same moment as the repository (undo-record.ts): a HOME
      // edit the undone sync had captured is captured anew, and a source edit — given back now or
      // made by hand later — is never reverted by the older HOME.
      const keptAt = recordBeforePath(s.o.stateDir, s.sourceDir, run.startedAt);
      const before = await recordForUndo(ctx.deps.fs, keptAt);
      if (before.isErr()) return err(before.error);
      const forgot = await writeSynced(ctx.deps.fs, syncedRecordPath(s.o.stateDir, s.sourceDir), before.value);
      if (forgot.isErr()) return err(forgot.error);
      // Used: the run no longer offers undo (below). A copy left behind only costs its space.
      (await ctx.deps.fs.remove(keptAt)).unwrapOr(undefined);
      // The undone run no longer offers a checkpoint: a second undo does not repeat this one.
      const runs = s.state.runs.map((r) => (r === run ? { ...r, checkpoint: undefined } : r)).map(({ checkpoint, ...rest }) => (checkpoint === undefined ? rest : { ...rest, checkpoint }));
      const [last, ...older] = runs;
      if (last !== undefined) {
        const saved = await writeRun(ctx.deps.fs, s.o.stateDir, { ...s.state, runs: older }, last, s.o.historySize);
        if (saved.isErr()) return err(saved.error);
      }
      const pushed = run.published > 0 ? ` It had pushed ${run.published} commit(s); the remote keeps them, and the next sync brings them back.` : '';
      return ok({
        summary: `restored the repository to before the sync of ${run.startedAt} (${s.vcs.kind} checkpoint ${run.checkpoint.id.slice(0, 12)}).${pushed} HOME was not changed: the next sync captures it again.`,
        details: { undoneRun: run.startedAt, checkpoint: run.checkpoint, published: run.published },
      });
    }),
  ).andThen((r) => r);

/**
 * Err when the local line is no longer where the run to undo left it: a commit made by hand, a
 * pull, a reset or a switch since, or a later sync killed after it committed (it recorded no run). Restoring would take that off the line (jj keeps it only in its
 * operation log, git in its reflog), so undo refuses. A run recorded without its head (an older
 * version's state, a run that failed before it read the line) is undone as before.
 */
const movedSince = async (s: RepoSession, run: SyncReport): Promise<Result<void, SyncError>> => {
  const then = typeof run.head === 'string' ? run.head : undefined;
  if (then === undefined) return ok(undefined);
  const now = await s.vcs.divergence(s.o.remote, s.trunk);
  if (now.isErr()) return err(now.error);
  if (now.value.head === then) return ok(undefined);
  return err(
    unsafeState('moved-since-sync', `the repository moved since the sync of ${run.startedAt} (its line was at ${then.slice(0, 12)}, now ${now.value.head.slice(0, 12)}: a commit by hand, a pull, a reset, a branch switch, or a sync cut short after it committed): undo would take that off the line`, {
      hint: 'undo goes back only when nothing was done to the repository after that sync; keep what was done (the next sync publishes it), or go back by hand with `jj op log` / `git reflog`',
    }),
  );
};
