import { describe, expect, it } from 'vitest';
import { parseCommit, parseCommits } from '../../../src/backends/jj/parse-log.js';
import { parseWorkingCopy } from '../../../src/backends/jj/parse-working-copy.js';
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

describe('parseWorkingCopy (jj log -r @ -T WORKING_COPY_TEMPLATE)', () => {
  // As jj 0.46 printed it for an edit, an added file and a removed name with a space and a quote.
  const line =
    '{"commit":{"commit_id":"f1b0beee417a8d644a057a50e08f866e0fde9d63","parents":["16a2270de15585070a9839820c23f671c605703f"],"change_id":"rmokxyxkukolvkzunxkklltvnpmxxqnx","description":"","author":{"name":"u","email":"u@x","timestamp":"2026-12-06T08:31:48.713Z"},"committer":{"name":"u","email":"u@x","timestamp":"2026-12-06T08:31:48Z"}},"empty":false,"conflict":false,"files":[{"path":"a","status":"modified","conflict":false},{"path":"new","status":"added","conflict":false},{"path":"sp ace\\"q","status":"removed","conflict":true}]}\n';

  it('reads @ and its changes as jj diff -r @ would', () => {
    const r = parseWorkingCopy(line)._unsafeUnwrap();
    expect(r.commit.info.parents).toEqual(['16a2270de15585070a9839820c23f671c605703f']);
    expect(r.commit.empty).toBe(false);
    expect(r.changes).toEqual([
      { path: 'a', kind: 'modified' },
      { path: 'new', kind: 'added' },
      { path: 'sp ace"q', kind: 'conflicted' },
    ]);
  });

  it('refuses anything but one commit with well-formed files', () => {
    expect(parseWorkingCopy('').isErr()).toBe(true);
    expect(parseWorkingCopy(line + line).isErr()).toBe(true);
    expect(parseWorkingCopy(line.replace('"status":"added"', '"status":1')).isErr()).toBe(true);
    expect(parseWorkingCopy(line.replace(',"files":[', ',"filez":[')).isErr()).toBe(true);
  });
});
