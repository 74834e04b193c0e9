import type { Cancel, WatchClock } from '../../core/watch/scheduler.js';

/** A WatchClock that moves only when told: `advance(ms)` runs every callback that falls due, in time order. */
export interface ManualClock extends WatchClock {
  readonly advance: (ms: number) => void;
  /** Callbacks still waiting. */
  readonly waiting: () => number;
}

/**
 * @example
 * const clock = manualClock();
 * clock.after(100, () => console.log('due')); clock.advance(100); // prints "due"
 */
export const manualClock = (start = 0): ManualClock => {
  let now = start;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const next = (until: number): number | undefined => {
    let best: number | undefined;
    for (const [id, t] of timers) {
      const b = best !== undefined ? timers.get(best) : undefined;
      if (t.at <= until && (b === undefined || t.at < b.at)) best = id;
    }
    return best;
  };
  return {
    now: () => now,
    after: (ms: number, fn: () => void): Cancel => {
      const id = ++seq;
      timers.set(id, { at: now + ms, fn });
      return () => void timers.delete(id);
    },
    advance: (ms: number) => {
      const until = now + ms;
      for (let id = next(until); id !== undefined; id = next(until)) {
        const t = timers.get(id);
        timers.delete(id);
        if (t === undefined) break;
        now = t.at;
        t.fn();
      }
      now = until;
    },
    waiting: () => timers.size,
  };
};
