// Edits made in the source dir while a rebase of ours was in progress (a person's save during a
// sync's conflicting rebase, or anything done after a sync was killed mid-rebase), kept across
// the back-out (jj: `jj op restore`; git: `git rebase --abort`, which resets tracked files): it
// puts the working copy back to where it was before the rebase, and would take them off the
// disk. A file holding conflict markers is never kept. They are read first into a record in the
// repository's own directory (`chezmoi-sync-kept-edits.json` in `.jj` or the git dir, written
// atomically), written back after the back-out, and only then is the record removed. A recovery
// killed in between finds the record and writes the same edits back. (jj refused instead, which
// left the rebase marker in place: the sync then committed the edits on top of the half-done
// rebase, and the next run's restore dropped that commit. git discarded edits of tracked files.)
import { readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { okAsync, ResultAsync } from 'neverthrow';
import { ioError, type SyncError } from '../../core/errors.js';
import { holdsMarkers } from './conflict-markers.js';
import { nodeFs } from './node-fs.js';
import { makeDirs } from './make-dirs.js';

/** One path of the working copy: its bytes (base64), or null when it was deleted. */
interface KeptEdit {
  readonly path: string;
  readonly content: string | null;
}

/** The record's name in the repository's own directory (`.jj`, or the git dir). */
export const KEPT_EDITS_FILE = 'chezmoi-sync-kept-edits.json';

/** A repository-relative path that stays inside the repository (jj gives no other; checked anyway). */
const inside = (path: string): boolean => path !== '' && !path.startsWith('/') && !path.split('/').some((s) => s === '..' || s === '' || s === '.jj' || s === '.git');

const io = (what: string) => (e: unknown) => ioError(`${what}: ${String(e)}`);

/** The record a recovery killed half-way left, or undefined. */
export const readKeptEdits = (record: string): ResultAsync<readonly KeptEdit[] | undefined, SyncError> =>
  ResultAsync.fromPromise(
    readFile(record, 'utf8').then(
      (t) => (JSON.parse(t) as KeptEdit[]).filter((e) => typeof e.path === 'string' && inside(e.path)),
      (e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT') return undefined;
        throw e;
      },
    ),
    io(`could not read ${record}`),
  );

/** Reads the changed paths (relative to `root`) from disk and records them in `record` (atomically). */
export const keepEdits = (root: string, record: string, paths: readonly string[]): ResultAsync<readonly KeptEdit[], SyncError> =>
  ResultAsync.fromPromise(
    (async () => {
      const edits: KeptEdit[] = [];
      for (const path of paths) {
        if (!inside(path)) continue;
        const bytes = await readFile(join(root, path)).catch((e: NodeJS.ErrnoException) => {
          if (e.code === 'ENOENT' || e.code === 'ENOTDIR' || e.code === 'EISDIR') return undefined;
          throw e;
        });
        // A file holding conflict markers is an operation's, or staged with them: both sides are in the history.
        if (bytes !== undefined && holdsMarkers(bytes.toString('utf8'))) continue;
        edits.push({ path, content: bytes === undefined ? null : bytes.toString('base64') });
      }
      return edits;
    })(),
    io(`could not keep the edits in ${root}`),
  ).andThen((edits) => nodeFs.writeAtomic(record, JSON.stringify(edits)).map(() => edits));

/** Forgets a record of kept edits (none to write back: they are still on disk, or in the line). */
export const dropKeptEdits = (record: string): ResultAsync<void, SyncError> =>
  ResultAsync.fromPromise(rm(record, { force: true }), io(`could not remove ${record}`));

/** Writes the kept edits back into the working copy under `root`, then removes `record`. */
export const writeBackEdits = (root: string, record: string, edits: readonly KeptEdit[]): ResultAsync<void, SyncError> =>
  ResultAsync.fromPromise(
    (async () => {
      for (const e of edits) {
        const p = join(root, e.path);
        if (e.content === null) await rm(p, { force: true });
        else {
          await makeDirs(dirname(p));
          await writeFile(p, Buffer.from(e.content, 'base64'));
        }
      }
      await rm(record, { force: true });
    })(),
    io(`could not write the kept edits back in ${root}`),
  );

/**
 * Backs out (`backOut`) keeping the edits across it: those a recovery killed half-way recorded,
 * else the paths `changed` names now, read from disk. Each backend says only which paths and how
 * it backs out. The paths written back.
 */
export const keepAcross = (
  root: string,
  record: string,
  changed: () => ResultAsync<readonly string[], SyncError>,
  backOut: () => ResultAsync<unknown, SyncError>,
): ResultAsync<readonly string[], SyncError> =>
  readKeptEdits(record)
    .andThen((recorded) => (recorded !== undefined ? okAsync(recorded) : changed().andThen((paths) => keepEdits(root, record, paths))))
    .andThen((kept) => backOut().andThen(() => writeBackEdits(root, record, kept)).map(() => kept.map((e) => e.path)));
