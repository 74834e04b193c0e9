// Regression: a person ran `jj git init --colocate` in their git clone themselves. jj leaves the
// trunk's remote bookmark `main@origin` untracked, and every sync failed at the push with
// `Non-tracking remote bookmark main@origin exists`: edits were never published. Expected: the
// sync adopts the repository (tracks the trunk) and publishes; later syncs keep working.
import { describe, expect, it } from 'vitest';
import { okReport, setUpHost, syncHost } from '../support/engine.js';
import { useWorld } from '../support/world.js';

describe('jj colocated by hand on a git clone', () => {
  it('is adopted: the edit is published and HOME of the other host gets it', { timeout: 120_000 }, async () => {
    const w = await useWorld({ hosts: ['alpha', 'beta'] });
    const [a, b] = [w.host('alpha'), w.host('beta')];
    setUpHost(w, a);
    setUpHost(w, b);
    // A commit made by hand with git before colocating: unpublished work jj must carry along.
    w.writeSource(a, 'dot_config/nvim/init.lua', '-- by hand\n');
    w.run(a, 'git', ['commit', '-q', '-am', 'by hand'], { cwd: a.source });
    w.run(a, 'jj', ['git', 'init', '--colocate'], { cwd: a.source });
    w.writeHome(a, '.bashrc', '# bashrc\nexport EDITOR=alpha\n');
    const r = okReport(await syncHost(w, a, 'jj'));
    expect(r.status).toBe('success');
    expect(w.readRemote('dot_bashrc')).toBe('# bashrc\nexport EDITOR=alpha\n');
    expect(w.readRemote('dot_config/nvim/init.lua')).toBe('-- by hand\n');
    expect(okReport(await syncHost(w, b, 'jj')).status).toBe('success');
    expect(w.readHome(b, '.bashrc')).toBe('# bashrc\nexport EDITOR=alpha\n');
    // And again, with the other host's edit coming in.
    w.writeHome(b, '.gitconfig', '[core]\n\tautocrlf = input\n');
    expect(okReport(await syncHost(w, b, 'jj')).status).toBe('success');
    w.writeHome(a, '.config/nvim/init.lua', '-- alpha\n');
    expect(okReport(await syncHost(w, a, 'jj')).status).toBe('success');
    expect(w.readRemote('dot_config/nvim/init.lua')).toBe('-- alpha\n');
    expect(w.readHome(a, '.gitconfig')).toBe('[core]\n\tautocrlf = input\n');
  });
});
