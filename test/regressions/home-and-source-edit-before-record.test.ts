// Regression (found by test/property, sequence minimised by hand): a file edited both in the
// source dir and in HOME before any sync had recorded what they agreed on. The first sync keeps
// HOME local and publishes the source edit; the second sync re-added the stale HOME copy over
// it — silently reverting the published source-dir edit on the trunk (the seed plan's bug class).
//   chezmoi add ~/.n1 (s0=X0, s2=X2) · source: s0=Y0 · HOME: s2=Z2 · sync · sync → trunk s0=X0
// Either outcome is fine afterwards — a merge (s0=Y0 and s2=Z2) or the file kept local until a
// person decides — as long as neither edit disappears.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSync } from '../../src/core/sync/engine.js';
import { MemoryFs, MemoryRemote, memoryMachine } from '../../src/testing.js';
import { okReport, setUpHost, syncHost, type RealBackend } from '../support/engine.js';
import { useWorld } from '../support/world.js';

const ADDED = 's0=X0\n#\ns1=X1\n#\ns2=X2\n';
const SOURCE_EDIT = 's0=Y0\n#\ns1=X1\n#\ns2=X2\n';
const HOME_EDIT = 's0=X0\n#\ns1=X1\n#\ns2=Z2\n';

/** Both edits survive: Y0 stays on the trunk, Z2 is on the trunk or still in HOME. */
const bothKept = (trunk: string | undefined, home: string | undefined): void => {
  expect(trunk).toContain('s0=Y0');
  expect(`${trunk ?? ''}${home ?? ''}`).toContain('s2=Z2');
};

describe.each<RealBackend>(['jj', 'git'])('HOME and source dir both edited before any record (%s)', (backend) => {
  it('never reverts the source-dir edit and never drops the HOME edit', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    setUpHost(w, a);
    okReport(await syncHost(w, a, backend));
    w.writeHome(a, '.n1', ADDED);
    w.run(a, 'chezmoi', ['add', '--no-tty', '--config', a.chezmoiConfig, '--source', a.source, '--destination', a.home, join(a.home, '.n1')]);
    w.writeSource(a, 'dot_n1', SOURCE_EDIT);
    w.writeHome(a, '.n1', HOME_EDIT);
    for (let i = 0; i < 3; i++) {
      expect(okReport(await syncHost(w, a, backend)).status).toBe('success');
      bothKept(w.readRemote('dot_n1'), w.readHome(a, '.n1'));
    }
  });
});

describe('HOME and source dir both edited before any record (memory)', () => {
  it('never reverts the source-dir edit and never drops the HOME edit', async () => {
    const URL = 'ssh://git.example.com/me/dotfiles.git';
    const fs = new MemoryFs();
    const remote = new MemoryRemote({ files: { dot_bashrc: '# bashrc\n' } });
    const m = memoryMachine({ fs, remotes: { [URL]: remote }, host: 'alpha' });
    const sync = async () => (await runSync(m.deps, { host: 'alpha', sourceDir: m.source, repoUrl: URL, stateDir: '/state/alpha' }))._unsafeUnwrap();
    await sync();
    fs.write(`${m.home}/.n1`, ADDED);
    // `chezmoi add`: the source gets HOME's content and chezmoi remembers what it saw.
    fs.write(`${m.source}/dot_n1`, '');
    (await m.chezmoi.reAdd([`${m.home}/.n1`]))._unsafeUnwrap();
    fs.write(`${m.source}/dot_n1`, SOURCE_EDIT);
    fs.write(`${m.home}/.n1`, HOME_EDIT);
    for (let i = 0; i < 3; i++) {
      expect((await sync()).status).toBe('success');
      bothKept(remote.read('main', 'dot_n1'), fs.read(`${m.home}/.n1`));
    }
  });
});
