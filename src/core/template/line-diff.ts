// A line diff (Myers' O((N+M)·D) shortest edit script) between a template's rendering and the
// HOME file: cheap for the few-line edits people make, whatever the file's length.

/** Lines of a text, each keeping its `\n`, so a missing final newline is a difference too. */
export const lines = (text: string): string[] => text.match(/[^\n]*\n|[^\n]+$/g) ?? [];

/** Old lines [a0, a1) became new lines [b0, b1). */
export interface Hunk {
  readonly a0: number;
  readonly a1: number;
  readonly b0: number;
  readonly b1: number;
}

// Beyond this many differing lines the whole middle is one hunk: at worst an edit is refused.
const MAX_D = 1000;

/** x on diagonal k after step d, from that step's saved diagonals [-d, d]. */
const at = (trace: readonly Int32Array[], d: number, k: number): number => (Math.abs(k) > d ? 0 : (trace[d]?.[k + d] ?? 0));

/** Myers' forward pass: for each step d, the furthest x on each diagonal; undefined past MAX_D. */
const forward = (a: readonly string[], b: readonly string[]): Int32Array[] | undefined => {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= Math.min(max, MAX_D); d++) {
    let done = false;
    for (let k = -d; k <= d && !done; k += 2) {
      const down = k === -d || (k !== d && (v[max + k - 1] ?? 0) < (v[max + k + 1] ?? 0));
      let x = down ? (v[max + k + 1] ?? 0) : (v[max + k - 1] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[max + k] = x;
      done = x >= n && y >= m;
    }
    trace.push(v.slice(max - d, max + d + 1));
    if (done) return trace;
  }
  return undefined;
};

/**
 * The hunks turning `a` into `b`, in order.
 * @example diffLines(['x\n', 'y\n'], ['x\n', 'z\n']) // [{ a0: 1, a1: 2, b0: 1, b1: 2 }]
 */
export const diffLines = (a: readonly string[], b: readonly string[]): Hunk[] => {
  const trace = forward(a, b);
  if (trace === undefined) return [{ a0: 0, a1: a.length, b0: 0, b1: b.length }];
  // Walk back from the end: each step is one deletion or insertion, after a run of equal lines.
  const kept: [number, number][] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d > 0; d--) {
    const k = x - y;
    const down = k === -d || (k !== d && at(trace, d - 1, k - 1) < at(trace, d - 1, k + 1));
    const pk = down ? k + 1 : k - 1;
    const px = at(trace, d - 1, pk);
    const py = px - pk;
    while (x > (down ? px : px + 1) && y > (down ? py + 1 : py)) kept.push([--x, --y]);
    x = px;
    y = py;
  }
  while (x > 0 && y > 0) kept.push([--x, --y]);
  kept.reverse();
  const hunks: Hunk[] = [];
  let i = 0;
  let j = 0;
  for (const [ka, kb] of [...kept, [a.length, b.length] as [number, number]]) {
    if (ka > i || kb > j) hunks.push({ a0: i, a1: ka, b0: j, b1: kb });
    i = ka + 1;
    j = kb + 1;
  }
  return hunks;
};
