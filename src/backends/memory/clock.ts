/**
 * A deterministic clock for the memory backend: each call returns the previous time plus
 * `stepMs`, starting at `start`. Pass your own `() => Date` for other schedules.
 *
 * @example
 * const clock = tickingClock('2025-01-01T00:00:00Z');
 * clock().toISOString() // '2025-01-01T00:00:00.000Z', then '…00:00:01.000Z', …
 */
export const tickingClock = (start = '2025-01-01T00:00:00Z', stepMs = 1000): (() => Date) => {
  let next = Date.parse(start);
  return () => {
    const now = new Date(next);
    next += stepMs;
    return now;
  };
};
