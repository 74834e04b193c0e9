import { describe, expect, it } from 'vitest';
import { parseCommit, parseCommits } from '../../../src/backends/jj/parse-log.js';
import { fixture } from './fixtures.js';

describe('parseCommits (jj log -T COMMIT_TEMPLATE)', () => {
  it('reads the whole line of work, newest first, with empty/conflict flags', () => {
    const r = parseCommits(fixture('log-line.jsonl'))._unsafeUnwrap();
    expect(r.map((c) => [c.info.description, c.empty, c.conflict])).toEqual([
      ['', true, false],
      ['alpha: edit 4 files\n\nBody line with "quotes" and ünïcode.', false, false],
      ['seed dotfiles', false, false],
      ['', true, false],
    ]);
    expect(r[1]?.info).toEqual({
      id: '0ec417f5a388cf11f7cd423598e16aadd9ecdd92',
      changeId: 'wqvylzoqpyznovnwzkvvtpxkzwynnvyx',
      description: 'alpha: edit 4 files\n\nBody line with "quotes" and ünïcode.',
      author: { name: 'User on alpha', email: 'user@alpha.example', timestamp: '2025-01-02T03:04:05Z' },
      parents: ['db34d3261926e1d3c2ecb9f302265078cb77d3d0'],
    });
    // The root commit has no parents.
    expect(r[3]?.info.parents).toEqual([]);
  });

  it('marks every commit of a conflicted rebase as conflicted', () => {
    const r = parseCommits(fixture('log-conflicted-line.jsonl'))._unsafeUnwrap();
    expect(r.map((c) => c.conflict)).toEqual([true, true, true]);
    expect(r[0]?.empty).toBe(true);
  });

  it('reads empty output as no commits', () => {
    expect(parseCommits('')._unsafeUnwrap()).toEqual([]);
  });

  it('fails with a parse error on garbage, keeping the output', () => {
    const e = parseCommits('@  qpvuntsm 2 minutes ago\n')._unsafeUnwrapErr();
    expect(e).toMatchObject({ kind: 'parse', output: '@  qpvuntsm 2 minutes ago' });
  });

  it('fails on JSON of the wrong shape', () => {
    expect(parseCommits('{"commit":{"commit_id":"ab"},"empty":false,"conflict":false}\n').isErr()).toBe(true);
    expect(parseCommits('[1,2]\n').isErr()).toBe(true);
  });

  it('parseCommit wants exactly one commit', () => {
    const [first] = fixture('log-line.jsonl').split('\n');
    expect(parseCommit(`${first}\n`)._unsafeUnwrap().empty).toBe(true);
    expect(parseCommit(fixture('log-line.jsonl'))._unsafeUnwrapErr().message).toContain('expected one commit, jj printed 4');
    expect(parseCommit('').isErr()).toBe(true);
  });
});
