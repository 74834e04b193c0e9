// Regression: an offline sync (fetch-failed) leaves A's ~/.gitconfig edit committed locally on
// the trunk; A then starts an experiment from the remote trunk (git: `git switch -c experiment
// origin/main` and a commit of their own; jj: `jj new main@origin`). The next online sync reset
// local main (the commit survived only in the reflog), put the old content back into HOME, and
// published the experiment to the trunk unasked. Expected: the edit stays in HOME and in the
// repository, nothing of the experiment reaches the trunk unasked; git refuses (off-trunk) until
// the person switches back, then the edit is published.
import { describe, expect, it } from 'vitest';
import { okReport, setUpHost, syncHost, type RealBackend } from '../support/engine.js';
import { useWorld, type Host, type World } from '../support/world.js';

const EDIT = '[core]\n\tautocrlf = OFFLINE_EDIT\n';

const offlineEdit = async (w: World, a: Host, backend: RealBackend): Promise<string> => {
  setUpHost(w, a);
  okReport(await syncHost(w, a, backend));
  const trunkBefore = w.readRemote('dot_gitconfig') ?? '';
  w.setNetwork(a, 'offline');
  w.writeHome(a, '.gitconfig', EDIT);
  expect(okReport(await syncHost(w, a, backend)).status).toBe('fetch-failed');
  w.setNetwork(a, 'online');
  return trunkBefore;
};

describe('a branch switch after an offline sync (git)', () => {
  it('refuses while off the trunk, keeps HOME and local main, then publishes the edit', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    const trunkBefore = await offlineEdit(w, a, 'git');
    w.run(a, 'git', ['switch', '-q', '-c', 'experiment', 'origin/main'], { cwd: a.source });
    w.writeSource(a, 'dot_experiment', 'mine, not for the trunk\n');
    w.run(a, 'git', ['add', '-A'], { cwd: a.source });
    w.run(a, 'git', ['commit', '-q', '-m', 'my experiment'], { cwd: a.source });

    const r = await syncHost(w, a, 'git');
    expect(r.result.isErr() ? r.result.error.kind : r.result.value.status).toBe('unsafe-state');
    expect(w.readHome(a, '.gitconfig')).toBe(EDIT);
    expect(w.readRemote('dot_gitconfig')).toBe(trunkBefore);
    expect(w.readRemote('dot_experiment')).toBeUndefined();
    expect(w.run(a, 'git', ['show', 'main:dot_gitconfig'], { cwd: a.source }).stdout).toBe(EDIT);
    expect(w.run(a, 'git', ['show', 'experiment:dot_experiment'], { cwd: a.source }).stdout).toBe('mine, not for the trunk\n');

    w.run(a, 'git', ['switch', '-q', 'main'], { cwd: a.source });
    expect(okReport(await syncHost(w, a, 'git')).status).toBe('success');
    expect(w.readRemote('dot_gitconfig')).toBe(EDIT);
    expect(w.readHome(a, '.gitconfig')).toBe(EDIT);
    expect(w.readRemote('dot_experiment')).toBeUndefined();
  });
});

describe('a working-copy move after an offline sync (jj)', () => {
  it('keeps the edit in HOME and in its commit, reports it kept, publishes nothing unasked', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    const trunkBefore = await offlineEdit(w, a, 'jj');
    w.run(a, 'jj', ['new', 'main@origin'], { cwd: a.source });

    for (let i = 0; i < 2; i++) {
      const r = okReport(await syncHost(w, a, 'jj'));
      expect(r.status, `sync ${i + 1}`).toBe('success');
      expect(r.keptLocal).toContain(`${a.home}/.gitconfig`);
      expect(w.readHome(a, '.gitconfig')).toBe(EDIT);
      expect(w.readRemote('dot_gitconfig')).toBe(trunkBefore);
      // The offline commit is left as the person left it: visible, off @'s line, holding the edit.
      const held = w.run(a, 'jj', ['file', 'show', '-r', 'visible_heads() ~ ::@', '--', 'dot_gitconfig'], { cwd: a.source }).stdout;
      expect(held).toBe(EDIT);
    }
  });
});
