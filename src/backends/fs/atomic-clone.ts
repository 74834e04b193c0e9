// A clone is made whole or not at all. Cloned in place, a clone killed half-way (a unit's timeout,
// ^C, power off) left a source dir with a repository and none of its files: git then saw every
// file deleted, and the next sync committed and pushed that deletion of everything. So the clone
// is made in a hidden sibling directory and renamed into place once complete (a rename within one
// directory is atomic). A sibling a killed clone left is only a partial copy of the remote: the
// next clone of the same source dir removes it, once the process that made it is gone.
import { readdir, realpath, rename, rm, rmdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { errAsync, ResultAsync } from 'neverthrow';
import { invalidInput, ioError, type SyncError } from '../../core/errors.js';
import { isAlive } from '../process/alive.js';
import { makeDirs } from './make-dirs.js';

const TAG = '.chezmoi-sync-clone-';
/** A clone runs minutes at most: a sibling older than this is a killed run's, whatever its pid now names. */
const STALE_MS = 24 * 60 * 60 * 1000;

/** The hidden sibling a clone into `target` is made in, for process `pid`. */
export const cloneSibling = (target: string, pid: number = process.pid): string => join(dirname(target), `.${basename(target)}${TAG}${pid}`);

const siblingPid = (target: string, name: string): number | undefined => {
  const prefix = `.${basename(target)}${TAG}`;
  if (!name.startsWith(prefix)) return undefined;
  const tail = name.slice(prefix.length);
  return /^\d+$/.test(tail) ? Number(tail) : undefined;
};

/** Removes the siblings killed clones of `target` left (their process gone, or a day old). */
const removeLeftovers = async (target: string, alive: (pid: number) => boolean, now: number): Promise<void> => {
  const parent = dirname(target);
  const names = await readdir(parent).catch(() => [] as string[]);
  for (const name of names) {
    const pid = siblingPid(target, name);
    if (pid === undefined) continue;
    const p = join(parent, name);
    const old = await stat(p).then((s) => now - s.mtimeMs > STALE_MS, () => false);
    if (pid === process.pid || !alive(pid) || old) await rm(p, { recursive: true, force: true }).catch(() => undefined);
  }
};

/** `path` itself when it is missing, else where it leads (a symlinked source dir stays a symlink). */
const resolved = (path: string): Promise<string> => realpath(path).catch(() => path);

/** Whether `path` is missing or an empty directory (a clone may go there). */
const isVacant = (path: string): Promise<boolean> =>
  readdir(path).then(
    (names) => names.length === 0,
    (e: NodeJS.ErrnoException) => e.code === 'ENOENT',
  );

/** Whether `path` is a mount point (its own device): a rename cannot replace it. */
const isMountPoint = async (path: string): Promise<boolean> => {
  try {
    const [here, up] = await Promise.all([stat(path), stat(dirname(path))]);
    return here.dev !== up.dev;
  } catch {
    return false;
  }
};

const io = (what: string, path: string) => (e: unknown) => ioError(`${what} ${path}: ${String(e)}`, path);

/**
 * Runs `clone(dir)` into a hidden sibling of `target` and renames the result to `target` (missing,
 * or an empty directory). A failed clone leaves nothing behind. When `target` is a mount point the
 * clone is made in place, as no rename can replace it.
 */
export const cloneAtomically = (
  target: string,
  clone: (dir: string) => ResultAsync<unknown, SyncError>,
  alive: (pid: number) => boolean = isAlive,
): ResultAsync<void, SyncError> =>
  ResultAsync.fromPromise(
    (async () => {
      const real = await resolved(target);
      if (!(await isVacant(real))) return undefined;
      await makeDirs(dirname(real));
      await removeLeftovers(real, alive, Date.now());
      return { real, inPlace: await isMountPoint(real) };
    })(),
    io('could not prepare the clone into', target),
  ).andThen((prepared) => {
    // Refused before anything is fetched: what is there stays as it is.
    if (prepared === undefined) return errAsync(invalidInput('path', target, `${target} exists and is not an empty directory: a clone needs a missing or empty one`));
    const { real, inPlace } = prepared;
    if (inPlace) return clone(real).map(() => undefined);
    const dir = cloneSibling(real);
    const discard = (): Promise<void> => rm(dir, { recursive: true, force: true }).catch(() => undefined);
    // A clone that failed, or cannot be moved into place, is discarded: it is only a copy of the remote.
    const dropped = (e: SyncError) => ResultAsync.fromSafePromise(discard()).andThen(() => errAsync<void, SyncError>(e));
    return clone(dir)
      .andThen(() =>
        ResultAsync.fromPromise(
          // An empty directory in the way is replaced; anything put there meanwhile is left alone.
          rmdir(real)
            .catch((e: NodeJS.ErrnoException) => {
              if (e.code !== 'ENOENT') throw e;
            })
            .then(() => rename(dir, real)),
          (e) =>
            ioError(`could not move the finished clone into ${target}: ${String(e)}`, target, {
              hint: `${target} is no longer empty; the clone was discarded and nothing in ${target} was changed`,
            }),
        ),
      )
      .orElse(dropped);
  });
