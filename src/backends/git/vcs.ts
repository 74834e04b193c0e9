// The git `Vcs`: each method validates its inputs, then runs commands through one repository
// handle. The line of work is the checked-out branch.
import { dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { err, ok, okAsync, Result, ResultAsync, safeTry } from 'neverthrow';
import { invalidInput, unsafeState, type InvalidInputError, type SyncError } from '../../core/errors.js';
import type { CommitIdentity } from '../../core/identity.js';
import { validateMessage, validateRefName, validateRemoteName } from '../../core/validate.js';
import { interruptedWriteLeftovers, recoverInterruptedWrite } from '../fs/interrupted-write.js';
import { ownRebaseInProgress, recoverOwnRebase } from './repo-state.js';
import type { BranchInfo, CommitId, CommitOutcome, Divergence, RepoInfo, Vcs } from '../../core/vcs.js';
import { checkpoint, restore } from './checkpoint.js';
import { gitHousekeep, gitSizes } from './housekeep.js';
import { beginMerge, finishMerge, markedConflicts } from './merge.js';
import * as cmd from './commands.js';
import { readFilesAt } from '../git-objects/read-files.js';
import { pushBranch } from './push.js';
import { nonUtf8Names } from '../fs/byte-names.js';
import { syncableStatus } from '../fs/syncable-status.js';
import { unstage } from './leave-out.js';
import { rebaseOnto } from './rebase.js';
import { lookUpGitIdentity } from './identity.js';
import { trunkMoved } from '../remote-default.js';
import { remoteDefaultBranch } from './remote-default.js';
import type { GitRepo } from './repo.js';
import type { GitWorkTree } from './parse-status.js';
import { exists, guardRepo } from './repo-state.js';

/** A commit id as the port passes it: hex only, so it can never be read as an option or a revision expression. */
export const validateCommitId = (id: string, field = 'commit'): Result<CommitId, InvalidInputError> =>
  /^[0-9a-f]{4,64}$/.test(id) ? ok(id) : err(invalidInput(field, id, `invalid commit id ${JSON.stringify(id)}: expected hexadecimal`));

/** How far back the line is read for a commit carried on under another id (a rebase by hand is recent). */
const REWRITTEN_LOOKBACK = 2000;

const validateLimit = (n: number): Result<number, InvalidInputError> =>
  Number.isSafeInteger(n) && n > 0 ? ok(n) : err(invalidInput('limit', String(n), 'the log limit must be a positive integer'));

const remoteAndBranch = (remote: string, branch: string): Result<{ remote: string; branch: string }, InvalidInputError> =>
  validateRemoteName(remote).andThen((r) => validateRefName(branch).map((b) => ({ remote: r, branch: b })));

/** The remote trunk (`origin/HEAD`'s target), preferring `origin`; else `main`/`master` when origin has them. */
const trunkOf = (repo: GitRepo, remotes: readonly string[]): ResultAsync<string | undefined, SyncError> =>
  safeTry(async function* () {
    const remote = remotes.includes('origin') ? 'origin' : remotes[0];
    if (remote === undefined) return ok(undefined);
    const head = yield* repo.run(cmd.remoteHeadRef(remote));
    const prefix = `refs/remotes/${remote}/`;
    const target = head.stdout.trim();
    if (head.exitCode === 0 && target.startsWith(prefix)) return ok(target.slice(prefix.length));
    for (const name of ['main', 'master']) {
      if ((yield* repo.commitOf(cmd.trackingRef(remote, name))) !== undefined) return ok(name);
    }
    return ok(undefined);
  });

export const makeGitVcs = (repo: GitRepo, env: Readonly<Record<string, string | undefined>> = {}): Vcs => {
  const remotes = () => repo.query(cmd.remoteUrls());
  // Looked up on first need (a sync with nothing to commit never asks), once per open.
  let lookedUp: Promise<Result<CommitIdentity, SyncError>> | undefined;
  const identity = (): ResultAsync<CommitIdentity, SyncError> => new ResultAsync((lookedUp ??= Promise.resolve(lookUpGitIdentity(repo.run, env))));

  // What the last status saw, while no git command that writes ran since: a commit right after a
  // status that saw changes (none unmerged) does not ask again; `git add -A` stages whatever is
  // there by then, and git itself refuses to commit unmerged entries.
  let seen: (GitWorkTree & { readonly at: number }) | undefined;
  const status: Vcs['status'] = () => {
    const at = repo.writes();
    const tree = repo.query(cmd.workTree());
    // git tells the repositories inside itself (`? path/`); an ignored one is not listed there.
    return syncableStatus(repo.root, tree.map((w) => w.changes), () => tree.map((w) => w.embedded)).andThen((st) =>
      tree.map(({ submodules, embedded }) => {
        seen = { changes: [...st.changes], submodules, embedded, at };
        return st;
      }),
    );
  };
  const seenTree = (): GitWorkTree | undefined =>
    seen !== undefined && seen.at === repo.writes() && seen.changes.length > 0 && !seen.changes.some((c) => c.kind === 'conflicted') ? seen : undefined;

  const info = (): ResultAsync<RepoInfo, SyncError> =>
    remotes().andThen((rs) =>
      trunkOf(
        repo,
        rs.map((r) => r.name),
      ).map((trunk): RepoInfo => ({ root: repo.root, backend: 'git', colocated: false, remotes: rs, ...(trunk !== undefined ? { trunk } : {}) })),
    );

  const commitAll = (message: string): ResultAsync<CommitOutcome, SyncError> =>
    safeTry(async function* () {
      const msg = yield* validateMessage(message);
      yield* guardRepo(repo);
      const { changes, submodules, embedded } = seenTree() ?? (yield* repo.workTree());
      if (changes.length === 0) return ok({ committed: false } as const);
      yield* identity();
      // Unmerged entries (e.g. from a conflicted `git stash pop`) mean marker-laden files: never commit those.
      const unmerged = changes.filter((c) => c.kind === 'conflicted').map((c) => c.path);
      if (unmerged.length > 0) {
        return err(
          unsafeState('unmerged-paths', `${unmerged.length} file(s) in ${repo.root} have unresolved conflicts: ${unmerged.join(', ')}`, {
            hint: 'resolve them and `git add` them (or `git checkout -- <file>`), then run again',
          }),
        );
      }
      // A submodule's checkout, a repository inside: never staged (sync.md).
      yield* repo.run(cmd.addAll([...submodules, ...embedded]));
      const bytes = yield* nonUtf8Names(repo.root);
      if (bytes.length > 0) yield* unstage(repo, bytes);
      const made = await repo.run(cmd.commit(msg));
      if (made.isErr()) {
        // Nothing staged after all (the edits were undone meanwhile, or only names git cannot
        // take): nothing to commit. Asked only then: a commit that succeeds needs no check first.
        const staged = yield* repo.run(cmd.stagedDiffers());
        if (staged.exitCode === 0) return ok({ committed: false } as const);
        return err(made.error);
      }
      const commit = yield* repo.headCommit();
      if (commit === undefined) return err(unsafeState('no-commits', 'the new commit is not on HEAD'));
      return ok({ committed: true, commit } as const);
    });

  const divergence = (remote: string, branch: string): ResultAsync<Divergence, SyncError> =>
    safeTry(async function* () {
      const names = yield* remoteAndBranch(remote, branch);
      const head = yield* repo.commitOf('HEAD');
      if (head === undefined) return err(unsafeState('no-commits', `${repo.root} has no commits yet`, { hint: 'commit something first' }));
      const remoteHead = yield* repo.commitOf(cmd.trackingRef(names.remote, names.branch));
      if (remoteHead === undefined) {
        // Deleted while the remote's HEAD names another branch (a rename): never recreate it.
        const moved = yield* remoteDefaultBranch(repo, names.remote);
        if (moved !== undefined && moved !== names.branch) return err(trunkMoved(names.remote, names.branch, moved, repo.root));
        // No remote branch yet: everything not on any of this remote's branches is ahead.
        const ahead = yield* repo.commits([head], { reverse: true, notOnRemote: names.remote });
        return ok({ ahead, behind: [], head });
      }
      const { ahead, behind } = yield* repo.query(cmd.aheadBehind(remoteHead, head));
      return ok({ ahead, behind, head, remoteHead });
    });

  const setBranch = (name: string, target: CommitId): ResultAsync<void, SyncError> =>
    safeTry(async function* () {
      const branch = yield* validateRefName(name);
      const sha = yield* validateCommitId(target, 'target');
      const full = yield* repo.commitOf(sha);
      if (full === undefined) return err(invalidInput('target', target, `${target} is not a commit in ${repo.root}`));
      const current = yield* repo.headRef();
      if (current !== cmd.localRef(branch)) {
        yield* repo.run(cmd.branchForce(branch, full));
        return ok(undefined);
      }
      // The checked-out branch: moving it moves the working tree, so only with reset --keep on a safe repo.
      if ((yield* repo.commitOf('HEAD')) === full) return ok(undefined);
      yield* guardRepo(repo);
      const changes = yield* repo.status();
      if (changes.length > 0) {
        return err(
          unsafeState('uncommitted-changes', `moving the checked-out ${branch} would touch ${changes.length} uncommitted change(s)`, {
            hint: 'commit them first (a sync does this itself), then run again',
          }),
        );
      }
      yield* repo.run(cmd.resetKeep(full));
      return ok(undefined);
    });

  const deleteBranch = (name: string): ResultAsync<void, SyncError> =>
    safeTry(async function* () {
      const branch = yield* validateRefName(name);
      if ((yield* repo.headRef()) === cmd.localRef(branch)) {
        return err(unsafeState('checked-out', `${branch} is checked out in ${repo.root} and cannot be deleted`, { hint: 'check out another branch first' }));
      }
      if ((yield* repo.commitOf(cmd.localRef(branch))) === undefined) return ok(undefined);
      yield* repo.run(cmd.branchDelete(branch));
      return ok(undefined);
    });

  return {
    kind: 'git',
    // git status reads the index and the files; git fetch writes remote-tracking refs only.
    readsDuringFetch: true,
    interrupted: () =>
      ResultAsync.combine([
        ResultAsync.fromSafePromise(interruptedWriteLeftovers(dirname(repo.paths.HEAD))),
        ownRebaseInProgress(repo),
      ]).map(([locks, rebase]) => [...locks.map((l) => `the lock file ${l}`), ...(rebase ? [`a rebase in progress in ${repo.root}`] : [])]),
    // The lock files first: backing the rebase out is a write, which they would stop.
    recoverInterrupted: () =>
      recoverInterruptedWrite(dirname(repo.paths.HEAD)).andThen((removed) =>
        recoverOwnRebase(repo).map((aborted) => (aborted ? [...removed, `a rebase in ${repo.root} (backed out)`] : removed)),
      ),
    root: repo.root,
    info,
    status,
    commitAll,
    fetch: (remote) => validateRemoteName(remote).asyncAndThen((r) => repo.run(cmd.fetch(r))).map(() => undefined),
    divergence,
    rebase: ({ remote, branch }) => remoteAndBranch(remote, branch).asyncAndThen((n) => rebaseOnto(repo, cmd.trackingRef(n.remote, n.branch))),
    // Right after a status, what it saw says whether the work tree holds edits to record.
    checkpoint: (o) => checkpoint(repo, o?.afterStatus === true && seen !== undefined && seen.at === repo.writes() ? { dirty: seen.changes.length > 0 } : {}),
    restore: (cp) => restore(repo, cp),
    sizes: () => gitSizes(repo.root),
    housekeep: (_keep, o) => gitHousekeep(repo, o?.force === true),
    conflicts: () => markedConflicts(repo),
    // Only a repository with a `.gitmodules` can hold submodules: one stat otherwise.
    submodules: () => exists(join(repo.root, '.gitmodules')).andThen((has) => (has ? repo.query(cmd.workTree({ untracked: false })).map((w): readonly string[] => w.submodules) : okAsync([]))),
    inLine: (commit) =>
      safeTry(async function* () {
        const sha = yield* validateCommitId(commit);
        const full = yield* repo.commitOf(sha);
        if (full === undefined) return ok(false);
        const r = yield* repo.run(cmd.isAncestor(full, 'HEAD'));
        return ok(r.exitCode === 0);
      }),
    // git has no change ids, but a rebase, an amend of the files and a cherry-pick keep a commit's
    // author, author date and message: one in the line with all three is that commit carried on.
    rewrittenInLine: (commit) =>
      safeTry(async function* () {
        const sha = yield* validateCommitId(commit);
        const full = yield* repo.commitOf(sha);
        if (full === undefined) return ok(false);
        const [target] = yield* repo.commits([full], { limit: 1 });
        if (target === undefined) return ok(false);
        const line = yield* repo.commits(['HEAD'], { limit: REWRITTEN_LOOKBACK });
        return ok(line.some((c) => c.id !== target.id && c.description === target.description && isDeepStrictEqual(c.author, target.author)));
      }),
    renameLineBranch: (to) => validateRefName(to).asyncAndThen((name) => repo.run(cmd.branchRenameCurrent(name))).map(() => undefined),
    lineUpstream: (remote) =>
      repo.headRef().andThen((ref) => {
        if (ref?.startsWith('refs/heads/') !== true) return okAsync(undefined);
        const name = ref.slice('refs/heads/'.length);
        const get = (key: string) => repo.run(cmd.configGet(`branch.${name}.${key}`)).map((o) => (o.exitCode === 0 ? o.stdout.trim() : undefined));
        return ResultAsync.combine([get('remote'), get('merge')]).map(([r, m]) =>
          r === remote && m?.startsWith('refs/heads/') === true ? m.slice('refs/heads/'.length) : undefined,
        );
      }),
    lineBranch: () => repo.headRef().map((ref) => (ref?.startsWith('refs/heads/') === true ? ref.slice('refs/heads/'.length) : undefined)),
    changedPaths: (from, to) =>
      Result.combine([validateCommitId(from, 'from'), validateCommitId(to, 'to')]).asyncAndThen(([f, t]) => repo.query(cmd.nameStatus(f, t))),
    branches: (): ResultAsync<readonly BranchInfo[], SyncError> =>
      remotes().andThen((rs) =>
        repo.query(cmd.forEachRef(rs.map((r) => r.name))),
      ),
    setBranch,
    deleteBranch,
    outgoingFiles: (remote, head) =>
      Result.combine([validateRemoteName(remote), validateCommitId(head, 'head')]).asyncAndThen(([r, h]) => repo.query(cmd.outgoingFiles(r, h))),
    readFiles: (files, onChunk) =>
      Result.combine(files.map((f) => validateCommitId(f.commit))).asyncAndThen(() =>
        // ls-tree and cat-file: reads only.
        readFilesAt({ query: (args) => repo.run({ args, readOnly: true }).map((o) => o.stdout), stream: (args, input, sink) => repo.stream({ args }, input, sink) }, files, onChunk),
      ),
    push: ({ remote, branch }) => remoteAndBranch(remote, branch).asyncAndThen((n) => pushBranch(repo, n.remote, n.branch)),
    beginMerge: ({ remote, branch }, message) =>
      Result.combine([remoteAndBranch(remote, branch), validateMessage(message)]).asyncAndThen(([n, m]) =>
        identity().andThen(() => beginMerge(repo, cmd.trackingRef(n.remote, n.branch), m)),
      ),
    finishMerge: (message) => validateMessage(message).asyncAndThen((m) => identity().andThen(() => finishMerge(repo, m))),
    identity,
    log: (limit) =>
      validateLimit(limit).asyncAndThen((n) =>
        repo.commitOf('HEAD').andThen((head) => (head === undefined ? okAsync([]) : repo.commits(['HEAD'], { limit: n }))),
      ),
  };
};
