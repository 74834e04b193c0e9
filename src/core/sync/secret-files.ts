// One scanner for every file the secret guard looks at: whole files, streamed chunk by chunk
// (secrets.ts: contentScan) — the commits a push would publish (outgoing-guard.ts) and the
// uncommitted files capture is about to copy or commit (steps/secret-scan.ts).
import type { ResultAsync } from 'neverthrow';
import type { SyncError } from '../errors.js';
import { targetPathOf } from '../secrets/target-name.js';
import { contentScan, nameReason, type ContentScan } from './secrets.js';

/** Feeds each file's bytes to `push`, chunk by chunk; resolves with the files it could not read. */
export type FeedFiles<F> = (push: (file: F, chunk: Uint8Array) => void) => ResultAsync<ReadonlySet<string>, SyncError>;

/**
 * The files among `files` that look like a secret, each with the first rule it breaks. `path`
 * (source-relative) names a file for the rules; `key` tells files apart. A file that could not be
 * read is judged by its name, except an `encrypted_` one.
 */
export const findSecrets = <F extends { readonly path: string }>(
  files: readonly F[],
  key: (f: F) => string,
  feed: FeedFiles<F>,
): ResultAsync<{ readonly file: F; readonly reason: string }[], SyncError> => {
  const scans = new Map<string, ContentScan>(files.map((f) => [key(f), contentScan(targetPathOf(f.path).encrypted)]));
  return feed((f, chunk) => scans.get(key(f))?.push(chunk)).map((unread) =>
    files.flatMap((f) => {
      const scan = scans.get(key(f));
      const reason = unread.has(key(f))
        ? targetPathOf(f.path).encrypted ? undefined : nameReason(f.path)
        : (scan?.finish() ?? (scan?.ciphertext() === true ? undefined : nameReason(f.path)));
      return reason === undefined ? [] : [{ file: f, reason }];
    }),
  );
};
