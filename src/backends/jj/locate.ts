import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { ResultAsync, okAsync } from 'neverthrow';
import { ioError, type SyncError } from '../../core/errors.js';

// Filesystem facts about a jj workspace, read directly (no process): where `.jj` and the
// backing git repository live.

/** Whether `path` exists and is a directory (false for a missing path). */
export const isDirectory = (path: string): ResultAsync<boolean, SyncError> =>
  ResultAsync.fromPromise(
    stat(path).then(
      (s) => s.isDirectory(),
      (e: unknown) => {
        if ((e as { code?: string }).code === 'ENOENT' || (e as { code?: string }).code === 'ENOTDIR') return false;
        throw e;
      },
    ),
    (e) => ioError(`could not read ${path}: ${String(e)}`, path),
  );

/** Whether anything exists at `path`. */
export const exists = (path: string): ResultAsync<boolean, SyncError> =>
  ResultAsync.fromPromise(
    stat(path).then(
      () => true,
      (e: unknown) => {
        if ((e as { code?: string }).code === 'ENOENT' || (e as { code?: string }).code === 'ENOTDIR') return false;
        throw e;
      },
    ),
    (e) => ioError(`could not read ${path}: ${String(e)}`, path),
  );

const readText = (path: string): ResultAsync<string, SyncError> =>
  ResultAsync.fromPromise(readFile(path, 'utf8'), (e) => ioError(`could not read ${path}: ${String(e)}`, path));

/**
 * The repo directory of a workspace: `.jj/repo` is a directory in the main workspace and a
 * file holding the repo's path in a secondary one (`jj workspace add`).
 */
export const repoDir = (root: string): ResultAsync<string, SyncError> => {
  const p = join(root, '.jj', 'repo');
  return isDirectory(p).andThen((dir) =>
    dir ? okAsync(p) : readText(p).map((t) => resolve(join(root, '.jj'), t.trim())),
  );
};

/**
 * The git directory behind a jj repo: `.jj/repo/store/git_target` names it, relative to the
 * store (`../../../.git` when colocated, `git` when not).
 */
export const gitDirOf = (root: string): ResultAsync<string, SyncError> =>
  repoDir(root).andThen((repo) => {
    const store = join(repo, 'store');
    return readText(join(store, 'git_target')).map((t) => (isAbsolute(t.trim()) ? t.trim() : resolve(store, t.trim())));
  });

// A git operation left half-done in a colocated repo: jj would import its intermediate state.
const GIT_IN_PROGRESS = ['rebase-merge', 'rebase-apply', 'MERGE_HEAD', 'CHERRY_PICK_HEAD', 'REVERT_HEAD'] as const;

/** The name of a git operation in progress in `root/.git`, if any. */
export const gitOperationInProgress = (root: string): ResultAsync<string | undefined, SyncError> =>
  ResultAsync.combine(GIT_IN_PROGRESS.map((f) => exists(join(root, '.git', f)))).map(
    (found) => GIT_IN_PROGRESS.find((_, i) => found[i] === true),
  );
