// A person clones a plugin into the source dir with plain git (no `submodule add`): a repository
// inside the dotfiles repository. Found: the git backend's `add -A` recorded it as a bare pointer
// (a gitlink with no .gitmodules: every other machine gets an empty directory), jj left it out;
// on both the run said "success" while its files never left the machine.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { okReport, setUpAndSync, syncHost, type RealBackend } from '../support/engine.js';
import { makePlugin } from '../support/submodule.js';
import { useWorld } from '../support/world.js';

const INSIDE = 'dot_zsh/plugins/zsh-hi';

describe.each<RealBackend>(['jj', 'git'])('a git repository inside the source dir (%s)', (backend) => {
  it('is never committed, is named by every run until the person decides, and everything else syncs', async () => {
    const w = await useWorld({ hosts: ['alpha', 'beta'] });
    const [a, b] = [w.host('alpha'), w.host('beta')];
    const plugin = makePlugin(w, a);
    await setUpAndSync(w, [a, b], backend);
    w.run(a, 'git', ['clone', '-q', plugin.dir, join(a.source, INSIDE)]);
    w.writeHome(a, '.bashrc', '# bashrc\nexport FROM=alpha\n');
    for (let i = 0; i < 2; i++) {
      const r = okReport(await syncHost(w, a, backend));
      expect(r.status, JSON.stringify(r)).toBe('error');
      expect(r.error).toMatchObject({ kind: 'unsafe-state', message: expect.stringContaining(INSIDE), hint: expect.stringContaining('submodule add') });
    }
    expect(w.readRemote('dot_bashrc')).toBe('# bashrc\nexport FROM=alpha\n');
    // Nothing of it on the remote: no pointer, no file.
    expect(w.run(a, 'git', ['--git-dir', w.remote, 'ls-tree', '-r', 'main', '--', INSIDE]).stdout).toBe('');
    expect(w.readHome(a, '.zsh/plugins/zsh-hi/hello.plugin.zsh')).toBe('echo hello v1\n');

    // The person keeps it out, as the hint says: the next run is clean, and it stays out.
    w.writeSource(a, '.gitignore', `${INSIDE}/\n`);
    expect(okReport(await syncHost(w, a, backend)).status).toBe('success');
    expect(w.readRemote('.gitignore')).toBe(`${INSIDE}/\n`);
    expect(w.run(a, 'git', ['--git-dir', w.remote, 'ls-tree', '-r', 'main', '--', INSIDE]).stdout).toBe('');
    okReport(await syncHost(w, b, backend));
    expect(w.readHome(b, '.bashrc')).toBe('# bashrc\nexport FROM=alpha\n');
  });
});
