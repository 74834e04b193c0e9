// A git command of ours killed half-way (power off, a unit's timeout, kill -9) leaves its lock
// files behind (`index.lock`, `HEAD.lock`, a ref's `.lock`), and every later git command that
// writes stops at them ("another git process holds the index lock"). While a command of ours
// that writes runs, a marker file in the git dir says so; found by the next sync (under the sync
// lock, so no command of ours runs), it means the last one never finished, and the lock files it
// could have left are removed. Without the marker a lock file is someone else's (a person's `git
// commit` waiting in an editor holds `index.lock`) and is left alone.
import { readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ResultAsync } from 'neverthrow';
import { ioError, type SyncError } from '../../core/errors.js';

const MARKER = 'chezmoi-sync-writing';

/** The marker: present while a git command of ours that writes is running. */
export const writingMarker = (gitDir: string): string => join(gitDir, MARKER);

/** Lock files anywhere under `dir` (refs/). */
const locksUnder = async (dir: string, out: string[]): Promise<void> => {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) await locksUnder(p, out);
    else if (e.name.endsWith('.lock')) out.push(p);
  }
};

/** Counts our writing commands in flight: the marker exists from the first one's start to the last one's end. */
export const writingMarkerKeeper = (gitDir: string) => {
  let inFlight = 0;
  const marker = writingMarker(gitDir);
  return {
    /** Before a command that writes (best effort: a marker that cannot be written only loses the recovery). */
    start: async (): Promise<void> => {
      inFlight++;
      if (inFlight === 1) await writeFile(marker, `${process.pid}\n`).catch(() => undefined);
    },
    end: async (): Promise<void> => {
      inFlight--;
      if (inFlight === 0) await rm(marker, { force: true }).catch(() => undefined);
    },
  };
};

/**
 * After a sync of ours was killed while git wrote: removes the lock files it left and the marker.
 * Returns the removed files (none when there is no marker). Call only under the sync lock.
 */
export const recoverInterruptedWrite = (gitDir: string): ResultAsync<readonly string[], SyncError> =>
  ResultAsync.fromPromise(
    (async () => {
      // One listing of the git dir: the marker, and the lock files beside it.
      const top = await readdir(gitDir, { withFileTypes: true }).catch(() => []);
      if (!top.some((e) => e.name === MARKER)) return [];
      const locks = top.filter((e) => e.isFile() && e.name.endsWith('.lock')).map((e) => join(gitDir, e.name));
      await locksUnder(join(gitDir, 'refs'), locks);
      for (const l of locks) await rm(l, { force: true });
      await rm(writingMarker(gitDir), { force: true });
      return locks;
    })(),
    (e) => ioError(`could not remove the lock files a killed git left in ${gitDir}: ${String(e)}`, gitDir),
  );
