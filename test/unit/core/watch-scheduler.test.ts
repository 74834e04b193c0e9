// The watch scheduler on a manual clock: debounce, one sync at a time, own writes, interval, stop.
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../../src/backends/memory/watch-clock.js';
import { watchScheduler, type SyncOutcome, type SyncTrigger } from '../../../src/core/watch/scheduler.js';
import { formatDuration, parseDuration } from '../../../src/core/watch/duration.js';

const OPTS = { debounceMs: 2000, fetchIntervalMs: 300_000, retryMs: 1000 };

/** A scheduler whose syncs finish when the test says so. */
const setup = () => {
  const clock = manualClock();
  const started: SyncTrigger[] = [];
  let finishSync: ((o: SyncOutcome) => void) | undefined;
  const s = watchScheduler(clock, OPTS, (why) => {
    started.push(why);
    return new Promise<SyncOutcome>((resolve) => {
      finishSync = resolve;
    });
  });
  const finish = async (o: SyncOutcome = 'done'): Promise<void> => {
    finishSync?.(o);
    finishSync = undefined;
    await new Promise((r) => setImmediate(r));
  };
  return { clock, started, s, finish };
};

describe('watch scheduler', () => {
  it('syncs once at start, then once after a burst of changes goes quiet', async () => {
    const { clock, started, s, finish } = setup();
    s.start();
    await finish();
    clock.advance(1000);
    for (let i = 0; i < 5; i++) {
      s.change();
      clock.advance(1500);
    }
    expect(started).toEqual(['start']);
    clock.advance(500);
    expect(started).toEqual(['start', 'change']);
  });

  it('ignores changes seen while a sync runs (its own writes), not those after it', async () => {
    const { clock, started, s, finish } = setup();
    s.start();
    s.change();
    clock.advance(5000);
    await finish();
    clock.advance(5000);
    expect(started).toEqual(['start']);
    s.change();
    clock.advance(2000);
    expect(started).toEqual(['start', 'change']);
  });

  it('syncs again after the debounce when a sync says an edit came in while it ran', async () => {
    const { clock, started, s, finish } = setup();
    s.start();
    await finish('changed');
    clock.advance(1999);
    expect(started).toEqual(['start']);
    clock.advance(1);
    expect(started).toEqual(['start', 'change']);
    await finish('done');
    clock.advance(5000);
    expect(started).toEqual(['start', 'change']);
  });

  it('fetches every interval after the last sync, never two syncs at once', async () => {
    const { clock, started, s, finish } = setup();
    s.start();
    clock.advance(600_000);
    expect(started).toEqual(['start']);
    await finish();
    clock.advance(299_000);
    expect(started).toEqual(['start']);
    clock.advance(1000);
    expect(started).toEqual(['start', 'interval']);
    await finish();
    clock.advance(300_000);
    expect(started).toEqual(['start', 'interval', 'interval']);
  });

  it('tries again soon when the lock stayed held', async () => {
    const { clock, started, s, finish } = setup();
    s.start();
    await finish('busy');
    clock.advance(1000);
    expect(started).toEqual(['start', 'retry']);
  });

  it('stop waits for the sync in progress and starts nothing after', async () => {
    const { clock, started, s, finish } = setup();
    s.start();
    let stoppedAt: number | undefined;
    const stopping = s.stop().then(() => {
      stoppedAt = clock.now();
    });
    clock.advance(10);
    s.change();
    expect(stoppedAt).toBeUndefined();
    await finish();
    await stopping;
    clock.advance(1_000_000);
    expect(started).toEqual(['start']);
    expect(await s.ended).toBe('stopped');
    expect(clock.waiting()).toBe(0);
  });

  it('ends on a fatal sync', async () => {
    const { clock, started, s, finish } = setup();
    s.start();
    await finish('fatal');
    expect(await s.ended).toBe('fatal');
    s.change();
    clock.advance(1_000_000);
    expect(started).toEqual(['start']);
  });
});

describe('durations', () => {
  it('reads 500ms, 2s, 5m, 1h and bare seconds', () => {
    expect(['500ms', '2s', '5m', '1h', '3', '1.5s'].map((d) => parseDuration(d)._unsafeUnwrap())).toEqual([500, 2000, 300_000, 3_600_000, 3000, 1500]);
    expect(formatDuration(300_000)).toBe('5m');
    expect(formatDuration(1500)).toBe('1500ms');
  });

  it('refuses zero, over a day and other text', () => {
    for (const d of ['0s', '25h', '2 min', '-1s', 'fast', '']) expect(parseDuration(d).isErr(), d).toBe(true);
  });
});
