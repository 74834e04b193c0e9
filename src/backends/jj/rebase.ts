import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { err, errAsync, ok, okAsync, ResultAsync, safeTry } from 'neverthrow';
import { invalidInput, ioError, unsafeState, type SyncError } from '../../core/errors.js';
import type { Checkpoint, CheckpointOptions, RebaseOutcome } from '../../core/vcs.js';
import * as cmd from './commands.js';
import { conflictedPaths, conflictOrigins } from './parse-conflicts.js';
import { commitRev, conflictedLocal, remoteBookmark, validateOperationId } from './revsets.js';
import { conflictedRemoteBookmark, headOf, type JjRepo } from './repo.js';
import { classifyMarkedRebase } from './marked-rebase.js';
import { foldDivergentSideHeads } from './stale-working-copy.js';
import { readOperationHead } from './op-heads.js';
import { dropKeptEdits, KEPT_EDITS_FILE, keepAcross, readKeptEdits, writeBackEdits } from '../fs/kept-edits.js';

// Rebase, checkpoints and restores: everything that leans on jj's operation log.

/** The marker of a sync's rebase in progress: the operation to return to if the sync died mid-way. */
export const rebaseMarkerPath = (root: string): string => join(root, '.jj', 'chezmoi-sync-rebase');

const writeRebaseMarker = (root: string, op: string): ResultAsync<void, SyncError> =>
  ResultAsync.fromPromise(writeFile(rebaseMarkerPath(root), `${op}\n`), (e) => ioError(`could not write ${rebaseMarkerPath(root)}: ${String(e)}`));

const removeRebaseMarker = (root: string): ResultAsync<void, SyncError> =>
  ResultAsync.fromPromise(rm(rebaseMarkerPath(root), { force: true }), (e) => ioError(`could not remove ${rebaseMarkerPath(root)}: ${String(e)}`));

/**
 * A sync killed after its rebase and before backing a conflict out leaves conflicted commits in
 * the line of work. Its marker names the operation before the rebase; what happened since decides
 * (marked-rebase.ts):
 * - only the rebase (and snapshots): go back to the marked operation. Edits made in the source dir
 *   since (uncommitted) are kept across the restore and written back (fs/kept-edits.ts), so the
 *   restore never has to be refused and the marker never outlives this run;
 * - a person's operation after it (a commit made by hand): revert the rebase alone, which keeps
 *   that commit (a restore would hide it);
 * - the rebase already undone, or never run: nothing to do but write back what a recovery killed
 *   half-way recorded.
 * True when it went back. Only under the sync lock: a running sync's rebase has the same marker.
 */
export const recoverInterruptedRebase = (s: JjRepo): ResultAsync<boolean, SyncError> =>
  markedOperation(s.root).andThen((op) => {
    if (op === undefined) return okAsync(false);
    const id = validateOperationId(op);
    if (id.isErr()) return errAsync(id.error);
    return safeTry(async function* () {
      const record = keptEditsRecord(s.root);
      // A person who ran `jj workspace update-stale` after the kill left their edits on a side head.
      yield* foldDivergentSideHeads(s);
      const since = classifyMarkedRebase(yield* s.query(cmd.operationLog(OPERATIONS_READ)), id.value);
      if (since.kind === 'ours-only') {
        yield* restoreKeepingEdits(s, id.value);
      } else if (since.kind === 'built-on') {
        // Edits on disk are in the working-copy commit, which the revert carries back with the line.
        // The revert also brings back the old working-copy commit beside the one committed since:
        // a divergent side head, folded into @ by the same rule (empty, it is simply abandoned).
        const built = yield* currentOperation(s);
        yield* s.run(cmd.operationRevert(since.rebase));
        yield* foldDivergentSideHeads(s);
        // A person who resolved the rebase's conflict and committed (or committed edits inside its
        // markers) built on the rebased line: the revert rebases their commits back onto the line
        // before it, where the fix is a new conflict. Then it is taken back, and the line stays as
        // they built it (the sync refuses it by name until the conflict is folded away).
        if ((yield* s.query(cmd.logConflicts(conflictedLocal))).length > 0) yield* s.run(cmd.operationRestore(built));
        yield* dropKeptEdits(record);
      } else {
        // Undone already: a recovery killed between its restore and the write-back left the edits recorded.
        const recorded = since.kind === 'undone' ? yield* readKeptEdits(record) : undefined;
        yield* recorded === undefined ? dropKeptEdits(record) : writeBackEdits(s.root, record, recorded);
      }
      yield* removeRebaseMarker(s.root);
      return ok(since.kind === 'ours-only' || since.kind === 'built-on');
    });
  });

/** The record of edits kept across a restore (fs/kept-edits.ts). */
const keptEditsRecord = (root: string): string => join(root, '.jj', KEPT_EDITS_FILE);

/** Restores operation `op`, keeping across it the edits @ holds on disk (the paths it changes). */
const restoreKeepingEdits = (s: JjRepo, op: string): ResultAsync<void, SyncError> =>
  keepAcross(s.root, keptEditsRecord(s.root), () => s.query(cmd.diffWorkingCopy()).map((cs) => cs.map((c) => c.path)), () => s.run(cmd.operationRestore(op))).map(() => undefined);

/** How far back the recovery looks for the marked operation (a person's work since is seldom long). */
const OPERATIONS_READ = 1000;

/** The operation the rebase marker names, or undefined without one. */
const markedOperation = (root: string): ResultAsync<string | undefined, never> =>
  ResultAsync.fromSafePromise(readFile(rebaseMarkerPath(root), 'utf8').then((t) => t.trim() || undefined, () => undefined));

/** A rebase of ours is not yet undone (running, or left by a killed run); reads only. */
export const rebaseMarked = (root: string): ResultAsync<boolean, never> => markedOperation(root).map((op) => op !== undefined);

/** The current operation, recorded after a snapshot so that restoring it keeps every edit made so far. */
export const currentOperation = (s: JjRepo): ResultAsync<string, SyncError> =>
  s.query(cmd.currentOperation());

/**
 * The current operation as the last jj command left it: read from jj's store on disk (no process)
 * when it names one head, else asked of jj. Only where that command snapshotted what counts and a
 * save since is kept or refused by every restore of it.
 */
const lastOperation = (s: JjRepo): ResultAsync<string, SyncError> =>
  readOperationHead(s.root).andThen((head) => (head !== undefined ? okAsync(head) : currentOperation(s)));

/**
 * Rebases the local line onto `branch@remote`. A conflict is an outcome: the conflicted paths
 * are collected, the operation is undone (`jj op restore` also rewrites the files, so no
 * markers remain) and the pre-rebase ids of the commits that conflicted are reported. `ready`
 * must succeed before the first command that rewrites anything.
 */
export const rebaseOnto = (s: JjRepo, remote: string, branch: string, ready: ResultAsync<unknown, SyncError> = okAsync(undefined)): ResultAsync<RebaseOutcome, SyncError> => {
  const base = remoteBookmark(branch, remote);
  return safeTry(async function* () {
    // A rebase a killed run left is undone before this one overwrites its marker (a sync did so already).
    yield* recoverInterruptedRebase(s);
    // One process (none when `divergence` just asked): the remote branch's commits, the working
    // copy, and what the line lacks of the branch.
    const entries = yield* s.divergence(base, branch, remote);
    const remoteHeads = entries.filter((e) => e.remote);
    if (remoteHeads.length > 1) return err(conflictedRemoteBookmark(`${branch}@${remote}`, remoteHeads.length));
    const wc = entries.find((e) => e.wc)?.commit ?? (yield* s.workingCopy());
    // No remote branch yet (first push), or the local line already sits on it.
    if (remoteHeads.length === 0 || !entries.some((e) => e.behind)) return ok({ status: 'up-to-date' as const, head: headOf(wc) });

    // The local bookmark of the branch may have been moved by a push that failed, and be conflicted
    // now that the remote moved too. Rebasing would carry it along and export it to git, where
    // `jj op restore` cannot take it back: the conflict then returns on every later command.
    // Its place is where the remote has it (where a fetch already put it when it follows the
    // remote: then nothing is run); publishing moves it again.
    const moveBookmark = remoteHeads[0]?.branchHere !== true;
    // `ready` (the identity lookup, started beside the query above) ends before anything is
    // rewritten; the operation to come back to is read meanwhile when nothing is written first.
    // The divergence query snapshotted; a save since is snapshotted by the rebase and kept across
    // the restore below.
    const [readyR, beforeR] = await Promise.all([ready, moveBookmark ? okAsync(undefined) : lastOperation(s)]);
    yield* readyR;
    if (moveBookmark) yield* s.run(cmd.bookmarkSet(branch, base));
    const before = beforeR.isOk() && beforeR.value !== undefined ? beforeR.value : yield* lastOperation(s);
    // Marked while it runs: a sync killed between the rebase and its restore is undone on next open.
    yield* writeRebaseMarker(s.root, before);
    yield* s.run(cmd.rebaseBranch(base));
    // One jj log: where the line stands now (remembered: what the push publishes is read from it),
    // the working copy, and the conflicts the rebase left above the base.
    const after = yield* s.divergence(base, branch, remote, { fresh: true, conflicts: true });
    const wcAfter = after.find((e) => e.wc)?.commit ?? (yield* s.workingCopy());
    const conflicted = after.flatMap((e) => (e.conflicted !== undefined ? [e.conflicted] : []));
    if (conflicted.length === 0) {
      yield* removeRebaseMarker(s.root);
      return ok({ status: 'rebased' as const, head: headOf(wcAfter) });
    }

    const paths = conflictedPaths(conflicted);
    const changes = conflictOrigins(conflicted).map((c) => c.change);
    // A person's save since the operation to come back to (watch mode syncs while they edit) is in
    // @ now: the query above snapshotted it. The restore would take it off the disk; it is kept
    // across it, as after a killed rebase. @ is empty otherwise (capture committed everything).
    if (wcAfter.empty) yield* s.run(cmd.operationRestore(before));
    else yield* restoreKeepingEdits(s, before);
    yield* removeRebaseMarker(s.root);
    // After the restore the same changes are visible again under their pre-rebase commit ids:
    // read with where the line now stands, which the caller asks next (one jj log for both).
    const wanted = new Set(changes);
    const line = yield* s.divergence(base, branch, remote, { fresh: true });
    const restored = line.filter((e) => wanted.has(e.commit.info.changeId) && (e.ahead || (e.wc && !e.commit.empty))).reverse();
    return ok({ status: 'conflict' as const, paths, commits: restored.map((e) => e.commit.info.id), restored: true as const });
  });
};

/**
 * A checkpoint: the current operation, after a snapshot; right after the caller's status, the
 * operation that status left (no process).
 */
export const checkpoint = (s: JjRepo, o: CheckpointOptions = {}): ResultAsync<Checkpoint, SyncError> =>
  (o.afterStatus === true ? lastOperation(s) : currentOperation(s)).map((id) => ({ backend: 'jj' as const, id }));

/**
 * Returns to a checkpoint, refusing when the working copy holds edits that the checkpoint does
 * not: `jj op restore` would rewrite those files (jj keeps them in its operation log, but a
 * person would not find them).
 */
export const restoreCheckpoint = (s: JjRepo, cp: Checkpoint): ResultAsync<void, SyncError> => {
  if (cp.backend !== 'jj') return errAsync(invalidInput('checkpoint', cp.id, `a ${cp.backend} checkpoint cannot restore a jj repository`));
  const id = validateOperationId(cp.id);
  if (id.isErr()) return errAsync(id.error);
  return safeTry(async function* () {
    const own = yield* s.query(cmd.diffWorkingCopy());
    if (own.length > 0) {
      const then = yield* s.query(cmd.workingCopyAt(id.value));
      const differ = new Set((yield* s.query(cmd.diffRange(commitRev(then.info.id), '@'))).map((c) => c.path));
      const lost = own.filter((c) => differ.has(c.path)).map((c) => c.path);
      if (lost.length > 0) {
        return err(
          unsafeState('uncommitted-changes', `restoring would discard uncommitted edits to ${lost.join(', ')}`, {
            hint: 'commit or sync the edits first, then restore',
          }),
        );
      }
    }
    yield* s.run(cmd.operationRestore(id.value));
    return ok(undefined);
  });
};
