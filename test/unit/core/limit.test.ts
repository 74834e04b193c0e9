import { errAsync, okAsync, ResultAsync } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { mapLimit, promiseMapLimit } from '../../../src/core/util/limit.js';

describe('mapLimit', () => {
  it('keeps order and never runs more than the limit at once', async () => {
    let running = 0;
    let peak = 0;
    const items = Array.from({ length: 200 }, (_, i) => i);
    const r = await mapLimit(items, 8, (i) =>
      ResultAsync.fromSafePromise(
        (async () => {
          running++;
          peak = Math.max(peak, running);
          await new Promise((res) => setImmediate(res));
          running--;
          return i * 2;
        })(),
      ),
    );
    expect(r._unsafeUnwrap()).toEqual(items.map((i) => i * 2));
    expect(peak).toBe(8);
  });

  it('returns the first error and starts nothing after it', async () => {
    const started: number[] = [];
    const r = await mapLimit([1, 2, 3, 4, 5], 1, (i) => {
      started.push(i);
      return i === 2 ? errAsync('boom') : okAsync(i);
    });
    expect(r._unsafeUnwrapErr()).toBe('boom');
    expect(started).toEqual([1, 2]);
  });

  it('handles no items', async () => {
    expect((await mapLimit([], 4, () => okAsync(1)))._unsafeUnwrap()).toEqual([]);
    expect(await promiseMapLimit([], 4, async () => 1)).toEqual([]);
  });
});
