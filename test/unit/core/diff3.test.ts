// The memory backend's three-way merge must agree with git and jj: each case below was run
// through `git merge` (2.55) and `jj rebase` (0.46) on this machine, which agreed on all of them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasConflictMarkers, matchLines, merge3, splitLines } from '../../../src/core/util/diff3.js';

const BASE = 'l1\nl2\nl3\nl4\n';

describe('merge3', () => {
  it.each([
    ['edits separated by an unchanged line', 'L1\nl2\nl3\nl4\n', 'l1\nl2\nL3\nl4\n', 'L1\nl2\nL3\nl4\n'],
    ['identical edits on both sides', 'X\nl2\nl3\nl4\n', 'X\nl2\nl3\nl4\n', 'X\nl2\nl3\nl4\n'],
    ['an append and a deletion at the other end', 'l1\nl2\nl3\nl4\nl5\n', 'l2\nl3\nl4\n', 'l2\nl3\nl4\nl5\n'],
    ['a dropped final newline and an edit far away', 'l1\nl2\nl3\nl4', 'L1\nl2\nl3\nl4\n', 'L1\nl2\nl3\nl4'],
  ])('merges %s cleanly, as git and jj do', (_name, ours, theirs, merged) => {
    expect(merge3(BASE, ours, theirs)).toEqual({ clean: true, text: merged });
    expect(merge3(BASE, theirs, ours)).toEqual({ clean: true, text: merged });
  });

  it.each([
    ['edits on adjacent lines', 'L1\nl2\nl3\nl4\n', 'l1\nL2\nl3\nl4\n'],
    ['different edits of the same line', 'X\nl2\nl3\nl4\n', 'Y\nl2\nl3\nl4\n'],
    ['different insertions at the same place', 'l1\nA\nl2\nl3\nl4\n', 'l1\nB\nl2\nl3\nl4\n'],
    ['different appends', 'l1\nl2\nl3\nl4\nA\n', 'l1\nl2\nl3\nl4\nB\n'],
    ['a deletion next to an edit', 'l1\nl3\nl4\n', 'l1\nL2\nl3\nl4\n'],
  ])('reports %s as a conflict, as git and jj do', (_name, ours, theirs) => {
    expect(merge3(BASE, ours, theirs)).toMatchObject({ clean: false, conflicts: 1 });
    expect(merge3(BASE, theirs, ours)).toMatchObject({ clean: false, conflicts: 1 });
  });

  it('counts each conflicting region once', () => {
    expect(merge3('a\nb\nc\nd\ne\n', 'A\nb\nc\nd\nE\n', 'X\nb\nc\nd\nY\n')).toMatchObject({ clean: false, conflicts: 2 });
  });

  it('merges two files added from nothing only when they agree', () => {
    expect(merge3('', 'x\n', 'x\n')).toEqual({ clean: true, text: 'x\n' });
    expect(merge3('', 'x\n', 'y\n')).toMatchObject({ clean: false, conflicts: 1 });
  });

  it('writes each conflicting region between git-style markers, keeping the clean parts', () => {
    const r = merge3('a\nb\nc\nd\n', 'X\nb\nc\nD\n', 'Y\nb\nc\nd\n', { ours: 'local', theirs: 'main@origin' });
    expect(r).toEqual({
      clean: false,
      conflicts: 1,
      marked: '<<<<<<< local\nX\n=======\nY\n>>>>>>> main@origin\nb\nc\nD\n',
    });
  });

  it('closes a last line without newline before a marker', () => {
    expect(merge3('a', 'x', 'y')).toEqual({ clean: false, conflicts: 1, marked: '<<<<<<< ours\nx\n=======\ny\n>>>>>>> theirs\n' });
  });

  it('recognises git and jj conflict markers', () => {
    expect(hasConflictMarkers('a\n<<<<<<< ours\nx\n=======\ny\n>>>>>>> theirs\n')).toBe(true);
    expect(hasConflictMarkers('<<<<<<< conflict 1 of 1\n%%%%%%%\n>>>>>>> conflict 1 of 1 ends\n')).toBe(true);
    expect(hasConflictMarkers('a << b\n=======\nheading\n')).toBe(false);
  });

  const lines = fc.array(fc.constantFrom('a\n', 'b\n', 'c\n', 'd\n', 'e'), { maxLength: 12 }).map((l) => l.join(''));

  it('takes the changed side when only one side changed', () => {
    fc.assert(
      fc.property(lines, lines, (base, changed) => {
        expect(merge3(base, changed, base)).toEqual({ clean: true, text: changed });
        expect(merge3(base, base, changed)).toEqual({ clean: true, text: changed });
        expect(merge3(base, changed, changed)).toEqual({ clean: true, text: changed });
      }),
    );
  });

  it('is symmetric in whether a merge is clean and in its result', () => {
    fc.assert(
      fc.property(lines, lines, lines, (base, ours, theirs) => {
        const [x, y] = [merge3(base, ours, theirs), merge3(base, theirs, ours)];
        expect(x.clean).toBe(y.clean);
        if (x.clean && y.clean) expect(x.text).toBe(y.text);
        if (!x.clean && !y.clean) expect(x.conflicts).toBe(y.conflicts);
      }),
    );
  });

  it('keeps both edits when each touches its own half of a file', () => {
    const half = fc.array(fc.constantFrom('p\n', 'q\n', 'r\n'), { minLength: 1, maxLength: 5 }).map((l) => l.join(''));
    fc.assert(
      fc.property(half, half, half, half, (top, bottom, newTop, newBottom) => {
        const sep = '=== separator ===\n';
        const r = merge3(top + sep + bottom, newTop + sep + bottom, top + sep + newBottom);
        expect(r).toEqual({ clean: true, text: newTop + sep + newBottom });
      }),
    );
  });
});

describe('splitLines and matchLines', () => {
  it('keeps each newline with its line and a last line without one', () => {
    expect(splitLines('a\nb')).toEqual(['a\n', 'b']);
    expect(splitLines('a\n\n')).toEqual(['a\n', '\n']);
    expect(splitLines('')).toEqual([]);
  });

  it('matches a longest common subsequence, in order', () => {
    const a = ['x', 'a', 'b', 'c', 'y'];
    const b = ['a', 'z', 'b', 'c'];
    expect(matchLines(a, b)).toEqual([-1, 0, 2, 3, -1]);
  });

  it('produces a monotone matching of equal lines', () => {
    const seq = fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 15 });
    fc.assert(
      fc.property(seq, seq, (a, b) => {
        const m = matchLines(a, b);
        const matched = m.map((j, i) => [i, j] as const).filter(([, j]) => j >= 0);
        for (const [i, j] of matched) expect(a[i]).toBe(b[j]);
        for (let x = 1; x < matched.length; x++) expect(matched[x]?.[1]).toBeGreaterThan(matched[x - 1]?.[1] ?? -1);
      }),
    );
  });
});
