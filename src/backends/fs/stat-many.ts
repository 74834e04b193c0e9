// Stats many paths at once with node's callback API and a bounded number in flight: a no-op sync
// looks at every managed file, and a promise per stat costs about twice the stat itself.
import { lstat, stat, type BigIntStats, type Dirent, type Stats } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { IO_CONCURRENCY, promiseMapLimit } from '../../core/util/limit.js';

const isNotFound = (e: NodeJS.ErrnoException): boolean => e.code === 'ENOENT' || e.code === 'ENOTDIR';

type Call<S> = (path: string, done: (e: NodeJS.ErrnoException | null, st: S) => void) => void;

/**
 * `pick` of each path's stats, in order; `pick(undefined)` for a missing path. Rejects with the
 * first other error. At most 2 × IO_CONCURRENCY calls in flight (the libuv pool is small); only
 * what `pick` keeps stays in memory.
 */
const many = <S, T>(paths: readonly string[], call: Call<S>, pick: (st: S | undefined) => T): Promise<T[]> =>
  new Promise((resolve, reject) => {
    const out = new Array<T>(paths.length);
    if (paths.length === 0) {
      resolve(out);
      return;
    }
    let next = 0;
    let done = 0;
    let failed = false;
    const one = (): void => {
      if (failed || next >= paths.length) return;
      const i = next++;
      call(paths[i] as string, (e, st) => {
        if (e !== null && !isNotFound(e)) {
          failed = true;
          reject(e);
          return;
        }
        out[i] = pick(e === null ? st : undefined);
        if (++done === paths.length) resolve(out);
        else one();
      });
    };
    for (let k = 0; k < Math.min(IO_CONCURRENCY * 2, paths.length); k++) one();
  });

/** `stat` with nanosecond times (bigint: a large object, so `pick` keeps only what it needs). */
export const statMany = <T>(paths: readonly string[], pick: (st: BigIntStats | undefined) => T): Promise<T[]> =>
  many(paths, (p, done) => stat(p, { bigint: true }, done), pick);

/** `lstat` (a symlink is not followed), with plain number fields. */
export const lstatMany = <T>(paths: readonly string[], pick: (st: Stats | undefined) => T): Promise<T[]> =>
  many(paths, (p, done) => lstat(p, done), pick);

const parentOf = (p: string): string => p.slice(0, p.lastIndexOf('/')) || '/';
const nameOf = (p: string): string => p.slice(p.lastIndexOf('/') + 1);
const knownType = (e: Dirent): boolean => e.isFile() || e.isDirectory() || e.isSymbolicLink() || e.isFIFO() || e.isSocket() || e.isBlockDevice() || e.isCharacterDevice();

/**
 * Whether each absolute path is a directory, as `lstat` says (a symlink is not; a missing path is
 * not), in order — reading each parent directory once instead of one lstat per path. Entries whose
 * type the filesystem does not give, and directories that cannot be listed, are lstat-ed.
 */
export const areDirs = async (paths: readonly string[]): Promise<boolean[]> => {
  const parents = [...new Set(paths.map(parentOf))];
  const listed = await promiseMapLimit(parents, IO_CONCURRENCY, (d) =>
    readdir(d, { withFileTypes: true }).then(
      (entries) => new Map(entries.map((e) => [e.name, e])),
      (e: NodeJS.ErrnoException) => (isNotFound(e) ? new Map<string, Dirent>() : undefined),
    ),
  );
  const byParent = new Map(parents.map((d, i) => [d, listed[i]]));
  const unsure: number[] = [];
  const out = paths.map((p, i) => {
    const entries = byParent.get(parentOf(p));
    const e = entries?.get(nameOf(p));
    if (entries === undefined || nameOf(p) === '' || (e !== undefined && !knownType(e))) unsure.push(i);
    return e?.isDirectory() === true;
  });
  const asked = await lstatMany(unsure.map((i) => paths[i] as string), (st) => st?.isDirectory() === true);
  unsure.forEach((i, k) => {
    out[i] = asked[k] === true;
  });
  return out;
};
