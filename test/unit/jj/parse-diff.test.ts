import { describe, expect, it } from 'vitest';
import { parseDiff } from '../../../src/backends/jj/parse-diff.js';
import { fixture } from './fixtures.js';

describe('parseDiff (jj diff -T DIFF_TEMPLATE)', () => {
  it('reads every kind of working-copy change, odd paths included', () => {
    expect(parseDiff(fixture('diff-working-copy.jsonl'))._unsafeUnwrap()).toEqual([
      { path: 'dot_bashrc', kind: 'modified' },
      { path: 'dot_config/my app/é "quoted".conf', kind: 'added' },
      { path: 'dot_vimrc', kind: 'deleted' },
      { path: 'new_name', kind: 'renamed' },
    ]);
  });

  it('reads a conflicted file as conflicted, whatever its status', () => {
    expect(parseDiff(fixture('diff-conflicted.jsonl'))._unsafeUnwrap()).toEqual([{ path: 'dot_bashrc', kind: 'conflicted' }]);
  });

  it('maps copies to added and unknown statuses to other', () => {
    const out = '{"path":"a","status":"copied","conflict":false}\n{"path":"b","status":"teleported","conflict":false}\n';
    expect(parseDiff(out)._unsafeUnwrap()).toEqual([
      { path: 'a', kind: 'added' },
      { path: 'b', kind: 'other' },
    ]);
  });

  it('refuses human output', () => {
    expect(parseDiff('M dot_bashrc\n')._unsafeUnwrapErr().kind).toBe('parse');
  });
});
