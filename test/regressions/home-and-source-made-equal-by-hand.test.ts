// Regression (found by test/property): a person makes HOME and the source dir agree by hand (a
// file kept local, settled by editing both copies). The sync records the agreement, but chezmoi
// still remembers the old content it last wrote, so every later incoming change to that file
// was refused by `chezmoi apply` ("changed since chezmoi last wrote it") and kept local forever:
// the host silently stopped receiving updates to the file.
import { describe, expect, it } from 'vitest';
import { runSync } from '../../src/core/sync/engine.js';
import { MemoryFs, MemoryRemote, memoryMachine } from '../../src/testing.js';
import { okReport, setUpHost, syncHost, type RealBackend } from '../support/engine.js';
import { useWorld } from '../support/world.js';

const BASE = '# bashrc\nexport EDITOR=vi\n';
const MERGED = `${BASE}export MERGED=1\n`;
const INCOMING = `${MERGED}export FROM_BETA=1\n`;

describe.each<RealBackend>(['jj', 'git'])('HOME and source made equal by hand (%s)', (backend) => {
  it('later incoming changes to that file still reach HOME', async () => {
    const w = await useWorld({ hosts: ['alpha', 'beta'], files: { dot_bashrc: BASE } });
    const [a, b] = [w.host('alpha'), w.host('beta')];
    for (const h of [a, b]) {
      setUpHost(w, h);
      okReport(await syncHost(w, h, backend));
    }
    w.writeHome(a, '.bashrc', MERGED);
    w.writeSource(a, 'dot_bashrc', MERGED);
    expect(okReport(await syncHost(w, a, backend)).status).toBe('success');
    okReport(await syncHost(w, b, backend));
    w.writeHome(b, '.bashrc', INCOMING);
    expect(okReport(await syncHost(w, b, backend)).status).toBe('success');
    expect(w.readRemote('dot_bashrc')).toBe(INCOMING);

    const r = okReport(await syncHost(w, a, backend));
    expect(r.keptLocal).toEqual([]);
    expect(w.readHome(a, '.bashrc')).toBe(INCOMING);
  });
});

describe('HOME and source made equal by hand (memory)', () => {
  it('later incoming changes to that file still reach HOME', async () => {
    const URL = 'ssh://git.example.com/me/dotfiles.git';
    const fs = new MemoryFs();
    const remote = new MemoryRemote({ files: { dot_bashrc: BASE } });
    const [a, b] = ['alpha', 'beta'].map((host) => memoryMachine({ fs, remotes: { [URL]: remote }, host })) as [ReturnType<typeof memoryMachine>, ReturnType<typeof memoryMachine>];
    const sync = async (m: typeof a) => (await runSync(m.deps, { host: m.host, sourceDir: m.source, repoUrl: URL, stateDir: `/state/${m.host}` }))._unsafeUnwrap();
    await sync(a);
    await sync(b);
    fs.write(`${a.home}/.bashrc`, MERGED);
    fs.write(`${a.source}/dot_bashrc`, MERGED);
    await sync(a);
    await sync(b);
    fs.write(`${b.home}/.bashrc`, INCOMING);
    await sync(b);
    expect(remote.read('main', 'dot_bashrc')).toBe(INCOMING);
    const r = await sync(a);
    expect(r.keptLocal).toEqual([]);
    expect(fs.read(`${a.home}/.bashrc`)).toBe(INCOMING);
  });
});
