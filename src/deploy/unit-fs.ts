// The small part of the filesystem that installing units needs, as a port (tests inject
// failures), and its real implementation over node:fs/promises: nothing throws out of it.
import { randomBytes } from 'node:crypto';
import { lstat, readFile, readlink, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ResultAsync } from 'neverthrow';
import { ioError, type SyncError } from '../core/errors.js';
import { makeDirs } from '../backends/fs/make-dirs.js';

/** The filesystem operations used on the unit directory. */
export interface UnitFs {
  readText(path: string): ResultAsync<string | undefined, SyncError>;
  /** Temp file in the same dir + rename: readers see the old or the new file, never a part. */
  writeAtomic(path: string, content: string): ResultAsync<void, SyncError>;
  remove(path: string): ResultAsync<void, SyncError>;
  /** Target of a symlink, or undefined when `path` is missing or not a symlink. */
  readLink(path: string): ResultAsync<string | undefined, SyncError>;
}

const io = (what: string, path: string) => (e: unknown): SyncError =>
  ioError(`cannot ${what} ${path}: ${(e as Error).message}`, path, { hint: 'check that the systemd user unit directory is writable by you' });

const missing = (e: unknown): boolean => ['ENOENT', 'ENOTDIR'].includes((e as NodeJS.ErrnoException).code ?? '');

const orUndefined = <T>(p: () => Promise<T>) => async (): Promise<T | undefined> => {
  try {
    return await p();
  } catch (e) {
    if (missing(e)) return undefined;
    throw e;
  }
};

/** The real filesystem (node:fs/promises); nothing throws out of it. */
export const nodeUnitFs: UnitFs = {
  readText: (path) => ResultAsync.fromThrowable(orUndefined(() => readFile(path, 'utf8')), io('read', path))(),
  writeAtomic: (path, content) =>
    ResultAsync.fromThrowable(async () => {
      // A dot name without a unit suffix: systemd never loads it, even if it were left behind.
      const tmp = join(dirname(path), `.${randomBytes(6).toString('hex')}.tmp`);
      try {
        await writeFile(tmp, content, { mode: 0o644, flag: 'wx' });
        await rename(tmp, path);
      } catch (e) {
        await rm(tmp, { force: true });
        throw e;
      }
    }, io('write', path))(),
  remove: (path) => ResultAsync.fromThrowable(() => rm(path, { force: true }), io('remove', path))(),
  readLink: (path) =>
    ResultAsync.fromThrowable(
      orUndefined(async () => ((await lstat(path)).isSymbolicLink() ? readlink(path) : undefined)),
      io('read', path),
    )(),
};

export const makeDir = (dir: string): ResultAsync<void, SyncError> =>
  ResultAsync.fromThrowable(() => makeDirs(dir), io('create', dir))().map(() => undefined);
