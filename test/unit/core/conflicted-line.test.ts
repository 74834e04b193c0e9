import { describe, expect, it } from 'vitest';
import { conflictedLine } from '../../../src/core/sync/conflicted-line.js';
import type { ConflictedLineCommit } from '../../../src/core/vcs.js';

const commit = (changeId: string, summary: string, paths: readonly string[]): ConflictedLineCommit => ({ id: 'a'.repeat(40), changeId, summary, paths });

describe('conflictedLine (a line jj will not publish)', () => {
  it('names every conflicted commit and file, and where to fold the fix in: the oldest', () => {
    const e = conflictedLine([commit('wqqvzuwysxqzkqolxnnuyvrmtrmkxnkm', 'chore(alpha): sync', ['dot_bashrc']), commit('rvvxvoyqnqmpwyxlwwzzqklpyyuymqvr', 'hand 2', ['dot_zshrc', 'dot_bashrc']), commit('sqmtsswyrrqpuzuvvnlvyzsnvpkrpkvu', '', ['dot_bashrc'])], '/src');
    expect(e).toMatchObject({ kind: 'unsafe-state', state: 'conflicted-line' });
    expect(e.message).toBe(
      '/src holds 3 commits with unresolved conflicts in dot_bashrc, dot_zshrc (wqqvzuwysxqz "chore(alpha): sync", rvvxvoyqnqmp "hand 2", sqmtsswyrrqp): jj will not publish them, so nothing was captured, applied or published',
    );
    expect(e.hint).toContain('`jj new wqqvzuwysxqz`');
    expect(e.hint).toContain('`jj squash --from FIX --into wqqvzuwysxqz`');
  });

  it('speaks of one commit as one', () => {
    expect(conflictedLine([commit('kkkkkkkkkkkkkkkk', 'by hand', ['dot_a'])], '/src').message).toMatch(/^\/src holds a commit with unresolved conflicts in dot_a \(kkkkkkkkkkkk "by hand"\): jj will not publish it,/);
  });
});
