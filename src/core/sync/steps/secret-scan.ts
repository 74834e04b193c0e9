// The secret guard over files not committed yet (capture): before re-add copies HOME into the
// source dir, and before the commit. Whole files, streamed: the same scanner as before a push.
import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import { secretsFound, type SyncError } from '../../errors.js';
import { IO_CONCURRENCY, mapLimit } from '../../util/limit.js';
import type { EngineFs } from '../fs.js';
import { findSecrets } from '../secret-files.js';

/** `path` (source-relative) names a file and feeds the name rules; `file` (absolute) is read. */
export interface ScannedFile {
  readonly path: string;
  readonly file: string;
}

const keyOf = (f: ScannedFile): string => f.file;

/**
 * Ok when none of `files` looks like a secret; otherwise `secrets-found` naming each. `inHome`:
 * the files are HOME's, read before a re-add would copy them (the error names them, not the source).
 */
export const scanSourceFiles = (fs: EngineFs, files: readonly ScannedFile[], o: { readonly inHome?: boolean } = {}): ResultAsync<void, SyncError> =>
  findSecrets(files, keyOf, (push) =>
    mapLimit(files, IO_CONCURRENCY, (f) =>
      fs
        .readChunks(f.file, (chunk) => push(f, chunk))
        // Unreadable (missing, a symlink): judged by its name alone.
        .orElse(() => okAsync(false))
        .map((read) => (read ? [] : [keyOf(f)])),
    ).map((unread) => new Set(unread.flat())),
  ).andThen((found) =>
    found.length === 0
      ? okAsync(undefined)
      : errAsync(secretsFound(found.map(({ file, reason }) => ({ path: file.path, reason })), o.inHome === true ? { inHome: found.map(({ file }) => file.file) } : {})),
  );
