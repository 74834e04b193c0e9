import { err, ok, okAsync, Result, ResultAsync, safeTry } from 'neverthrow';
import { invalidInput, type SyncError } from '../../core/errors.js';
import { validateMessage, validateRefName, validateRemoteName } from '../../core/validate.js';
import type { CommitInfo, ConflictedLineCommit, Divergence, LineRef, Vcs } from '../../core/vcs.js';
import * as cmd from './commands.js';
import { conflictedPaths } from './parse-conflicts.js';
import { beginMerge, finishMerge } from './merge.js';
import { changedPaths } from './changed-paths.js';
import { outgoingFiles, readFiles } from './outgoing.js';
import { pushBookmark } from './push.js';
import { syncableStatus } from '../fs/syncable-status.js';
import { embeddedRepositories, submodulesOutOfStep } from './submodules.js';
import { trunkMoved } from '../remote-default.js';
import { remoteDefaultBranch } from './remote-default.js';
import { checkpoint, rebaseMarked, rebaseOnto, recoverInterruptedRebase, restoreCheckpoint } from './rebase.js';
import { interruptedWriteLeftovers, recoverInterruptedWrite } from '../fs/interrupted-write.js';
import { recoverStaleWorkingCopy, staleWorkingCopy, staleWorkingCopyLine } from './stale-working-copy.js';
import { jjHousekeep, jjSizes } from './housekeep.js';
import { repoInfo } from './repo-info.js';
import * as rev from './revsets.js';
import type { JjCommit } from './parse-log.js';
import type { JjWorkingCopy } from './parse-working-copy.js';
import type { DivergenceEntry } from './parse-divergence.js';
import { conflictedRemoteBookmark, headOf, makeJjRepo } from './repo.js';
import type { JjSettings } from './settings.js';

// The Vcs port over jj. The local line of work is @ and its mutable ancestors; after a
// commit @ is an empty working-copy commit on top, so the "head" is @ when it holds changes
// and @- otherwise. Every value from a caller is validated before any process runs.

const validateLimit = (limit: number): Result<number, SyncError> =>
  Number.isInteger(limit) && limit > 0 && limit <= 100_000
    ? ok(limit)
    : err(invalidInput('limit', String(limit), 'the log limit must be a positive integer'));

/**
 * A `Vcs` for the jj workspace at `root` (already checked to be one).
 *
 * @example
 * const vcs = makeJjVcs(settings, '/home/me/.local/share/chezmoi');
 * await vcs.commitAll('laptop: 2 files');
 */
export const makeJjVcs = (settings: JjSettings, root: string): Vcs => {
  const s = makeJjRepo(settings, root);

  // What the last status saw of @ (one `jj log` gives its changes and where it sits), while no jj
  // command wrote since. A commit after a status that saw changes needs no second look at @ (`jj
  // commit` snapshots again, so what changed meanwhile goes in too); the line guard needs no query
  // for a commit that is @'s parent (a snapshot rewrites @, never its parents).
  let seen: { readonly wc: JjCommit; readonly at: number } | undefined;
  const seenNow = (): JjCommit | undefined => (seen !== undefined && seen.at === s.writes() ? seen.wc : undefined);
  // With a line, the status (or the commit just made) is read from the divergence query, which is
  // then remembered for the divergence asked next: one `jj log` for both. Should that query fail
  // or lack the answer (it asks more of jj), the plain query answers.
  const fromLine = <T>(line: LineRef | undefined, pick: (entries: readonly DivergenceEntry[]) => T | undefined, plain: () => ResultAsync<T, SyncError>): ResultAsync<T, SyncError> =>
    line === undefined
      ? plain()
      : Result.combine([validateRemoteName(line.remote), validateRefName(line.branch)])
          .asyncAndThen(() => s.divergence(rev.remoteBookmark(line.branch, line.remote), line.branch, line.remote, { fresh: true }))
          .map(pick)
          .orElse(() => okAsync(undefined))
          .andThen((found) => (found !== undefined ? okAsync(found) : plain()));
  // Something to commit, or commits to rebase onto: a commit will be made, and it needs the
  // identity (a jj and a git process). Looked up from here on, beside the caller's own work, so
  // that the commit or the rebase does not wait for it; an error is met again where it counts.
  const identityAhead = (changes: readonly unknown[], entries: readonly DivergenceEntry[]): void => {
    if (changes.length > 0 || entries.some((e) => e.behind)) void s.identity().match(() => undefined, () => undefined);
  };
  // With the line: whether a commit of it (or @) is conflicted, which the plain query tells of @ only.
  const workingCopyAndLine = (line: LineRef | undefined): ResultAsync<JjWorkingCopy & { readonly conflicted: boolean }, SyncError> =>
    fromLine(
      line,
      (entries) => {
        const wc = entries.find((e) => e.wc);
        if (wc?.changes !== undefined) identityAhead(wc.changes, entries);
        const conflicted = entries.some((e) => (e.ahead || e.wc) && e.commit.conflict);
        return wc?.changes !== undefined ? { commit: wc.commit, changes: wc.changes, conflicted } : undefined;
      },
      () => s.query(cmd.workingCopyWithChanges()).map((w) => ({ ...w, conflicted: w.commit.conflict })),
    );
  // The conflicted commits of the line, newest first, with their paths (`conflicts`; the status, only when it saw one).
  const localConflicts = () => s.query(cmd.logConflicts(rev.conflictedLocal));
  const conflictedLine = (): ResultAsync<readonly ConflictedLineCommit[], SyncError> =>
    localConflicts().map((cs) => cs.map((c) => ({ id: c.commit, changeId: c.change, summary: c.summary, paths: c.paths })).reverse());
  // @- is the commit just made (jj put a fresh empty @ on top of it): read as the commit left it.
  const committed = (line: LineRef | undefined): ResultAsync<JjCommit, SyncError> =>
    fromLine(
      line,
      (entries) => {
        const parent = entries.find((e) => e.wc)?.commit.info.parents;
        return parent?.length === 1 ? entries.find((e) => e.commit.info.id === parent[0])?.commit : undefined;
      },
      () => s.query(cmd.withoutSnapshot(cmd.logCommit('@-'))),
    );
  const status: Vcs['status'] = (line) => {
    const at = s.writes();
    const wc = workingCopyAndLine(line).map((w) => {
      seen = { wc: w.commit, at };
      return w;
    });
    return syncableStatus(root, wc.map((w) => w.changes), (repositories) => embeddedRepositories(s, repositories)).andThen((st) =>
      wc.andThen((w) => (w.conflicted ? conflictedLine().map((cs) => (cs.length > 0 ? { ...st, conflicted: cs } : st)) : okAsync(st))),
    );
  };
  const atWorkingCopy = (): ResultAsync<{ readonly empty: boolean }, SyncError> => {
    const wc = seenNow();
    return wc !== undefined && !wc.empty ? okAsync(wc) : s.workingCopy();
  };

  const commitAll: Vcs['commitAll'] = (message, line) =>
    validateMessage(message).asyncAndThen((msg) =>
      atWorkingCopy().andThen((wc) =>
        wc.empty
          ? okAsync({ committed: false as const })
          : s
              .identity()
              .andThen(() => s.run(cmd.commit(msg)))
              .andThen(() => committed(line))
              .map((c) => ({ committed: true as const, commit: c.info })),
      ),
    );

  const divergence: Vcs['divergence'] = (remote, branch) =>
    Result.combine([validateRemoteName(remote), validateRefName(branch)]).asyncAndThen(() =>
      safeTry(async function* () {
        const base = rev.remoteBookmark(branch, remote);
        // One process for the common case: the remote branch exists and points to one commit.
        const entries = yield* s.divergence(base, branch, remote);
        const remoteHeads = entries.filter((e) => e.remote && !e.ahead);
        const wc = entries.find((e) => e.wc);
        if (remoteHeads.length > 0 && wc !== undefined) {
          const heads = remoteHeads.filter((e) => !remoteHeads.some((o) => o.commit.info.parents.includes(e.commit.info.id)));
          if (heads.length > 1) {
            return err(conflictedRemoteBookmark(`${branch}@${remote}`, heads.length));
          }
          const [tip] = heads;
          const out: Divergence = {
            ahead: entries.filter((e) => e.ahead).map((e) => e.commit.info),
            behind: entries.filter((e) => e.behind).map((e) => e.commit.info),
            head: headOf(wc.commit),
            ...(tip !== undefined ? { remoteHead: tip.commit.info.id } : {}),
          };
          return ok(out);
        }
        // No such remote branch yet: everything not on any branch of that remote is ahead.
        const remoteHead = yield* s.remoteHead(base, `${branch}@${remote}`);
        // Deleted while the remote's HEAD names another branch (a rename): never recreate it.
        const moved = remoteHead === undefined ? yield* remoteDefaultBranch(s, remote) : undefined;
        if (moved !== undefined && moved !== branch) return err(trunkMoved(remote, branch, moved, root));
        const wcNow = yield* s.workingCopy();
        const from = remoteHead !== undefined ? base : rev.anyRemoteBookmark(remote);
        const ahead = yield* s.commits(`${rev.aheadOf(from)} ~ root()`, { reversed: true });
        const behind = remoteHead !== undefined ? yield* s.commits(rev.behind(base), { reversed: true }) : [];
        const out: Divergence = {
          ahead: ahead.map((c) => c.info),
          behind: behind.map((c) => c.info),
          head: headOf(wcNow),
          ...(remoteHead !== undefined ? { remoteHead } : {}),
        };
        return ok(out);
      }),
    );

  const log: Vcs['log'] = (limit) =>
    validateLimit(limit).asyncAndThen((n) =>
      // One more than asked: the first may be the empty working-copy commit, which is not work.
      s.commits(rev.lineFrom('@'), { limit: n + 1 }).map((cs): CommitInfo[] => {
        const [first] = cs;
        const work = first !== undefined && first.empty && first.info.parents.length === 1 ? cs.slice(1) : cs;
        return work.slice(0, n).map((c) => c.info);
      }),
    );

  return {
    kind: 'jj',
    root,
    info: () => repoInfo(s),
    // jj itself skips (and never commits) names that are not valid UTF-8: they are only reported.
    status,
    commitAll,
    fetch: (remote) =>
      validateRemoteName(remote).asyncAndThen((r) => s.run(cmd.gitFetch(r), { remote: r }).map(() => undefined)),
    divergence,
    rebase: ({ remote, branch }) =>
      Result.combine([validateRemoteName(remote), validateRefName(branch)])
        // Rebased commits are stamped with the committer: with none, the push says so (and repairs later).
        // Looked up while rebaseOnto reads where the line stands.
        .asyncAndThen(() => rebaseOnto(s, remote, branch, s.identity().orElse(() => okAsync(undefined)))),
    checkpoint: (o) => checkpoint(s, o),
    restore: (cp) => restoreCheckpoint(s, cp),
    interrupted: () =>
      s
        .gitDir()
        .andThen((gitDir) => ResultAsync.fromSafePromise(interruptedWriteLeftovers(gitDir)))
        .andThen((locks) =>
          staleWorkingCopy(s)
            .orElse(() => okAsync(false))
            .andThen((stale) =>
              rebaseMarked(root).map((rebase) => [
                ...locks.map((l) => `the lock file ${l}`),
                ...(stale ? [staleWorkingCopyLine(root)] : []),
                ...(rebase ? [`a rebase not yet undone in ${root}`] : []),
              ]),
            ),
        ),
    // The lock files first: every jj command below writes, which they would stop. Then the working
    // copy: undoing the rebase snapshots it first, which a stale one refuses.
    recoverInterrupted: () =>
      s
        .gitDir()
        .andThen((gitDir) => recoverInterruptedWrite(gitDir))
        .andThen((removed) => recoverStaleWorkingCopy(s).map((stale) => (stale ? [...removed, staleWorkingCopyLine(root)] : removed)))
        .andThen((removed) => recoverInterruptedRebase(s).map((undone) => (undone ? [...removed, `a rebase in ${root} (undone)`] : removed))),
    sizes: () => jjSizes(root),
    housekeep: (keep, o) => jjHousekeep(s, keep, o?.force === true),
    // The files on disk are @'s: @ just read as not conflicted (a rebase reads it) holds no markers.
    submodules: () => submodulesOutOfStep(s),
    conflicts: () => (s.lastWorkingCopy()?.conflict === false ? okAsync([]) : localConflicts().map(conflictedPaths)),
    inLine: (commit) =>
      rev.validateCommitId(commit).asyncAndThen((c) =>
        seenNow()?.info.parents.includes(c) === true ? okAsync(true) : s.commits(rev.inLine(c), { limit: 1 }).map((cs) => cs.length > 0),
      ),
    // jj keeps a change's id across rewrites: a later version of it in the line means the person
    // (or a clean rebase) carried that change along, whatever its content became.
    rewrittenInLine: (commit) =>
      rev.validateCommitId(commit).asyncAndThen((c) =>
        s.commits(rev.commitRev(c), { limit: 1 }).andThen(([found]) =>
          found === undefined || !/^[k-z]+$/.test(found.info.changeId) ? okAsync(false) : s.commits(rev.changeInLine(found.info.changeId), { limit: 1 }).map((cs) => cs.length > 0),
        ),
      ),
    changedPaths: (from, to) =>
      Result.combine([rev.validateCommitId(from, 'from'), rev.validateCommitId(to, 'to')]).asyncAndThen(([f, t]) => changedPaths(s, f, t)),
    outgoingFiles: (remote, head) => outgoingFiles(s, remote, head),
    readFiles: (files, onChunk) => readFiles(s, files, onChunk),
    branches: () => s.query(cmd.bookmarkList()),
    setBranch: (name, target) =>
      Result.combine([validateRefName(name), rev.validateCommitId(target, 'target')]).asyncAndThen(([n, t]) =>
        s.run(cmd.bookmarkSet(n, rev.commitRev(t))).map(() => undefined),
      ),
    deleteBranch: (name) =>
      validateRefName(name).asyncAndThen((n) => s.run(cmd.bookmarkTrackAll(n)).andThen(() => s.run(cmd.bookmarkDelete(n))).map(() => undefined)),
    push: ({ remote, branch }) =>
      Result.combine([validateRemoteName(remote), validateRefName(branch)]).asyncAndThen(([r, b]) => pushBookmark(s, r, b)),
    identity: () => s.identity(),
    log,
    beginMerge: ({ remote, branch }, message) =>
      Result.combine([validateRemoteName(remote), validateRefName(branch), validateMessage(message)]).asyncAndThen(([r, b, m]) =>
        s.identity().andThen(() => beginMerge(s, r, b, m)),
      ),
    // Before the first snapshot of this process, which restamps the merge commit's committer.
    finishMerge: () => s.identity().andThen(() => finishMerge(s)),
  };
};
