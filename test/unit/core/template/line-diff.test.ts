import { describe, expect, it } from 'vitest';
import { diffLines, lines, type Hunk } from '../../../../src/core/template/line-diff.js';
import { rng } from '../../../support/template-gen.js';

const apply = (a: readonly string[], b: readonly string[], hunks: readonly Hunk[]): string[] => {
  const out: string[] = [];
  let i = 0;
  for (const h of hunks) {
    out.push(...a.slice(i, h.a0), ...b.slice(h.b0, h.b1));
    i = h.a1;
  }
  return [...out, ...a.slice(i)];
};

const lcsLength = (a: readonly string[], b: readonly string[]): number => {
  let next = new Array<number>(b.length + 1).fill(0);
  for (let x = a.length - 1; x >= 0; x--) {
    const row = new Array<number>(b.length + 1).fill(0);
    for (let y = b.length - 1; y >= 0; y--) row[y] = a[x] === b[y] ? (next[y + 1] ?? 0) + 1 : Math.max(next[y] ?? 0, row[y + 1] ?? 0);
    next = row;
  }
  return next[0] ?? 0;
};

describe('diffLines', () => {
  it('gives minimal hunks that turn a into b (3000 random pairs)', () => {
    for (let seed = 1; seed <= 3000; seed++) {
      const r = rng(seed);
      const a = Array.from({ length: Math.floor(r() * 12) }, () => 'abcd'[Math.floor(r() * 4)] ?? '');
      const b = a.filter(() => r() > 0.2).flatMap((l) => (r() < 0.2 ? [l, 'xyz'[Math.floor(r() * 3)] ?? ''] : [l]));
      const hunks = diffLines(a, b);
      expect(apply(a, b, hunks), `seed ${seed}`).toEqual(b);
      expect(a.length - hunks.reduce((n, h) => n + h.a1 - h.a0, 0), `seed ${seed}`).toBe(lcsLength(a, b));
    }
  });

  it('finds two far-apart edits in a long file as two hunks', () => {
    const a = Array.from({ length: 20_000 }, (_, i) => `line ${i}\n`);
    const b = [...a];
    b[10] = 'changed\n';
    b.splice(19_000, 1);
    expect(diffLines(a, b)).toEqual([
      { a0: 10, a1: 11, b0: 10, b1: 11 },
      { a0: 19_000, a1: 19_001, b0: 19_000, b1: 19_000 },
    ]);
  });
});

describe('lines', () => {
  it('keeps each newline, so a missing final newline is a difference', () => {
    expect(diffLines(lines('a\nb\nc\n'), lines('a\nc\n'))).toEqual([{ a0: 1, a1: 2, b0: 1, b1: 1 }]);
    expect(diffLines(lines('a\n'), lines('a'))).toEqual([{ a0: 0, a1: 1, b0: 0, b1: 1 }]);
  });
});
