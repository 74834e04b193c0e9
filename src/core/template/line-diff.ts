// A line diff (longest common subsequence) between a template's rendering and the HOME file.

/** Lines of a text, each keeping its `\n`, so a missing final newline is a difference too. */
export const lines = (text: string): string[] => text.match(/[^\n]*\n|[^\n]+$/g) ?? [];

/** Old lines [a0, a1) became new lines [b0, b1). */
export interface Hunk {
  readonly a0: number;
  readonly a1: number;
  readonly b0: number;
  readonly b1: number;
}

// Above this many cells the middle is one hunk: at worst an edit is refused, never mis-mapped.
const MAX_CELLS = 4_000_000;

/**
 * The hunks turning `a` into `b`, in order.
 * @example diffLines(['x\n', 'y\n'], ['x\n', 'z\n']) // [{ a0: 1, a1: 2, b0: 1, b1: 2 }]
 */
export const diffLines = (a: readonly string[], b: readonly string[]): Hunk[] => {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const n = endA - start;
  const m = endB - start;
  if (n === 0 && m === 0) return [];
  if (n === 0 || m === 0 || n * m > MAX_CELLS) return [{ a0: start, a1: endA, b0: start, b1: endB }];
  const w = m + 1;
  const lcs = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * w + j] = a[start + i] === b[start + j] ? (lcs[(i + 1) * w + j + 1] ?? 0) + 1 : Math.max(lcs[(i + 1) * w + j] ?? 0, lcs[i * w + j + 1] ?? 0);
    }
  }
  const hunks: Hunk[] = [];
  let i = 0;
  let j = 0;
  let hi = 0;
  let hj = 0;
  const flush = (): void => {
    if (i > hi || j > hj) hunks.push({ a0: start + hi, a1: start + i, b0: start + hj, b1: start + j });
  };
  while (i < n || j < m) {
    if (i < n && j < m && a[start + i] === b[start + j]) {
      flush();
      i++;
      j++;
      hi = i;
      hj = j;
    } else if (j >= m || (i < n && (lcs[(i + 1) * w + j] ?? 0) >= (lcs[i * w + j + 1] ?? 0))) i++;
    else j++;
  }
  flush();
  return hunks;
};
