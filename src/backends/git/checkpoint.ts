// Checkpoints: the checked-out branch, its commit, every local branch and, when the work tree held
// edits, the tree it held, as JSON in the id. Restoring moves refs back with `reset --keep` /
// `branch -f` (never `--hard`), then writes those edits back as edits: an edit the sync committed
// after the checkpoint is uncommitted again, not gone from the disk (jj's operation restore does the same).
import { copyFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { err, errAsync, ok, ResultAsync, safeTry, type Result } from 'neverthrow';
import { invalidInput, ioError, unsafeState, type InvalidInputError, type SyncError } from '../../core/errors.js';
import { validateRefName } from '../../core/validate.js';
import type { Checkpoint } from '../../core/vcs.js';
import * as cmd from './commands.js';
import type { GitRepo } from './repo.js';
import { guardRepo } from './repo-state.js';

/** What a git checkpoint records. */
export interface GitCheckpointState {
  /** The checked-out branch, as a full ref. */
  readonly branch: string;
  readonly head: string;
  /** Every local branch and its commit. */
  readonly branches: Readonly<Record<string, string>>;
  /** The work tree's content (a tree id, untracked files included) when it differed from `head`. */
  readonly worktree?: string;
}

const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

export const encodeCheckpoint = (s: GitCheckpointState): Checkpoint => ({ backend: 'git', id: JSON.stringify(s) });

/** Reads a checkpoint back, refusing anything this backend did not write. Pure. */
export const decodeCheckpoint = (cp: Checkpoint): Result<GitCheckpointState, InvalidInputError> => {
  const bad = (why: string) => err(invalidInput('checkpoint', cp.id.slice(0, 200), `not a git checkpoint: ${why}`));
  if (cp.backend !== 'git') return bad(`it was made by the ${cp.backend} backend`);
  let raw: unknown;
  try {
    raw = JSON.parse(cp.id);
  } catch {
    return bad('its id is not JSON');
  }
  const o = raw as Partial<Record<keyof GitCheckpointState, unknown>>;
  if (typeof o !== 'object' || o === null || typeof o.branch !== 'string' || typeof o.head !== 'string') return bad('branch or head missing');
  if (!o.branch.startsWith('refs/heads/') || validateRefName(o.branch.slice('refs/heads/'.length)).isErr()) return bad('bad branch');
  if (!SHA.test(o.head)) return bad('bad head');
  const branches = o.branches;
  if (typeof branches !== 'object' || branches === null) return bad('branches missing');
  for (const [name, sha] of Object.entries(branches as Record<string, unknown>)) {
    if (validateRefName(name).isErr() || typeof sha !== 'string' || !SHA.test(sha)) return bad(`bad branch ${JSON.stringify(name)}`);
  }
  if (o.worktree !== undefined && (typeof o.worktree !== 'string' || !SHA.test(o.worktree))) return bad('bad worktree');
  return ok({ branch: o.branch, head: o.head, branches: branches as Record<string, string>, ...(typeof o.worktree === 'string' ? { worktree: o.worktree } : {}) });
};

const localBranches = (repo: GitRepo): ResultAsync<Record<string, string>, SyncError> =>
  repo.query(cmd.forEachRef()).map((bs) => {
    const out: Record<string, string> = {};
    for (const b of bs) if (b.target !== undefined) out[b.name] = b.target;
    return out;
  });

/**
 * The work tree as a tree object: the repository's index copied aside (so that only changed files
 * are hashed again), everything staged into the copy, the copy's tree written. Two git processes;
 * the repository's own index is not touched.
 */
const workTreeSnapshot = (repo: GitRepo): ResultAsync<string, SyncError> => {
  const gitDir = dirname(repo.paths.HEAD);
  const index = join(gitDir, `chezmoi-sync-checkpoint-index-${process.pid}`);
  const cleanUp = (): ResultAsync<void, SyncError> => removeFile(index).andThen(() => removeFile(`${index}.lock`));
  return ResultAsync.fromPromise(
    copyFile(join(gitDir, 'index'), index).catch((e: NodeJS.ErrnoException) => {
      // No index yet: git starts from an empty one.
      if (e.code !== 'ENOENT') throw e;
    }),
    (e) => ioError(`could not copy the index of ${repo.root}: ${String(e)}`, gitDir),
  )
    .andThen(() => repo.run(cmd.addAllTo(index)))
    .andThen(() => repo.run(cmd.writeTreeFrom(index)))
    .map((o) => o.stdout.trim())
    .andThen((tree) => cleanUp().map(() => tree))
    .orElse((e) => cleanUp().andThen(() => errAsync(e)));
};

/**
 * Records the checked-out branch, HEAD, every local branch and, when the work tree holds edits,
 * its content. `dirty`: what the caller's status just saw (undefined: asked here).
 */
export const checkpoint = (repo: GitRepo, o: { readonly dirty?: boolean } = {}): ResultAsync<Checkpoint, SyncError> =>
  safeTry(async function* () {
    const { branch } = yield* guardRepo(repo);
    const head = yield* repo.commitOf('HEAD');
    if (head === undefined) return err(unsafeState('no-commits', `${repo.root} has no commits yet`, { hint: 'commit something first' }));
    const branches = yield* localBranches(repo);
    const dirty = o.dirty ?? (yield* repo.status()).length > 0;
    const worktree = dirty ? yield* workTreeSnapshot(repo) : undefined;
    return ok(encodeCheckpoint({ branch, head, branches, ...(worktree !== undefined ? { worktree } : {}) }));
  });

const removeFile = (p: string): ResultAsync<void, SyncError> =>
  ResultAsync.fromPromise(rm(p, { force: true }), (e) => ioError(`could not remove ${p}: ${String(e)}`, p));

/**
 * Returns HEAD, the working tree and the local branches to a checkpoint. Refuses while the
 * working tree has uncommitted changes (they are not in the checkpoint) or another branch is out.
 * A guided-resolution merge in progress (ours) is aborted first.
 */
export const restore = (repo: GitRepo, cp: Checkpoint): ResultAsync<void, SyncError> =>
  safeTry(async function* () {
    const state = yield* decodeCheckpoint(cp);
    const st = yield* guardRepo(repo, { allowOwnMerge: true });
    // Aborting a guided resolution: back out of our own merge first (its edits are not in the checkpoint).
    if (st.ownMerge) {
      yield* repo.run(cmd.mergeAbort());
      yield* removeFile(st.markerPath);
    }
    const branch = st.branch;
    if (branch !== state.branch) {
      return err(unsafeState('other-branch', `the checkpoint is on ${state.branch} but ${branch} is checked out`, { hint: `check out ${state.branch.slice(11)} and run again` }));
    }
    const head = yield* repo.commitOf('HEAD');
    if (head !== state.head) {
      const changes = yield* repo.status();
      if (changes.length > 0) {
        return err(
          unsafeState('uncommitted-changes', `restoring would overwrite ${changes.length} uncommitted change(s) in ${repo.root}`, {
            hint: 'commit or stash them (or run a sync, which commits them), then restore again',
          }),
        );
      }
      yield* repo.run(cmd.resetKeep(state.head));
      // The edits the work tree held then, back as edits (the sync may have committed them since).
      if (state.worktree !== undefined) yield* repo.run(cmd.restoreWorkTree(state.worktree));
    }
    const current = yield* localBranches(repo);
    const own = state.branch.slice('refs/heads/'.length);
    for (const name of Object.keys(current)) {
      if (name !== own && state.branches[name] === undefined) yield* repo.run(cmd.branchDelete(name));
    }
    for (const [name, sha] of Object.entries(state.branches)) {
      if (name !== own && current[name] !== sha) yield* repo.run(cmd.branchForce(name, sha));
    }
    return ok(undefined);
  });

