// Line-based three-way merge (the classic diff3 of Khanna, Kunal and Pierce), with the same
// outcomes as git and jj on the cases the sync cares about: edits separated by an unchanged
// line merge, edits on the same or adjacent lines conflict (checked against git 2.55 / jj 0.46).

/** Outcome of a three-way merge of one file's text. @example if (merge3(o, a, b).clean) … */
export type MergeResult =
  | { readonly clean: true; readonly text: string }
  | {
      readonly clean: false;
      /** How many regions both sides changed differently. */
      readonly conflicts: number;
      /** The merge with each conflicting region between git-style markers. */
      readonly marked: string;
    };

/** Names shown on conflict markers. */
export interface MergeLabels {
  readonly ours: string;
  readonly theirs: string;
}

const DEFAULT_LABELS: MergeLabels = { ours: 'ours', theirs: 'theirs' };

/** True when `text` still holds a conflict marker line (git's `<<<<<<< ours`, jj's `<<<<<<< conflict 1 of 1`). */
export const hasConflictMarkers = (text: string): boolean => /^(<{7}|>{7})( |$)/m.test(text);

const closed = (lines: readonly string[]): string[] => {
  const last = lines.at(-1);
  return last === undefined || last.endsWith('\n') ? [...lines] : [...lines.slice(0, -1), `${last}\n`];
};

/** One conflicting region between markers. */
export const conflictRegion = (ours: readonly string[], theirs: readonly string[], labels: MergeLabels = DEFAULT_LABELS): string[] => [
  `<<<<<<< ${labels.ours}\n`,
  ...closed(ours),
  '=======\n',
  ...closed(theirs),
  `>>>>>>> ${labels.theirs}\n`,
];

/** Splits text into lines, each keeping its `\n`, so a missing final newline is a change too. */
export const splitLines = (text: string): string[] => text.match(/[^\n]*\n|[^\n]+$/g) ?? [];

// Above this many cells the middle of a diff is treated as wholly changed: never a wrong
// merge, at worst a conflict that a line-perfect diff would have avoided.
const MAX_CELLS = 4_000_000;

/**
 * For each line of `a`, the index of the line of `b` it is matched with in a longest common
 * subsequence, or -1. Common prefix and suffix are matched first; the middle uses dynamic programming.
 */
export const matchLines = (a: readonly string[], b: readonly string[]): number[] => {
  const match = new Array<number>(a.length).fill(-1);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) {
    match[start] = start;
    start++;
  }
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
    match[endA] = endB;
  }
  const n = endA - start;
  const m = endB - start;
  if (n === 0 || m === 0 || n * m > MAX_CELLS) return match;
  // lcs[i][j] = LCS length of a[start+i..endA) and b[start+j..endB), flattened.
  const w = m + 1;
  const lcs = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * w + j] =
        a[start + i] === b[start + j]
          ? (lcs[(i + 1) * w + j + 1] ?? 0) + 1
          : Math.max(lcs[(i + 1) * w + j] ?? 0, lcs[i * w + j + 1] ?? 0);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[start + i] === b[start + j]) {
      match[start + i] = start + j;
      i++;
      j++;
    } else if ((lcs[(i + 1) * w + j] ?? 0) >= (lcs[i * w + j + 1] ?? 0)) i++;
    else j++;
  }
  return match;
};

const same = (x: readonly string[], y: readonly string[]): boolean =>
  x.length === y.length && x.every((line, i) => line === y[i]);

/**
 * Merges `ours` and `theirs`, both derived from `base`. A region changed by one side takes
 * that side; changed identically by both, either; changed differently, a conflict.
 *
 * @example
 * merge3('a\nb\nc\n', 'A\nb\nc\n', 'a\nb\nC\n') // { clean: true, text: 'A\nb\nC\n' }
 * merge3('a\n', 'x\n', 'y\n')                   // { clean: false, conflicts: 1, marked: '<<<<<<< ours\nx\n=======\ny\n>>>>>>> theirs\n' }
 */
export const merge3 = (base: string, ours: string, theirs: string, labels: MergeLabels = DEFAULT_LABELS): MergeResult => {
  if (ours === theirs || theirs === base) return { clean: true, text: ours };
  if (ours === base) return { clean: true, text: theirs };
  const o = splitLines(base);
  const a = splitLines(ours);
  const b = splitLines(theirs);
  const toA = matchLines(o, a);
  const toB = matchLines(o, b);
  const out: string[] = [];
  let conflicts = 0;
  let i = 0;
  let j = 0;
  let k = 0;
  const resolve = (oEnd: number, aEnd: number, bEnd: number): void => {
    const oc = o.slice(i, oEnd);
    const ac = a.slice(j, aEnd);
    const bc = b.slice(k, bEnd);
    if (same(ac, oc)) out.push(...bc);
    else if (same(bc, oc) || same(ac, bc)) out.push(...ac);
    else {
      conflicts++;
      out.push(...conflictRegion(ac, bc, labels));
    }
    [i, j, k] = [oEnd, aEnd, bEnd];
  };
  while (i < o.length) {
    // The next base line kept by both sides is stable; everything before it is one region.
    let s = i;
    while (s < o.length && ((toA[s] ?? -1) < 0 || (toB[s] ?? -1) < 0)) s++;
    if (s === o.length) break;
    const sa = toA[s] ?? j;
    const sb = toB[s] ?? k;
    if (s > i || sa > j || sb > k) resolve(s, sa, sb);
    out.push(o[s] ?? '');
    [i, j, k] = [s + 1, sa + 1, sb + 1];
  }
  if (i < o.length || j < a.length || k < b.length) resolve(o.length, a.length, b.length);
  return conflicts === 0 ? { clean: true, text: out.join('') } : { clean: false, conflicts, marked: out.join('') };
};
