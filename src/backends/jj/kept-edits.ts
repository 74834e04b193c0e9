// Edits made in the source dir after a sync was killed mid-rebase, kept across the recovery's
// `jj op restore`: the restore puts the working copy back to where it was before the rebase, and
// would take them off the disk. They are read first into a file beside the repository's own
// (`.jj/chezmoi-sync-kept-edits.json`, written atomically), written back after the restore, and
// only then is the record removed. A recovery killed in between finds the record and writes the
// same edits back. (Refusing instead left the rebase marker in place: the sync then committed the
// edits on top of the half-done rebase, and the next run's restore dropped that commit.)
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ResultAsync } from 'neverthrow';
import { ioError, type SyncError } from '../../core/errors.js';
import type { FileChange } from '../../core/vcs.js';

/** One path of the working copy: its bytes (base64), or null when it was deleted. */
interface KeptEdit {
  readonly path: string;
  readonly content: string | null;
}

export const keptEditsPath = (root: string): string => join(root, '.jj', 'chezmoi-sync-kept-edits.json');

/** A repository-relative path that stays inside the repository (jj gives no other; checked anyway). */
const inside = (path: string): boolean => path !== '' && !path.startsWith('/') && !path.split('/').some((s) => s === '..' || s === '' || s === '.jj' || s === '.git');

const io = (what: string) => (e: unknown) => ioError(`${what}: ${String(e)}`);

/** The record a recovery killed half-way left, or undefined. */
export const readKeptEdits = (root: string): ResultAsync<readonly KeptEdit[] | undefined, SyncError> =>
  ResultAsync.fromPromise(
    readFile(keptEditsPath(root), 'utf8').then(
      (t) => (JSON.parse(t) as KeptEdit[]).filter((e) => typeof e.path === 'string' && inside(e.path)),
      (e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT') return undefined;
        throw e;
      },
    ),
    io(`could not read ${keptEditsPath(root)}`),
  );

/** Reads the changed paths from disk and records them (atomically). */
export const keepEdits = (root: string, changes: readonly FileChange[]): ResultAsync<readonly KeptEdit[], SyncError> =>
  ResultAsync.fromPromise(
    (async () => {
      const edits: KeptEdit[] = [];
      for (const c of changes) {
        if (!inside(c.path)) continue;
        const bytes = await readFile(join(root, c.path)).catch((e: NodeJS.ErrnoException) => {
          if (e.code === 'ENOENT' || e.code === 'ENOTDIR' || e.code === 'EISDIR') return undefined;
          throw e;
        });
        edits.push({ path: c.path, content: bytes === undefined ? null : bytes.toString('base64') });
      }
      const target = keptEditsPath(root);
      const tmp = `${target}.${process.pid}.tmp`;
      await writeFile(tmp, JSON.stringify(edits));
      await rename(tmp, target);
      return edits;
    })(),
    io(`could not keep the edits in ${root}`),
  );

/** Writes the kept edits back into the working copy, then removes the record. */
export const writeBackEdits = (root: string, edits: readonly KeptEdit[]): ResultAsync<void, SyncError> =>
  ResultAsync.fromPromise(
    (async () => {
      for (const e of edits) {
        const p = join(root, e.path);
        if (e.content === null) await rm(p, { force: true });
        else {
          await mkdir(dirname(p), { recursive: true });
          await writeFile(p, Buffer.from(e.content, 'base64'));
        }
      }
      await rm(keptEditsPath(root), { force: true });
    })(),
    io(`could not write the kept edits back in ${root}`),
  );
