// "Did you mean …?" for a mistyped command or option: the closest known name by edit distance.

/** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
export const editDistance = (a: string, b: string): number => {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number): number => d[i]?.[j] ?? Number.MAX_SAFE_INTEGER;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, at(i - 2, j - 2) + 1);
      (d[i] ?? [])[j] = v;
    }
  }
  return at(a.length, b.length);
};

/**
 * The known name closest to `typed`, when it is close enough to be a typo (at most 1 edit for
 * short names, 2 from 5 characters on); undefined otherwise.
 *
 * @example closest('sycn', ['sync', 'status']) // 'sync'
 */
export const closest = (typed: string, known: readonly string[]): string | undefined => {
  const limit = typed.length >= 5 ? 2 : 1;
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = editDistance(typed.toLowerCase(), name.toLowerCase());
    if (distance <= limit && (best === undefined || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
};
