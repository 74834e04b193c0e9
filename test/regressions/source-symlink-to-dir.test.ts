// Regression (found by an exploratory run of the packed CLI): a symlink to a directory in the
// source dir (`ln -s ~/work-dotfiles ~/.local/share/chezmoi/dot_work`) failed every sync with
// "cannot read …/dot_work: EISDIR": chezmoi follows the link and manages a directory there, but
// the sync took the link for a plain file and hashed it. Nothing else synced, incoming edits
// included. The source state's entries are typed as chezmoi reads them: through the link.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { okReport, setUpAndSync, syncHost, type RealBackend } from '../support/engine.js';
import { useWorld } from '../support/world.js';

describe.each<RealBackend>(['jj', 'git'])('a symlink to a directory in the source dir (%s)', (backend) => {
  it('blocks nothing: incoming edits are applied and HOME edits published', { timeout: 120_000 }, async () => {
    const w = await useWorld({ hosts: ['alpha', 'beta'] });
    const [a, b] = [w.host('alpha'), w.host('beta')];
    await setUpAndSync(w, [a, b], backend);
    const outside = join(w.root, 'work-dotfiles');
    mkdirSync(outside);
    writeFileSync(join(outside, 'dot_workrc'), 'work\n');
    symlinkSync(outside, join(a.source, 'dot_work'));
    w.writeHome(b, '.bashrc', '# bashrc\nexport EDITOR=beta\n');
    expect(okReport(await syncHost(w, b, backend)).status).toBe('success');

    w.writeHome(a, '.gitconfig', `${w.readHome(a, '.gitconfig') ?? ''}# alpha\n`);
    expect(okReport(await syncHost(w, a, backend)).status).toBe('success');
    expect(w.readHome(a, '.bashrc')).toBe('# bashrc\nexport EDITOR=beta\n');
    expect(w.readRemote('dot_gitconfig')).toContain('# alpha');
    expect(okReport(await syncHost(w, a, backend)).status).toBe('success');
  });
});
