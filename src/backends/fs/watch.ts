// Kernel file notifications (inotify on Linux, FSEvents/kqueue elsewhere) through Node's own
// `fs.watch`, one non-recursive watch per directory: the parent directories of the managed targets
// (events filtered to the managed names, so the rest of HOME never wakes us) and every directory
// of the source dir except `.git` and `.jj` internals. Nothing is polled. A file whose stat is what
// the last `update` recorded has not changed since the sync that called it: that event is an echo
// of the sync's own writes (apply, re-add, the working copy), and is dropped.
import { watch, type FSWatcher } from 'node:fs';
import { lstat, readdir, stat } from 'node:fs/promises';
import { IO_CONCURRENCY, promiseMapLimit } from '../../core/util/limit.js';
import { dirname, join } from 'node:path';
import { isWithin } from '../../core/util/paths.js';
import { REPOSITORY_DIRS } from './repository-dirs.js';

/** What to watch: refreshed after each sync, since the managed set may change. */
export interface WatchSet {
  /** Absolute paths of the managed targets in HOME. */
  readonly targets: readonly string[];
  /** The chezmoi source dir, watched whole but for VCS internals. */
  readonly sourceDir: string;
}

export interface FileWatcher {
  /** Watches exactly this set from now on (adds and drops directories). */
  readonly update: (set: WatchSet) => Promise<void>;
  /** How many directories are watched. */
  readonly size: () => number;
  readonly close: () => void;
}


interface Watched {
  readonly watcher: FSWatcher;
  readonly ino: number;
  /** Names that count in this directory; undefined: every name but VCS internals. */
  names: Set<string> | undefined;
}

/** The source dir: each directory and file below it, VCS internals left out. */
const sourceTree = async (root: string): Promise<{ dirs: string[]; files: string[] }> => {
  const out = { dirs: [] as string[], files: [] as string[] };
  const walk = async (dir: string): Promise<void> => {
    out.dirs.push(dir);
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return; // gone or unreadable: the sync that follows says what is wrong
    }
    for (const e of entries) {
      if (REPOSITORY_DIRS.has(e.name)) continue;
      if (e.isDirectory()) await walk(join(dir, e.name));
      else out.files.push(join(dir, e.name));
    }
  };
  await walk(root);
  return out;
};

/** What a file looks like on disk; `-` when it is missing. Changes with any write, rename or removal. */
const fingerprint = async (path: string): Promise<string> => {
  try {
    const s = await lstat(path, { bigint: true });
    return `${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}:${s.mode}`;
  } catch {
    return '-';
  }
};

const inodeOf = async (dir: string): Promise<number | undefined> => {
  try {
    const s = await stat(dir);
    return s.isDirectory() ? s.ino : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Calls `onChange` with the path of every change that matters. A directory that cannot be watched
 * (missing, no permission, out of inotify watches) is skipped until the next `update`.
 *
 * @example
 * const w = fileWatcher((p) => scheduler.change());
 * await w.update({ targets: managed.map((m) => m.target), sourceDir });
 */
export const fileWatcher = (onChange: (path: string) => void): FileWatcher => {
  const watched = new Map<string, Watched>();
  /** Each watched file's fingerprint at the last update. */
  let known = new Map<string, string>();

  const changed = (path: string): void => {
    void fingerprint(path).then((now) => {
      if (known.get(path) === now) return;
      known.set(path, now);
      onChange(path);
    });
  };

  const drop = (dir: string): void => {
    watched.get(dir)?.watcher.close();
    watched.delete(dir);
  };

  const add = async (dir: string, names: Set<string> | undefined): Promise<void> => {
    const ino = await inodeOf(dir);
    const have = watched.get(dir);
    if (have !== undefined && have.ino === ino) {
      have.names = names;
      return;
    }
    drop(dir); // replaced since it was watched (or gone): the old watch sees nothing any more
    if (ino === undefined) return;
    try {
      const entry: Watched = {
        ino,
        names,
        watcher: watch(dir, { persistent: true }, (_type, name) => {
          const n = name === null ? undefined : String(name);
          if (n === undefined) return onChange(dir);
          if (entry.names === undefined ? !REPOSITORY_DIRS.has(n) : entry.names.has(n)) changed(join(dir, n));
        }),
      };
      // The directory itself went away: that is a change; the next update watches what is there.
      entry.watcher.on('error', () => {
        drop(dir);
        onChange(dir);
      });
      watched.set(dir, entry);
    } catch {
      // ENOENT (raced a removal), EACCES, ENOSPC (inotify limit): skipped until the next update
    }
  };

  return {
    update: async (set) => {
      const want = new Map<string, Set<string> | undefined>();
      for (const t of set.targets) {
        const d = dirname(t);
        if (isWithin(set.sourceDir, d)) continue;
        let names = want.get(d);
        if (names === undefined) want.set(d, (names = new Set()));
        names.add(t.slice(d.length + 1));
      }
      const tree = await sourceTree(set.sourceDir);
      for (const d of tree.dirs) want.set(d, undefined);
      for (const dir of [...watched.keys()]) if (!want.has(dir)) drop(dir);
      for (const [dir, names] of want) await add(dir, names);
      const files = [...set.targets, ...tree.files];
      const prints = await promiseMapLimit(files, IO_CONCURRENCY, fingerprint);
      known = new Map(files.map((f, i) => [f, prints[i] ?? '-']));
    },
    size: () => watched.size,
    close: () => {
      for (const dir of [...watched.keys()]) drop(dir);
    },
  };
};
