// Long synchronous work (stats, directory listings from the page cache: microseconds each, cheaper
// than a trip through libuv's pool) gives the event loop a turn now and then: a tool that ended
// meanwhile lets the next one start at once instead of after the last stat.

/** Resolves after the event loop's next turn (pending I/O callbacks and promise jobs run first). */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Entries (stats, names) handled between two turns: ~2–4 ms of work. */
const TURN_EVERY = 1000;

/**
 * A counter of entries handled: it says true once TURN_EVERY have been handled since it last did,
 * and the caller then awaits `nextTurn()`.
 * @example const due = turnDue(); for (const p of paths) { if (due(1)) await nextTurn(); statSync(p); }
 */
export const turnDue = (): ((entries: number) => boolean) => {
  let handled = 0;
  return (entries) => {
    handled += entries;
    if (handled < TURN_EVERY) return false;
    handled = 0;
    return true;
  };
};
