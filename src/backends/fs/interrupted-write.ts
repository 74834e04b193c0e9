// A command of ours killed half-way (power off, a unit's timeout, kill -9) leaves the lock files
// of the git it ran, or of the git jj runs and of jj's own ref writes in the git dir behind it
// (`index.lock`, `packed-refs.lock`, `HEAD.lock`, a ref's `.lock`), and every later command that
// writes there stops at them ("another git process holds the index lock", "Could not lock packed
// refs"). While a command of ours that may write runs, a marker file in the git dir names the
// process: `chezmoi-sync-writing-<pid>`. Found by the next sync (under the sync lock) with that
// process gone, it means a command never finished, and the lock files it could have left are
// removed. A marker of a process still running (a read-only command such as `chezmoi-status`
// runs jj, which may write, without the sync lock) means a lock file may be in use: nothing is
// removed, the next sync looks again. Without any marker a lock file is someone else's (a
// person's `git commit` waiting in an editor holds `index.lock`) and is left alone.
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ResultAsync } from 'neverthrow';
import { ioError, type SyncError } from '../../core/errors.js';
import { isAlive } from '../process/alive.js';

const MARKER = 'chezmoi-sync-writing';
/** A command runs minutes at most: a marker older than this is a killed run's, whatever its pid now names. */
const STALE_MS = 60 * 60 * 1000;

/** This process's marker in `gitDir`. */
export const writingMarker = (gitDir: string, pid: number = process.pid): string => join(gitDir, `${MARKER}-${pid}`);

/** The pid a marker's name gives (`-<pid>`), or its content (one shared `chezmoi-sync-writing` file, as earlier versions wrote). */
const markerPid = async (gitDir: string, name: string): Promise<number | undefined> => {
  const text = name === MARKER ? await readFile(join(gitDir, name), 'utf8').catch(() => '') : name.slice(MARKER.length + 1);
  const pid = Number.parseInt(text.trim(), 10);
  return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
};

const isMarker = (name: string): boolean => name === MARKER || (name.startsWith(`${MARKER}-`) && /^\d+$/.test(name.slice(MARKER.length + 1)));

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

/**
 * Counts this process's commands in flight: its marker exists from the first one's start to the
 * last one's end. `gitDir` is asked once, at the first start (undefined: no marker, no recovery).
 */
export const writingMarkerKeeper = (gitDir: () => Promise<string | undefined>) => {
  let inFlight = 0;
  let marker: Promise<string | undefined> | undefined;
  const path = (): Promise<string | undefined> =>
    (marker ??= gitDir().then(
      (d) => (d === undefined ? undefined : writingMarker(d)),
      () => undefined,
    ));
  return {
    /** Before a command that may write (best effort: a marker that cannot be written only loses the recovery). */
    start: async (): Promise<void> => {
      inFlight++;
      if (inFlight !== 1) return;
      const p = await path();
      if (p !== undefined) await writeFile(p, `${process.pid}\n`).catch(() => undefined);
    },
    end: async (): Promise<void> => {
      inFlight--;
      if (inFlight !== 0) return;
      const p = await path();
      if (p !== undefined) await rm(p, { force: true }).catch(() => undefined);
    },
  };
};

/** The lock files a killed command of ours left: what `recoverInterruptedWrite` would remove (reads only). */
export const interruptedWriteLeftovers = (gitDir: string, alive: (pid: number) => boolean = isAlive, now: () => number = Date.now): Promise<string[]> =>
  leftovers(gitDir, alive, now).then((l) => l?.locks ?? []);

/** The markers and lock files to remove, or undefined when nothing is to be removed. */
const leftovers = async (gitDir: string, alive: (pid: number) => boolean, now: () => number): Promise<{ markers: string[]; locks: string[] } | undefined> => {
  // One listing of the git dir: the markers, and the lock files beside them.
  const top = await readdir(gitDir, { withFileTypes: true }).catch(() => []);
  const markers = top.filter((e) => e.isFile() && isMarker(e.name)).map((e) => e.name);
  if (markers.length === 0) return undefined;
  for (const m of markers) {
    const pid = await markerPid(gitDir, m);
    const age = await stat(join(gitDir, m)).then((s) => now() - s.mtimeMs, () => STALE_MS);
    // Still writing (this process, or another of ours): its lock files may be in use.
    if (pid !== undefined && age < STALE_MS && alive(pid)) return undefined;
  }
  const locks = top.filter((e) => e.isFile() && e.name.endsWith('.lock')).map((e) => join(gitDir, e.name));
  await locksUnder(join(gitDir, 'refs'), locks);
  return { markers, locks };
};

/**
 * After a command of ours was killed while it wrote: removes the lock files it left and the
 * markers. Returns the removed lock files (none when there is no marker of a process gone, or
 * when a marked process still runs). Call only under the sync lock.
 */
export const recoverInterruptedWrite = (
  gitDir: string,
  alive: (pid: number) => boolean = isAlive,
  now: () => number = Date.now,
): ResultAsync<readonly string[], SyncError> =>
  ResultAsync.fromPromise(
    (async () => {
      const found = await leftovers(gitDir, alive, now);
      if (found === undefined) return [];
      for (const l of found.locks) await rm(l, { force: true });
      for (const m of found.markers) await rm(join(gitDir, m), { force: true });
      return found.locks;
    })(),
    (e) => ioError(`could not remove the lock files a killed command left in ${gitDir}: ${String(e)}`, gitDir),
  );
