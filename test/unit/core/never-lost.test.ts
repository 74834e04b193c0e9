import { describe, expect, it } from 'vitest';
import { hostBranchTarget, unintegratedPaths } from '../../../src/core/sync/host-branch.js';
import { followsRename, offTrunk } from '../../../src/core/sync/line-guard.js';
import { recordMatters, withoutRecord } from '../../../src/core/sync/record-line.js';
import { committedSources, guardApplies, overwriteLoses } from '../../../src/core/sync/unique-copy.js';

const input = (target: string, homeHash: string | undefined, sourceHash: string | undefined, recorded?: string, sourceDirty = false) => ({
  target,
  homeHash,
  sourceHash,
  recorded,
  sourceDirty,
});

describe('apply never destroys a unique copy', () => {
  it('overwrites only content that is stored somewhere', () => {
    expect(overwriteLoses('b', ['a', 'b'])).toBe(false);
    expect(overwriteLoses('b', ['a', undefined])).toBe(true);
    expect(overwriteLoses('b', [])).toBe(true);
    // A missing HOME file has nothing to lose.
    expect(overwriteLoses(undefined, [])).toBe(false);
  });

  it('judges a target the record knows, or every target once the record left the line', () => {
    expect(guardApplies('x', false)).toBe(true);
    expect(guardApplies(undefined, true)).toBe(true);
    // No record ever made: chezmoi's own check guards HOME.
    expect(guardApplies(undefined, false)).toBe(false);
  });

  it('counts a source as stored when capture commits it, or when it has no uncommitted change', () => {
    const inputs = [input('/h/.a', 'x', 'a1'), input('/h/.b', 'y', 'b1', undefined, true), input('/h/.c', 'z', undefined)];
    expect([...committedSources(inputs, true)]).toEqual([
      ['/h/.a', 'a1'],
      ['/h/.b', 'b1'],
    ]);
    expect([...committedSources(inputs, false)]).toEqual([['/h/.a', 'a1']]);
  });
});

describe('the synced record belongs to its line', () => {
  it('matters only where HOME and the source differ (a no-op sync asks nothing)', () => {
    expect(recordMatters([input('/h/.a', 'x', 'x', 'x'), input('/h/.b', 'y', 'y', 'old')])).toBe(false);
    expect(recordMatters([input('/h/.a', 'x', 'y', 'x')])).toBe(true);
    expect(recordMatters([input('/h/.a', 'x', 'y')])).toBe(false);
  });

  it('is dropped from every input when it left the line', () => {
    expect(withoutRecord([input('/h/.a', 'x', 'y', 'x')])).toEqual([input('/h/.a', 'x', 'y', undefined)]);
  });
});

describe('a host branch is deleted only when integrated', () => {
  it('reads the remote copy first, else the local one', () => {
    const branches = [
      { name: 'sync/b', target: 'l1', remoteTargets: { origin: 'r1' } },
      { name: 'sync/c', target: 'l2', remoteTargets: {} },
    ];
    expect(hostBranchTarget(branches, 'sync/b', 'origin')).toBe('r1');
    expect(hostBranchTarget(branches, 'sync/c', 'origin')).toBe('l2');
    expect(hostBranchTarget(branches, 'sync/d', 'origin')).toBeUndefined();
  });

  it('is pending for the files it changed that the published head holds differently', () => {
    const own = [{ path: 'dot_gitconfig', kind: 'modified' as const }];
    expect(unintegratedPaths(own, [{ path: 'dot_gitconfig', kind: 'modified' }, { path: 'dot_bashrc', kind: 'modified' }])).toEqual(['dot_gitconfig']);
    // Other files differ only because the trunk moved on: integrated.
    expect(unintegratedPaths(own, [{ path: 'dot_bashrc', kind: 'modified' }])).toEqual([]);
  });
});

describe('git: a person on another branch', () => {
  it('refuses a line that is not the trunk while the local trunk exists', () => {
    expect(offTrunk('main', 'main', true)).toBeUndefined();
    expect(offTrunk('experiment', 'main', false)).toBeUndefined();
    expect(offTrunk('experiment', 'main', true)).toMatchObject({ kind: 'unsafe-state', state: 'off-trunk' });
    expect(offTrunk(undefined, 'main', true)?.message).toContain('detached HEAD');
  });
});

describe('git: the remote renamed its default branch', () => {
  const branch = (name: string, target: string | undefined, remote: string | undefined) => ({
    name,
    ...(target !== undefined ? { target } : {}),
    remoteTargets: remote !== undefined ? { origin: remote } : {},
  });
  const renamed = [branch('main', 'a', undefined), branch('trunk', undefined, 'a')];
  it('adopts the line under the new name only when it tracks a branch the remote dropped and no local trunk exists', () => {
    expect(followsRename('main', 'main', 'trunk', 'origin', renamed)).toBe(true);
    // A branch the person made from the new trunk (it tracks trunk): theirs, never adopted.
    expect(followsRename('experiment', 'trunk', 'trunk', 'origin', renamed)).toBe(false);
    expect(followsRename('experiment', undefined, 'trunk', 'origin', renamed)).toBe(false);
    // The old name still on the remote: a branch of the person's, not a rename.
    expect(followsRename('main', 'main', 'trunk', 'origin', [branch('main', 'a', 'a'), branch('trunk', undefined, 'a')])).toBe(false);
    // A local trunk already exists: the off-trunk rule decides.
    expect(followsRename('main', 'main', 'trunk', 'origin', [branch('main', 'a', undefined), branch('trunk', 'a', 'a')])).toBe(false);
    // The remote has no trunk either, or HEAD is detached.
    expect(followsRename('main', 'main', 'trunk', 'origin', [branch('main', 'a', undefined)])).toBe(false);
    expect(followsRename(undefined, 'main', 'trunk', 'origin', renamed)).toBe(false);
  });
});
