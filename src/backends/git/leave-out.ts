// Keeps files whose names are not valid UTF-8 out of a commit. Their names cannot travel in argv
// (Node encodes arguments as UTF-8), so they go to git as bytes in a pathspec file.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errAsync, ResultAsync } from 'neverthrow';
import { ioError, type SyncError } from '../../core/errors.js';
import type { ByteName } from '../fs/byte-names.js';
import type { GitRepo } from './repo.js';

const LITERAL = Buffer.from(':(literal)');

/** NUL-separated literal pathspecs, byte for byte. Pure. */
export const pathspecFile = (names: readonly ByteName[]): Buffer =>
  Buffer.concat(names.flatMap((n) => [LITERAL, n.raw, Buffer.from([0])]));

/** Unstages `names` (after `git add -A`): they stay in the working tree, out of the commit. */
export const unstage = (repo: GitRepo, names: readonly ByteName[]): ResultAsync<void, SyncError> =>
  ResultAsync.fromPromise(mkdtemp(join(tmpdir(), 'chezmoi-sync-pathspec-')), (e) => ioError(`could not create a temp dir: ${String(e)}`, tmpdir())).andThen(
    (dir) => {
      const file = join(dir, 'pathspec');
      const cleanup = () => ResultAsync.fromSafePromise(rm(dir, { recursive: true, force: true }));
      return ResultAsync.fromPromise(writeFile(file, pathspecFile(names)), (e) => ioError(`could not write ${file}: ${String(e)}`, file))
        .andThen(() => repo.run({ args: ['reset', '-q', `--pathspec-from-file=${file}`, '--pathspec-file-nul'] }))
        .andThen(() => cleanup())
        .orElse((e) => cleanup().andThen(() => errAsync(e)))
        .map(() => undefined);
    },
  );
