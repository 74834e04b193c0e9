// Summaries of timed samples.

/**
 * Median of a non-empty list (mean of the middle two for an even count).
 * @param {readonly number[]} xs
 */
export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[m] ?? NaN) : ((s[m - 1] ?? NaN) + (s[m] ?? NaN)) / 2;
};

/**
 * @typedef {{ median: number, min: number, max: number, n: number }} Summary
 * @param {readonly number[]} xs
 * @returns {Summary}
 */
export const summarize = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), n: xs.length });

/**
 * The floor's summary: the sum of the medians of its commands (each command timed alone), with
 * the min / max of the whole sequence per run.
 * @param {readonly (readonly number[])[]} runs   per run, the time of each command
 * @returns {Summary}
 */
export const summarizeFloor = (runs) => {
  const steps = runs[0]?.length ?? 0;
  let sum = 0;
  for (let i = 0; i < steps; i++) sum += median(runs.map((r) => r[i] ?? 0));
  const totals = runs.map((r) => r.reduce((a, b) => a + b, 0));
  return { median: sum, min: Math.min(...totals), max: Math.max(...totals), n: runs.length };
};
