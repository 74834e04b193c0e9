// File names are bytes: Node reads a name that is not valid UTF-8 as a lossy string (U+FFFD), and
// jj skips such files. Walking the working tree with Buffer names finds them, exactly.
import { isUtf8 } from 'node:buffer';
import { readdirSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { ResultAsync } from 'neverthrow';
import { ioError, type SyncError } from '../../core/errors.js';
import { REPOSITORY_DIRS } from './repository-dirs.js';
import { nextTurn, turnDue } from './turn.js';

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

/**
 * Each directory listed synchronously (from the page cache: far less than a trip through libuv's
 * pool), with a turn of the event loop now and then (turn.ts). Names are read as strings: a name
 * Node could not decode holds U+FFFD, and only a directory holding one is listed again as bytes
 * (a valid name may hold U+FFFD too: the bytes decide).
 */
const walk = async (root: string, rel: string | undefined, out: TreeScan, due: (entries: number) => boolean): Promise<void> => {
  const dir = rel === undefined ? root : `${root}/${rel}`;
  const entries = readdirSync(dir, { withFileTypes: true });
  if (due(entries.length)) await nextTurn();
  // A repository of its own (a submodule's checkout, a clone made inside): git and jj stop here too.
  if (rel !== undefined && entries.some((e) => e.name === '.git')) {
    out.repositories.push(rel);
    return;
  }
  if (entries.some((e) => e.name.includes('\uFFFD'))) {
    byteNames(root, rel === undefined ? undefined : Buffer.from(rel), out.byteNames);
    return;
  }
  for (const e of entries) {
    if (rel === undefined && REPOSITORY_DIRS.has(e.name)) continue;
    if (e.isDirectory()) await walk(root, rel === undefined ? e.name : `${rel}/${e.name}`, out, due);
  }
};

/** The walk of a directory whose names must be read as bytes, and of everything below it (rare). */
const byteNames = (root: string, rel: Buffer | undefined, out: ByteName[]): void => {
  const dir = rel === undefined ? Buffer.from(root) : Buffer.concat([Buffer.from(root), SLASH, rel]);
  const entries: Dirent<Buffer>[] = readdirSync(dir, { withFileTypes: true, encoding: 'buffer' });
  for (const e of entries) {
    if (rel === undefined && REPOSITORY_DIRS.has(e.name.toString('latin1'))) continue;
    const path = rel === undefined ? e.name : Buffer.concat([rel, SLASH, e.name]);
    if (!isUtf8(e.name)) out.push({ raw: path, escaped: escapeBytes(path), lossy: path.toString('utf8') });
    else if (e.isDirectory()) byteNames(root, path, out);
  }
};

/** What one walk of a working tree finds. */
export interface TreeScan {
  /** Every name that is not valid UTF-8; a directory counts once. */
  readonly byteNames: ByteName[];
  /** Directories below the root holding a `.git` of their own (relative, `/`-separated), not walked into. */
  readonly repositories: string[];
}

/** One walk of `root` (its own repository dirs left out): `TreeScan`. */
export const scanTree = (root: string): ResultAsync<TreeScan, SyncError> =>
  ResultAsync.fromPromise(
    (async () => {
      const out: TreeScan = { byteNames: [], repositories: [] };
      await walk(join(root), undefined, out, turnDue());
      return out;
    })(),
    (e) => ioError(`could not list ${root}: ${(e as Error).message}`, root),
  );

/** Every name under `root` (repository dirs left out) that is not valid UTF-8; a directory counts once. */
export const nonUtf8Names = (root: string): ResultAsync<readonly ByteName[], SyncError> => scanTree(root).map((t) => t.byteNames);
