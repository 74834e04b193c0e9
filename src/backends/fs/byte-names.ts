// File names are bytes: Node reads a name that is not valid UTF-8 as a lossy string (U+FFFD), and
// jj skips such files. Walking the working tree with Buffer names finds them, exactly.
import { isUtf8 } from 'node:buffer';
import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ResultAsync } from 'neverthrow';
import { ioError, type SyncError } from '../../core/errors.js';
import { REPOSITORY_DIRS } from './repository-dirs.js';

/** A path (relative, `/`-separated) whose name is not valid UTF-8. */
export interface ByteName {
  /** The exact bytes, relative to the root. */
  readonly raw: Buffer;
  /** For people: printable ASCII kept, every other byte as `\xNN` (as jj prints it). */
  readonly escaped: string;
  /** How Node (and so every string in this program) reads the name. */
  readonly lossy: string;
}

/** `\xNN` for every byte outside printable ASCII (and for `\` itself). Pure. */
export const escapeBytes = (b: Buffer): string =>
  [...b].map((c) => (c >= 0x20 && c < 0x7f && c !== 0x5c ? String.fromCharCode(c) : `\\x${c.toString(16).toUpperCase().padStart(2, '0')}`)).join('');

const SLASH = Buffer.from('/');

const walk = async (root: string, rel: Buffer | undefined, out: ByteName[]): Promise<void> => {
  const dir = rel === undefined ? Buffer.from(root) : Buffer.concat([Buffer.from(root), SLASH, rel]);
  const entries: Dirent<Buffer>[] = await readdir(dir, { withFileTypes: true, encoding: 'buffer' });
  for (const e of entries) {
    if (rel === undefined && REPOSITORY_DIRS.has(e.name.toString('latin1'))) continue;
    const path = rel === undefined ? e.name : Buffer.concat([rel, SLASH, e.name]);
    if (!isUtf8(e.name)) out.push({ raw: path, escaped: escapeBytes(path), lossy: path.toString('utf8') });
    else if (e.isDirectory()) await walk(root, path, out);
  }
};

/** Every name under `root` (repository dirs left out) that is not valid UTF-8; a directory counts once. */
export const nonUtf8Names = (root: string): ResultAsync<readonly ByteName[], SyncError> =>
  ResultAsync.fromPromise(
    (async () => {
      const out: ByteName[] = [];
      await walk(join(root), undefined, out);
      return out;
    })(),
    (e) => ioError(`could not list ${root}: ${(e as Error).message}`, root),
  );
