// When a watching process syncs: after a quiet period following changes (debounce), every fetch
// interval, one sync at a time, not because of changes seen while it runs (its own writes; the
// watcher drops later echoes of them by comparing file stats) unless the sync says an edit came in
// that it did not make (outcome `changed`), and not again once stopped.
// Pure scheduling: the clock and the sync are injected, so tests drive it without real timers.

/** Cancels a scheduled callback. */
export type Cancel = () => void;

/** The clock the scheduler runs on: the real timers, or a test's or the model's clock. */
export interface WatchClock {
  readonly now: () => number;
  /** Calls `fn` once, `ms` from now. */
  readonly after: (ms: number, fn: () => void) => Cancel;
}

/** Why a sync was started. */
export type SyncTrigger = 'start' | 'change' | 'interval' | 'retry';

/**
 * How a sync ended, as the scheduler needs it: `done` (whatever its status: a degraded or failed
 * run is retried by the next change or interval), `changed` (done, but a file the sync did not
 * write changed while it ran — an edit saved mid-run: sync again after the debounce), `busy`
 * (another sync held the lock past its timeout: try again soon), `fatal` (nothing to retry: the
 * watcher ends).
 */
export type SyncOutcome = 'done' | 'changed' | 'busy' | 'fatal';

export interface WatchOptions {
  /** Quiet time after the last change before a sync starts, ms. */
  readonly debounceMs: number;
  /** Time from the end of one sync to the next sync that only fetches, ms. */
  readonly fetchIntervalMs: number;
  /** Wait before trying again when the lock stayed held, ms. */
  readonly retryMs: number;
}

export interface WatchScheduler {
  /** Runs the first sync and arms the interval. */
  readonly start: () => void;
  /** A watched file changed. */
  readonly change: () => void;
  /** Ends after the sync in progress, if any; resolves once nothing runs. */
  readonly stop: () => Promise<void>;
  /** Settles when the watcher ends: `stopped` (stop was called) or `fatal` (a sync said so). */
  readonly ended: Promise<'stopped' | 'fatal'>;
  /** True while a sync runs (for tests and the model). */
  readonly busy: () => boolean;
  /** Resolves once no sync runs (for tests and the model, which advance the clock themselves). */
  readonly settled: () => Promise<void>;
}

/**
 * @example
 * const s = watchScheduler(realClock, { debounceMs: 2000, fetchIntervalMs: 300_000, retryMs: 2000 }, sync);
 * s.start(); watcher.on('change', s.change); process.on('SIGTERM', () => void s.stop());
 */
export const watchScheduler = (clock: WatchClock, o: WatchOptions, sync: (why: SyncTrigger) => Promise<SyncOutcome>): WatchScheduler => {
  let stopped = false;
  let running: Promise<void> | undefined;
  let pending: { cancel: Cancel; why: SyncTrigger } | undefined;
  let interval: Cancel | undefined;
  let end: (how: 'stopped' | 'fatal') => void = () => undefined;
  const ended = new Promise<'stopped' | 'fatal'>((resolve) => {
    end = resolve;
  });

  const cancelAll = (): void => {
    pending?.cancel();
    pending = undefined;
    interval?.();
    interval = undefined;
  };

  /** Starts `why` after `ms`, replacing a pending start (a burst of changes gives one sync). */
  const schedule = (ms: number, why: SyncTrigger): void => {
    pending?.cancel();
    pending = { why, cancel: clock.after(ms, () => {
      pending = undefined;
      run(why);
    }) };
  };

  const armInterval = (): void => {
    interval?.();
    interval = clock.after(o.fetchIntervalMs, () => {
      interval = undefined;
      run('interval');
    });
  };

  const run = (why: SyncTrigger): void => {
    if (stopped || running !== undefined) return;
    pending?.cancel();
    pending = undefined;
    interval?.();
    interval = undefined;
    running = sync(why).then(
      (outcome) => finish(outcome),
      () => finish('done'),
    );
  };

  const finish = (outcome: SyncOutcome): void => {
    running = undefined;
    if (outcome === 'fatal') {
      stopped = true;
      cancelAll();
      end('fatal');
      return;
    }
    if (stopped) return;
    if (outcome === 'busy') schedule(o.retryMs, 'retry');
    if (outcome === 'changed') schedule(o.debounceMs, 'change');
    armInterval();
  };

  const settled = async (): Promise<void> => {
    while (running !== undefined) await running;
  };

  return {
    start: () => run('start'),
    change: () => {
      if (stopped || running !== undefined) return;
      schedule(o.debounceMs, 'change');
    },
    stop: async () => {
      if (!stopped) {
        stopped = true;
        cancelAll();
      }
      await settled();
      end('stopped');
    },
    ended,
    busy: () => running !== undefined,
    settled,
  };
};
