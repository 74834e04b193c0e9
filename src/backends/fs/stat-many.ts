// Stats many paths at once with node's callback API and a bounded number in flight: a no-op sync
// looks at every managed file, and a promise per stat costs about twice the stat itself.
import { lstat, stat, type BigIntStats, type Stats } from 'node:fs';
import { IO_CONCURRENCY } from '../../core/util/limit.js';

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
