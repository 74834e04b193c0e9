// Long synchronous work (stats, directory listings from the page cache: microseconds each, cheaper
// than a trip through libuv's pool) gives the event loop a turn now and then: a tool that ended
// meanwhile lets the next one start at once instead of after the last stat.

/** Resolves after the event loop's next turn (pending I/O callbacks and promise jobs run first). */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Entries (stats, names) handled between two turns: ~2–4 ms of work. */
export const TURN_EVERY = 1000;
