// parseLsRemoteHead / trunkMoved: the remote's own HEAD, read from `git ls-remote --symref REMOTE HEAD`.
import { describe, expect, it } from 'vitest';
import { lsRemoteHeadArgs, parseLsRemoteHead, trunkMoved } from '../../../src/backends/remote-default.js';
import { fixture } from './fixtures.js';

describe('parseLsRemoteHead', () => {
  it('reads the branch HEAD names when it exists (captured after a main → trunk rename)', () => {
    expect(parseLsRemoteHead(fixture('ls-remote-symref-head.txt'))).toBe('trunk');
  });

  it('knows nothing for an empty remote or an unborn HEAD', () => {
    expect(parseLsRemoteHead(fixture('ls-remote-symref-unborn.txt'))).toBeUndefined();
    expect(parseLsRemoteHead('ref: refs/heads/main\tHEAD\n')).toBeUndefined();
    expect(parseLsRemoteHead('garbage\n')).toBeUndefined();
  });

  it('asks with the remote after `--`', () => {
    expect(lsRemoteHeadArgs('origin')).toEqual(['ls-remote', '--symref', '--', 'origin', 'HEAD']);
  });

  it('names both branches and how to follow', () => {
    const e = trunkMoved('origin', 'main', 'trunk', '/home/user/src');
    expect(e).toMatchObject({ kind: 'unsafe-state', state: 'trunk-renamed' });
    expect(e.message).toContain('has no branch main any more and its default branch is now trunk');
    expect(e.hint).toContain('git -C /home/user/src remote set-head origin --auto');
  });
});
