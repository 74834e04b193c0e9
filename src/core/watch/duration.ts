// Durations as people write them: `500ms`, `2s`, `5m`, `1h` (a bare number is seconds).
import { err, ok, type Result } from 'neverthrow';

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** The longest duration accepted: one day. */
export const MAX_DURATION_MS = 86_400_000;

/**
 * Milliseconds of a duration, or a one-line reason it is not one (zero, negative, over a day).
 * @example parseDuration('500ms') // ok(500)
 * @example parseDuration('5m') // ok(300000)
 */
export const parseDuration = (raw: string | number): Result<number, string> => {
  const text = typeof raw === 'number' ? String(raw) : raw.trim();
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text);
  if (m === null) return err('a duration such as 500ms, 2s, 5m or 1h');
  const ms = Math.round(Number(m[1]) * (UNIT_MS[m[2] ?? 's'] ?? 1000));
  if (ms <= 0 || ms > MAX_DURATION_MS) return err('a duration above 0 and at most 24h');
  return ok(ms);
};

/** A duration as the shortest text parseDuration reads back: 2000 → `2s`, 300000 → `5m`. */
export const formatDuration = (ms: number): string => {
  for (const [unit, size] of [['h', 3_600_000], ['m', 60_000], ['s', 1000]] as const) {
    if (ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
};
