import { createHash } from 'node:crypto';
import { lstat, readFile, readlink } from 'node:fs/promises';
import { ResultAsync } from 'neverthrow';
import { ioError, type SyncError } from '../../core/errors.js';
import { IO_CONCURRENCY, promiseMapLimit } from '../../core/util/limit.js';
import { areDirs } from '../fs/stat-many.js';

/** What is at a target path in HOME, with the hash chezmoi's state database would record. */
export type HomeState =
  | { readonly kind: 'missing' }
  | { readonly kind: 'file'; readonly sha256: string }
  | { readonly kind: 'symlink'; readonly sha256: string }
  | { readonly kind: 'dir' }
  | { readonly kind: 'other' };

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

const probe = async (path: string): Promise<HomeState> => {
  try {
    const st = await lstat(path);
    if (st.isSymbolicLink()) return { kind: 'symlink', sha256: sha256(await readlink(path)) };
    if (st.isDirectory()) return { kind: 'dir' };
    if (st.isFile()) return { kind: 'file', sha256: sha256(await readFile(path)) };
    return { kind: 'other' };
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
    throw e;
  }
};

/** Probes each target in HOME (lstat + sha256 of the content or link). */
export const probeHome = (targets: readonly string[]): ResultAsync<ReadonlyMap<string, HomeState>, SyncError> =>
  ResultAsync.fromPromise(
    promiseMapLimit(targets, IO_CONCURRENCY, async (t) => [t, await probe(t)] as const).then((pairs) => new Map(pairs)),
    (e) => ioError(`could not read a target in HOME: ${String(e)}`),
  );

/** Whether each source path is a directory (false when it is missing), in order: each source directory listed once. */
export const sourceDirs = (paths: readonly string[]): ResultAsync<boolean[], SyncError> =>
  ResultAsync.fromPromise(
    // chezmoi follows a symlink in the source dir: one to a directory is a directory to it.
    areDirs(paths, { followLinks: true }),
    (e) => ioError(`could not read the source state: ${String(e)}`, (e as { path?: string }).path),
  );
