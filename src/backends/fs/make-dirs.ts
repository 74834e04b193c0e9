// Creating a directory and its missing parents, bounded. Node's own `mkdir(…, { recursive: true })`
// never returns when the last step fails with ENOENT although its parent exists — what a
// pseudo-filesystem answers (`/proc/self/x`, sysfs): it creates the parent again, which exists,
// and retries, for ever, at full CPU. A state dir or a source dir given as such a path then hung
// every command, `status` included. Here each missing level is created once, and its error is
// the answer (eslint.config.js keeps `recursive: true` out of mkdir calls).
import { mkdirSync, statSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

const code = (e: unknown): string | undefined => (e as NodeJS.ErrnoException | undefined)?.code;

/** The missing directories from `dir` up to the first that exists, outermost first. */
const missingLevels = async (dir: string): Promise<string[]> => {
  const missing: string[] = [];
  for (let d = resolve(dir); ; d = dirname(d)) {
    try {
      await stat(d);
      return missing.reverse();
    } catch (e) {
      if (code(e) !== 'ENOENT' || dirname(d) === d) throw e;
      missing.push(d);
    }
  }
};

/** `mkdir -p dir` (each level created with `mode`); rejects with the first level's error. */
export const makeDirs = async (dir: string, mode?: number): Promise<void> => {
  for (const d of await missingLevels(dir)) {
    try {
      await mkdir(d, mode === undefined ? {} : { mode });
    } catch (e) {
      if (code(e) !== 'EEXIST') throw e;
    }
  }
};

/** `makeDirs`, synchronously. */
export const makeDirsSync = (dir: string, mode?: number): void => {
  const missing: string[] = [];
  for (let d = resolve(dir); ; d = dirname(d)) {
    try {
      statSync(d);
      break;
    } catch (e) {
      if (code(e) !== 'ENOENT' || dirname(d) === d) throw e;
      missing.push(d);
    }
  }
  for (const d of missing.reverse()) {
    try {
      mkdirSync(d, mode === undefined ? {} : { mode });
    } catch (e) {
      if (code(e) !== 'EEXIST') throw e;
    }
  }
};
