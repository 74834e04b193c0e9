import { describe, expect, it } from 'vitest';
import type { ManagedFile } from '../../../src/core/chezmoi.js';
import { emptiedSource } from '../../../src/core/sync/emptied-source.js';
import type { FileChange } from '../../../src/core/vcs.js';

const del = (path: string): FileChange => ({ path, kind: 'deleted' });
const file = (name: string): ManagedFile => ({ target: `/home/u/${name}`, source: `/src/dot_${name}`, type: 'file' });

describe('emptiedSource (a commit that would publish the deletion of every dotfile)', () => {
  it('refuses deletions only, leaving chezmoi nothing to manage', () => {
    expect(emptiedSource('/src', [del('dot_a'), del('dot_b')], [])).toMatchObject({ kind: 'unsafe-state', state: 'source-emptied' });
    // A directory chezmoi still lists (from .chezmoiignore'd leftovers) manages no file.
    expect(emptiedSource('/src', [del('dot_a'), del('README.md')], [{ target: '/home/u/.config', source: '/src/dot_config', type: 'dir' }])).toBeDefined();
  });

  it('lets through a deletion that leaves a managed file, one deletion, or anything besides deletions', () => {
    expect(emptiedSource('/src', [del('dot_a'), del('dot_b')], [file('c')])).toBeUndefined();
    expect(emptiedSource('/src', [del('dot_a')], [])).toBeUndefined();
    expect(emptiedSource('/src', [del('dot_a'), { path: 'dot_c', kind: 'added' }], [])).toBeUndefined();
  });

  it('does not guess when chezmoi could not list what it manages', () => {
    expect(emptiedSource('/src', [del('dot_a'), del('dot_b')], undefined)).toBeUndefined();
  });
});
