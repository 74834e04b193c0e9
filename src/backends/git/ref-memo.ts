// Remembers, within one opened repository, the answers about HEAD and refs that several steps of a
// sync ask again (which branch is checked out, where HEAD and the remote-tracking branch are).
// An answer is dropped when any command not declared read-only runs through the repository, and
// is only reused while the ref files git rewrites on every move (HEAD, its reflog, packed-refs,
// the reftable list, the loose ref itself) are unchanged: a person's commit or branch switch
// between two calls is seen.
import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ResultAsync } from 'neverthrow';
import type { SyncError } from '../../core/errors.js';
import type { RefFile } from './location.js';

type Paths = Readonly<Record<RefFile, string>>;

/** What a file looks like now: enough to tell that git replaced or appended to it. */
const look = (p: string): Promise<string> =>
  stat(p, { bigint: true }).then(
    (s) => `${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`,
    () => '-',
  );

export interface RefMemo {
  /**
   * The remembered answer for `key`, or a fresh one from `ask` (remembered when Ok). `also`: other
   * answers the fresh one gives, remembered with it (keys of the same ref files: not `refs/…`).
   */
  get<T>(key: string, ask: () => ResultAsync<T, SyncError>, also?: (value: T) => Readonly<Record<string, unknown>>): ResultAsync<T, SyncError>;
  /** Forgets everything (before and after a command that may change refs). */
  clear(): void;
  /** Forgets every answer about a `refs/…` name (before and after a command that moves only remote-tracking refs). */
  forgetRefs(): void;
}

export const makeRefMemo = (paths: Paths): RefMemo => {
  const common = dirname(paths.refs);
  const files = (key: string): string[] => {
    const fixed = [paths.HEAD, paths['logs/HEAD'], paths['packed-refs'], paths['reftable/tables.list'], join(common, 'refs', 'heads')];
    return key.startsWith('refs/') ? [...fixed, join(common, key), dirname(join(common, key))] : fixed;
  };
  const stamp = (key: string): Promise<string> => Promise.all(files(key).map(look)).then((ls) => ls.join('|'));
  let generation = 0;
  const kept = new Map<string, { stamp: string; value: unknown }>();

  return {
    get: <T>(key: string, ask: () => ResultAsync<T, SyncError>, also?: (value: T) => Readonly<Record<string, unknown>>): ResultAsync<T, SyncError> =>
      ResultAsync.fromSafePromise(stamp(key)).andThen((now) => {
        const hit = kept.get(key);
        if (hit !== undefined && hit.stamp === now) return ResultAsync.fromSafePromise(Promise.resolve(hit.value as T));
        const asked = generation;
        return ask().map((value) => {
          // A command that may have moved refs ran meanwhile: the answer may already be stale.
          if (asked === generation) {
            kept.set(key, { stamp: now, value });
            for (const [k, v] of Object.entries(also?.(value) ?? {})) if (!k.includes('refs/')) kept.set(k, { stamp: now, value: v });
          }
          return value;
        });
      }),
    clear: () => {
      generation += 1;
      kept.clear();
    },
    forgetRefs: () => {
      generation += 1;
      for (const key of [...kept.keys()]) if (key.includes('refs/')) kept.delete(key);
    },
  };
};
