// Stats many paths at once with node's callback API and a bounded number in flight: a no-op sync
// looks at every managed file, and a promise per stat costs about twice the stat itself.
import { lstat, stat, type BigIntStats } from 'node:fs';
import { IO_CONCURRENCY } from '../../core/util/limit.js';

const isNotFound = (e: NodeJS.ErrnoException): boolean => e.code === 'ENOENT' || e.code === 'ENOTDIR';

/**
 * `stat` (or `lstat`: `follow` false) of each path, in order; undefined for a missing path. Rejects
 * with the first other error. At most IO_CONCURRENCY stats in flight (the libuv pool is small).
 */
export const statMany = (paths: readonly string[], follow = true): Promise<(BigIntStats | undefined)[]> =>
  new Promise((resolve, reject) => {
    const out = new Array<BigIntStats | undefined>(paths.length);
    if (paths.length === 0) {
      resolve(out);
      return;
    }
    const call = follow ? stat : lstat;
    let next = 0;
    let done = 0;
    let failed = false;
    const one = (): void => {
      if (failed || next >= paths.length) return;
      const i = next++;
      call(paths[i] as string, { bigint: true }, (e, st) => {
        if (e !== null && !isNotFound(e)) {
          failed = true;
          reject(e);
          return;
        }
        out[i] = e === null ? st : undefined;
        if (++done === paths.length) resolve(out);
        else one();
      });
    };
    for (let k = 0; k < Math.min(IO_CONCURRENCY * 2, paths.length); k++) one();
  });
