import { describe, expect, it } from 'vitest';
import { conflictedPaths, conflictOrigins, parseConflicts } from '../../../src/backends/jj/parse-conflicts.js';
import { fixture } from './fixtures.js';

describe('parseConflicts (jj log -T CONFLICTS_TEMPLATE)', () => {
  const commits = parseConflicts(fixture('log-conflicts.jsonl'))._unsafeUnwrap();

  it('reads each conflicted commit with its paths', () => {
    expect(commits.map((c) => c.commit)).toEqual([
      'b8f48fae5ecdc38068f942cd35891b7be4425f5e',
      '72791db5cc13fe2ccbc595f5476a21a1471a455a',
      '27b5eb32ccb0ac74cad2025fc3f237bb51b0a953',
    ]);
    expect(conflictedPaths(commits)).toEqual(['dot_bashrc']);
    // The first line of each description ('' for the working-copy commit jj left without one).
    expect(commits.map((c) => c.summary)).toEqual(['', 'beta: exrc', 'beta: emacs']);
  });

  it('finds the commit where the conflict arose, not those that inherit it', () => {
    expect(conflictOrigins(commits).map((c) => c.change)).toEqual(['yowszlwxzwrpprrmpwssqltrrnylksnz']);
    const inheritedOnly = commits.filter((c) => c.introduced.length === 0);
    expect(conflictOrigins(inheritedOnly)).toEqual(inheritedOnly);
  });

  it('refuses change ids that could not be a jj change id (they end up in a revset)', () => {
    const bad = '{"commit":"ab12","change":"abc)|all()","summary":"","paths":[],"introduced":[]}\n';
    expect(parseConflicts(bad)._unsafeUnwrapErr().kind).toBe('parse');
  });

  it('merges and sorts paths across commits', () => {
    expect(
      conflictedPaths([
        { commit: 'a', change: 'k', summary: '', paths: ['b', 'a'], introduced: [] },
        { commit: 'b', change: 'l', summary: '', paths: ['a', 'c'], introduced: [] },
      ]),
    ).toEqual(['a', 'b', 'c']);
  });
});
