// The secret guard over files not committed yet (capture): before re-add copies HOME into the
// source dir, and before the commit.
import { err, ok, okAsync, type Result } from 'neverthrow';
import { secretsFound, type SyncError } from '../../errors.js';
import { IO_CONCURRENCY, mapLimit } from '../../util/limit.js';
import type { EngineFs } from '../fs.js';
import { scanForSecrets, SECRET_SCAN_BYTES } from '../secrets.js';

/** `path` (source-relative) names a file and feeds the name rules; `file` (absolute) is read. */
export interface ScannedFile {
  readonly path: string;
  readonly file: string;
}

/** Ok when none of `files` looks like a secret; otherwise `secrets-found` naming each. */
export const scanSourceFiles = async (fs: EngineFs, files: readonly ScannedFile[]): Promise<Result<void, SyncError>> => {
  const heads = await mapLimit(files, IO_CONCURRENCY, (f) => fs.readHead(f.file, SECRET_SCAN_BYTES).orElse(() => okAsync(undefined)));
  if (heads.isErr()) return err(heads.error);
  const found = files.flatMap((f, i) => scanForSecrets(f.path, heads.value[i]));
  return found.length === 0 ? ok(undefined) : err(secretsFound(found));
};
