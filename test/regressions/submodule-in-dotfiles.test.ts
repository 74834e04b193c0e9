// Dotfiles with a git submodule (a shell plugin checked out inside the source dir, as public
// dotfiles repositories often have; `chezmoi init` clones with --recurse-submodules). What a
// submodule holds is its own repository's: a sync never changes one. Found: the git backend's
// `add -A` staged a checkout that had not followed an update from another machine, and so
// published that update undone; on both backends an edit inside a submodule, or a submodule
// moved by hand, never left the machine while the run said "success".
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SyncReport } from '../../src/core/sync/types.js';
import { okReport, syncHost, type RealBackend } from '../support/engine.js';
import { addSubmodule, PLUGIN } from '../support/submodule.js';
import { useWorld, type Host, type World } from '../support/world.js';

const IN_HOME = '.zsh/plugins/zsh-hello/hello.plugin.zsh';

/** As `chezmoi init` does it: a clone with the submodules checked out, then apply. */
const setUp = (w: World, h: Host): void => {
  w.run(h, 'git', ['clone', '-q', '--recurse-submodules', w.remoteUrl, h.source]);
  w.chezmoiApply(h);
};

/** The commit the remote's main records for the submodule. */
const pointer = (w: World, h: Host): string => w.run(h, 'git', ['--git-dir', w.remote, 'rev-parse', `main:${PLUGIN}`]).stdout.trim();
/** The commit checked out in a host's submodule. */
const checkedOut = (w: World, h: Host): string => w.run(h, 'git', ['rev-parse', 'HEAD'], { cwd: join(h.source, PLUGIN) }).stdout.trim();

/** The person moves the submodule to the plugin's newest commit. */
const updateRemote = (w: World, h: Host): void => {
  w.run(h, 'git', ['submodule', 'update', '-q', '--remote', '--', PLUGIN], { cwd: h.source });
};
/** The person commits the submodule's new pointer by hand (git in either backend's repository). */
const commitPointer = (w: World, h: Host): void => {
  w.run(h, 'git', ['commit', '-q', '-m', 'zsh-hello: update', '--', PLUGIN], { cwd: h.source });
};

/** The run ended `error` naming the submodule, and nothing else went wrong. */
const saysOutOfStep = (r: SyncReport): void => {
  expect(r.status, JSON.stringify(r)).toBe('error');
  expect(r.error?.kind).toBe('unsafe-state');
  expect(r.error?.message).toContain(PLUGIN);
  expect(r.error?.hint).toContain('submodule update');
};

/** Two machines set up from the remote with its submodule, each synced once; `v1` the pointer then. */
const twoMachines = async (backend: RealBackend) => {
  const w = await useWorld({ hosts: ['alpha', 'beta'] });
  const [a, b] = [w.host('alpha'), w.host('beta')];
  const plugin = addSubmodule(w, a);
  setUp(w, a);
  setUp(w, b);
  okReport(await syncHost(w, a, backend));
  okReport(await syncHost(w, b, backend));
  return { w, a, b, plugin, v1: pointer(w, a) };
};

describe.each<RealBackend>(['jj', 'git'])('a submodule in the dotfiles (%s)', (backend) => {
  it('keeps another machine\'s update of a submodule, says the checkout is behind, and syncs everything else', async () => {
    const { w, a, b, plugin, v1 } = await twoMachines(backend);
    expect(w.readHome(a, IN_HOME)).toBe('echo hello v1\n');

    // beta's person takes the plugin's new release and commits the pointer.
    plugin.release('echo hello v2\n');
    updateRemote(w, b);
    commitPointer(w, b);
    expect(okReport(await syncHost(w, b, backend)).status).toBe('success');
    const v2 = pointer(w, b);
    expect(v2).not.toBe(v1);
    expect(w.readHome(b, IN_HOME)).toBe('echo hello v2\n');

    // alpha takes the pointer in; its checkout stays where it was (a sync never moves one).
    w.writeHome(a, '.bashrc', '# bashrc\nexport FROM=alpha\n');
    saysOutOfStep(okReport(await syncHost(w, a, backend)));
    expect(w.readRemote('dot_bashrc')).toBe('# bashrc\nexport FROM=alpha\n');
    expect(checkedOut(w, a)).toBe(v1);
    w.writeHome(a, '.config/nvim/init.lua', '-- nvim\nvim.o.number = false\n');
    saysOutOfStep(okReport(await syncHost(w, a, backend)));
    expect(w.readRemote('dot_config/nvim/init.lua')).toBe('-- nvim\nvim.o.number = false\n');
    // The update is never undone by alpha's commits.
    expect(pointer(w, a)).toBe(v2);

    // alpha's person follows the hint: the checkout moves, the next sync is clean and applies it.
    w.run(a, 'git', ['submodule', 'update', '-q', '--', PLUGIN], { cwd: a.source });
    expect(okReport(await syncHost(w, a, backend)).status).toBe('success');
    expect(w.readHome(a, IN_HOME)).toBe('echo hello v2\n');
    expect(pointer(w, a)).toBe(v2);
    okReport(await syncHost(w, b, backend));
    expect(w.readHome(b, '.config/nvim/init.lua')).toBe('-- nvim\nvim.o.number = false\n');
  });

  it('keeps a HOME edit inside a submodule in HOME and in the checkout, and says it is not synced', async () => {
    const { w, a, b, v1 } = await twoMachines(backend);

    w.writeHome(a, IN_HOME, 'echo hello, edited on alpha\n');
    w.writeHome(a, '.bashrc', '# bashrc\nexport FROM=alpha\n');
    saysOutOfStep(okReport(await syncHost(w, a, backend)));
    saysOutOfStep(okReport(await syncHost(w, a, backend)));
    expect(w.readHome(a, IN_HOME)).toBe('echo hello, edited on alpha\n');
    expect(w.readSource(a, `${PLUGIN}/hello.plugin.zsh`)).toBe('echo hello, edited on alpha\n');
    expect(w.readRemote('dot_bashrc')).toBe('# bashrc\nexport FROM=alpha\n');
    expect(pointer(w, a)).toBe(v1);
    okReport(await syncHost(w, b, backend));
    expect(w.readHome(b, '.bashrc')).toBe('# bashrc\nexport FROM=alpha\n');
    expect(w.readHome(b, IN_HOME)).toBe('echo hello v1\n');
  });

  it('publishes a submodule moved by hand only once the person commits the pointer', async () => {
    const { w, a, b, plugin, v1 } = await twoMachines(backend);

    plugin.release('echo hello v2\n');
    updateRemote(w, a);
    saysOutOfStep(okReport(await syncHost(w, a, backend)));
    expect(pointer(w, a)).toBe(v1);
    // HOME follows the source dir as chezmoi reads it: the checkout is the person's to choose.
    expect(w.readHome(a, IN_HOME)).toBe('echo hello v2\n');

    commitPointer(w, a);
    expect(okReport(await syncHost(w, a, backend)).status).toBe('success');
    const v2 = pointer(w, a);
    expect(v2).not.toBe(v1);
    expect(checkedOut(w, a)).toBe(v2);
    saysOutOfStep(okReport(await syncHost(w, b, backend)));
    expect(pointer(w, b)).toBe(v2);
  });
});
