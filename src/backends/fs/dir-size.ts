// How many files a directory tree holds and how many bytes they take: for the repository sizes
// that status and doctor show. A missing directory is empty; unreadable entries are skipped.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface DirSize {
  readonly files: number;
  readonly bytes: number;
}

/** Files and bytes under `dir` (recursive, symlinks not followed). */
export const dirSize = async (dir: string): Promise<DirSize> => {
  let files = 0;
  let bytes = 0;
  const walk = async (d: string): Promise<void> => {
    const entries = await readdir(d, { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile()) {
        files += 1;
        bytes += await stat(p).then((s) => s.size, () => 0);
      }
    }
  };
  await walk(dir);
  return { files, bytes };
};

/** Entries directly in `dir` (0 when it is missing): a cheap count, one readdir. */
export const entryCount = (dir: string): Promise<number> => readdir(dir).then((n) => n.length, () => 0);
