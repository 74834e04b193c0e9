import { ok, ResultAsync, type Result } from 'neverthrow';

/** How many files are read at once: far below any open-file limit, enough to keep the disk busy. */
export const IO_CONCURRENCY = 32;

/**
 * Like `ResultAsync.combine(items.map(fn))`, but with at most `limit` operations in flight —
 * reading 10,000 dotfiles at once runs out of file descriptors (EMFILE). Stops at the first error.
 *
 * @example
 * const hashes = await mapLimit(paths, 32, (p) => fs.hash(p));
 */
export const mapLimit = <T, U, E>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => ResultAsync<U, E>,
): ResultAsync<U[], E> =>
  ResultAsync.fromSafePromise(
    (async (): Promise<Result<U[], E>> => {
      const out: U[] = new Array<U>(items.length);
      let next = 0;
      let failed: Result<U[], E> | undefined;
      const worker = async (): Promise<void> => {
        while (failed === undefined && next < items.length) {
          const i = next++;
          const r = await fn(items[i] as T, i);
          if (r.isErr()) failed ??= r.map(() => []);
          else out[i] = r.value;
        }
      };
      await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
      return failed ?? ok(out);
    })(),
  ).andThen((r) => r);

/** `mapLimit` over plain promises (filesystem code outside the Result world). */
export const promiseMapLimit = async <T, U>(items: readonly T[], limit: number, fn: (item: T) => Promise<U>): Promise<U[]> => {
  const out: U[] = new Array<U>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
};
