// Whether chezmoi's managed list survives a change of the source dir.
import { describe, expect, it } from 'vitest';
import { keepsManagedList } from '../../../src/core/sync/managed-list.js';

describe('keepsManagedList', () => {
  it('holds when only the contents of ordinary files changed', () => {
    expect(keepsManagedList([])).toBe(true);
    expect(keepsManagedList([{ path: 'dot_bashrc', kind: 'modified' }, { path: 'dot_config/git/config.tmpl', kind: 'modified' }])).toBe(true);
  });

  it('fails when a file came, went or moved: the targets follow from the names', () => {
    for (const kind of ['added', 'deleted', 'renamed', 'conflicted', 'other'] as const) expect(keepsManagedList([{ path: 'dot_vimrc', kind }])).toBe(false);
  });

  it("fails when one of chezmoi's own files changed, at any depth", () => {
    for (const path of ['.chezmoiignore', '.chezmoiroot', '.chezmoidata.yaml', '.chezmoidata/x.toml', '.chezmoitemplates/t', '.chezmoiexternal.toml', 'home/.chezmoiignore', '.chezmoi.toml.tmpl']) {
      expect(keepsManagedList([{ path, kind: 'modified' }])).toBe(false);
    }
  });
});
