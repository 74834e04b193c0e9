// Pure pieces of the git Vcs: unsafe repository states, checkpoints, conflict bookkeeping, ids.
import { describe, expect, it } from 'vitest';
import { decodeCheckpoint, encodeCheckpoint } from '../../../src/backends/git/checkpoint.js';
import { validateCommitId } from '../../../src/backends/git/vcs.js';
import { notReplayed } from '../../../src/backends/git/rebase.js';
import { donePicks, onlyPickedCopies, rebaseOwnHead, unsafeStateOf } from '../../../src/backends/git/repo-state.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);

describe('unsafeStateOf', () => {
  it('names the operation in progress with what to do, the first one found winning', () => {
    expect(unsafeStateOf('/r', ['rebase-merge'], 'refs/heads/main')).toMatchObject({
      kind: 'unsafe-state',
      state: 'rebase',
      message: '/r is in the middle of a rebase',
      hint: expect.stringContaining('git rebase --abort'),
    });
    expect(unsafeStateOf('/r', ['MERGE_HEAD', 'BISECT_LOG'], 'refs/heads/main')).toMatchObject({ state: 'merge' });
    expect(unsafeStateOf('/r', ['CHERRY_PICK_HEAD'], undefined)).toMatchObject({ state: 'cherry-pick' });
    expect(unsafeStateOf('/r', ['REVERT_HEAD'], 'refs/heads/main')).toMatchObject({ state: 'revert' });
    expect(unsafeStateOf('/r', ['BISECT_LOG'], 'refs/heads/main')).toMatchObject({ state: 'bisect', hint: expect.stringContaining('git bisect reset') });
  });

  it('accepts our own guided-resolution merge only where allowed, and never someone else\'s', () => {
    expect(unsafeStateOf('/r', ['MERGE_HEAD'], 'refs/heads/main', { ownMerge: true, allowOwnMerge: true })).toBeUndefined();
    expect(unsafeStateOf('/r', ['MERGE_HEAD'], 'refs/heads/main', { ownMerge: true, allowOwnMerge: false })).toMatchObject({
      state: 'resolving',
      hint: expect.stringContaining('resolve --continue'),
    });
    expect(unsafeStateOf('/r', ['MERGE_HEAD'], 'refs/heads/main', { ownMerge: false, allowOwnMerge: true })).toMatchObject({ state: 'merge' });
    expect(unsafeStateOf('/r', ['MERGE_HEAD', 'REVERT_HEAD'], 'refs/heads/main', { ownMerge: true, allowOwnMerge: true })).toMatchObject({ state: 'merge' });
  });

  it('refuses a detached HEAD and accepts a branch', () => {
    expect(unsafeStateOf('/r', [], undefined)).toMatchObject({ state: 'detached-head', hint: expect.stringContaining('git switch') });
    expect(unsafeStateOf('/r', [], 'refs/heads/main')).toBeUndefined();
  });
});

describe('git checkpoints', () => {
  const state = { branch: 'refs/heads/main', head: A, branches: { main: A, 'sync/alpha': B } };

  it('round-trips through the checkpoint id', () => {
    const cp = encodeCheckpoint(state);
    expect(cp.backend).toBe('git');
    expect(decodeCheckpoint(cp)._unsafeUnwrap()).toEqual(state);
    // With the work tree's content (the edits it held at the checkpoint).
    const dirty = { ...state, worktree: B };
    expect(decodeCheckpoint(encodeCheckpoint(dirty))._unsafeUnwrap()).toEqual(dirty);
  });

  it('refuses checkpoints it did not write', () => {
    const bad = (id: string, backend: 'git' | 'jj' = 'git') => decodeCheckpoint({ backend, id })._unsafeUnwrapErr();
    expect(bad(encodeCheckpoint(state).id, 'jj')).toMatchObject({ kind: 'invalid-input', field: 'checkpoint' });
    expect(bad('not json')).toMatchObject({ kind: 'invalid-input' });
    expect(bad(JSON.stringify({ ...state, head: 'HEAD~1' }))).toMatchObject({ kind: 'invalid-input' });
    expect(bad(JSON.stringify({ ...state, branch: 'main' }))).toMatchObject({ kind: 'invalid-input' });
    expect(bad(JSON.stringify({ ...state, branch: 'refs/heads/--force' }))).toMatchObject({ kind: 'invalid-input' });
    expect(bad(JSON.stringify({ ...state, branches: { '-D': A } }))).toMatchObject({ kind: 'invalid-input' });
    expect(bad(JSON.stringify({ ...state, branches: { main: 'x' } }))).toMatchObject({ kind: 'invalid-input' });
    expect(bad(JSON.stringify({ ...state, worktree: '--source=x' }))).toMatchObject({ kind: 'invalid-input' });
    expect(bad(JSON.stringify({ ...state, worktree: 42 }))).toMatchObject({ kind: 'invalid-input' });
  });
});

describe('notReplayed', () => {
  it('is the commit the rebase stopped on and the local ones after it', () => {
    expect(notReplayed(['1', '2', '3'], '2')).toEqual(['2', '3']);
    expect(notReplayed(['1', '2', '3'], undefined)).toEqual(['1', '2', '3']);
    expect(notReplayed(['1'], '9')).toEqual(['1']);
  });
});

describe('validateCommitId', () => {
  it('accepts hex ids only', () => {
    expect(validateCommitId(A)._unsafeUnwrap()).toBe(A);
    expect(validateCommitId('abc1')._unsafeUnwrap()).toBe('abc1');
    for (const id of ['HEAD', '--all', 'abc', `${A}^`, 'main..evil', 'ABCDEF12']) {
      expect(validateCommitId(id)._unsafeUnwrapErr()).toMatchObject({ kind: 'invalid-input', value: id });
    }
  });
});

describe('rebaseOwnHead (where a stopped rebase left HEAD by itself)', () => {
  const onto = 'f3e733a3ef62e8bfd9edc0d22b26713500f18913';
  it('is onto before the rebase made a commit', () => {
    expect(rebaseOwnHead(onto, undefined)).toBe(onto);
    expect(rebaseOwnHead(onto, '\n')).toBe(onto);
  });
  it('is the last commit it made (the new sha of the last line of rewritten-list)', () => {
    const list = '9c3674e8f028dc8f33c5a5089368c25a51f647c7 9afa9b9fbb997b074fa7211814595a67ce81a359\n1111111111111111111111111111111111111111 2222222222222222222222222222222222222222\n';
    expect(rebaseOwnHead(onto, list)).toBe('2222222222222222222222222222222222222222');
  });
  it('cannot tell without a readable onto', () => {
    expect(rebaseOwnHead(undefined, undefined)).toBeUndefined();
    expect(rebaseOwnHead('not a sha', undefined)).toBeUndefined();
  });
});

// Found by the git person campaign (CI, seed 20241113): a sync killed between a pick's commit and
// git's update of rewritten-list left HEAD one copy ahead, and the recovery took the copy for a
// person's commit and refused every later run. Checked by hand against a real stopped rebase
// (git 2.55): `done` lists `pick <full id> # subject`, the stopped pick included.
describe('the rebase’s own copies ahead of rewritten-list', () => {
  const line = (who: string, when: string, subject: string): string => `${who}\0${who}@x\0${when}\0${subject}`;

  it('reads the picked ids from done', () => {
    expect(donePicks(`pick ${'a'.repeat(40)} # one\npick ${'b'.repeat(40)} # two\n`)).toEqual(['a'.repeat(40), 'b'.repeat(40)]);
    expect(donePicks('exec make\n# comment\n')).toEqual([]);
    expect(donePicks(undefined)).toEqual([]);
  });

  it('accepts commits that copy picked ones (author, author date, subject) and nothing else', () => {
    const picked = [line('P', '100', 'one'), line('P', '200', 'two')].join('\n');
    expect(onlyPickedCopies(`${line('P', '100', 'one')}\n`, picked)).toBe(true);
    // A person's commit inside the rebase: their own date and message, alone or after a copy.
    expect(onlyPickedCopies(`${line('P', '300', 'by hand')}\n`, picked)).toBe(false);
    expect(onlyPickedCopies(`${line('P', '300', 'by hand')}\n${line('P', '100', 'one')}\n`, picked)).toBe(false);
    expect(onlyPickedCopies('', picked)).toBe(false);
  });
});
