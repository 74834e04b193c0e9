// chezmoi's managed list and its source path are remembered with the clock hour they were computed
// in, and computed again in the next hour (src/backends/chezmoi/managed-memo.ts, source-path-memo.ts).
// A test that counts chezmoi's runs across a few syncs starts clear of the hour, or one that crossed
// it sees a run it did not expect (seen once, at 20:00 UTC).

/** Resolves at once, or just after the next full hour when it is less than a minute away. */
export const clearOfTheHour = async (): Promise<void> => {
  const left = 3_600_000 - (Date.now() % 3_600_000);
  if (left < 60_000) await new Promise((r) => setTimeout(r, left + 500));
};
