// The same engine scenarios as sync-engine.test.ts, entirely in memory (chezmoi-sync/testing):
// what an SDK user gets when testing their own flows.
import { describe, expect, it } from 'vitest';
import { runSync } from '../../src/core/sync/engine.js';
import type { SyncOptions, SyncReport } from '../../src/core/sync/types.js';
import { MemoryFs, MemoryRemote, memoryMachine, type MemoryMachine } from '../../src/testing.js';

const MARKERS = /^(<<<<<<<|>>>>>>>|%%%%%%%|\+\+\+\+\+\+\+)/m;
const URL = 'ssh://git.example.com/me/dotfiles.git';
const BASHRC = '# bashrc\nexport EDITOR=vi\nalias ll="ls -l"\n';

const world = async () => {
  const fs = new MemoryFs();
  const remote = new MemoryRemote({ files: { dot_bashrc: BASHRC, dot_gitconfig: '[core]\n\tautocrlf = false\n' } });
  const machines = ['alpha', 'beta', 'gamma'].map((host) => memoryMachine({ fs, remotes: { [URL]: remote }, host }));
  const sync = async (m: MemoryMachine, extra: Partial<SyncOptions> = {}): Promise<SyncReport> => {
    const r = await runSync(m.deps, { host: m.host, sourceDir: m.source, repoUrl: URL, stateDir: `/state/${m.host}`, ...extra });
    if (r.isErr()) throw new Error(`sync failed: ${JSON.stringify(r.error)}`);
    return r.value;
  };
  // First sync on each machine clones and applies.
  for (const m of machines) expect((await sync(m)).status).toBe('success');
  const [a, b, c] = machines as [MemoryMachine, MemoryMachine, MemoryMachine];
  const home = (m: MemoryMachine, rel: string) => fs.read(`${m.home}/${rel}`);
  const edit = (m: MemoryMachine, rel: string, content: string) => fs.write(`${m.home}/${rel}`, content);
  return { fs, remote, a, b, c, sync, home, edit };
};

describe('sync engine in memory', () => {
  it('clones and applies on first run, then moves a HOME edit to every host', async () => {
    const { remote, a, b, c, sync, home, edit } = await world();
    expect(home(b, '.bashrc')).toBe(BASHRC);
    edit(a, '.bashrc', '# bashrc\nexport EDITOR=nvim\n');
    expect((await sync(a)).status).toBe('success');
    expect(remote.read('main', 'dot_bashrc')).toBe('# bashrc\nexport EDITOR=nvim\n');
    await sync(b);
    await sync(c);
    expect(home(b, '.bashrc')).toBe('# bashrc\nexport EDITOR=nvim\n');
    expect(home(c, '.bashrc')).toBe('# bashrc\nexport EDITOR=nvim\n');
  });

  it('does not revert another host’s edit', async () => {
    const { remote, a, b, sync, home, edit } = await world();
    edit(a, '.bashrc', '# bashrc\nexport EDITOR=emacs\n');
    await sync(a);
    edit(b, '.gitconfig', '[core]\n\tautocrlf = input\n');
    expect((await sync(b)).status).toBe('success');
    expect(home(b, '.bashrc')).toBe('# bashrc\nexport EDITOR=emacs\n');
    expect(remote.read('main', 'dot_gitconfig')).toBe('[core]\n\tautocrlf = input\n');
    await sync(a);
    expect(home(a, '.gitconfig')).toBe('[core]\n\tautocrlf = input\n');
  });

  it('preserves a real conflict on the host branch and notifies', async () => {
    const { remote, a, b, sync, home, edit } = await world();
    edit(a, '.bashrc', `${BASHRC}export FROM=alpha\n`);
    edit(b, '.bashrc', `${BASHRC}export FROM=beta\n`);
    await sync(a);
    const rb = await sync(b, { notifyCommand: ['notify-send', 'conflict'] });
    expect(rb.status).toBe('conflicts-preserved');
    expect(rb.conflicts).toEqual({ paths: ['dot_bashrc'], branch: 'sync/beta' });
    expect(remote.read('main', 'dot_bashrc')).toContain('FROM=alpha');
    expect(remote.read('sync/beta', 'dot_bashrc')).toContain('FROM=beta');
    expect(home(b, '.bashrc')).toContain('FROM=beta');
    expect(home(b, '.bashrc')).not.toMatch(MARKERS);
    expect(b.notifications).toEqual([
      { argv: ['notify-send', 'conflict'], env: expect.objectContaining({ CHEZMOI_SYNC_BRANCH: 'sync/beta', CHEZMOI_SYNC_CONFLICTS: 'dot_bashrc' }) },
    ]);
  });

  it('offline keeps the commit; online pushes it; a rejected push is retried', async () => {
    const { remote, a, b, sync, home, edit } = await world();
    remote.faults.inject({ kind: 'network', op: 'fetch' });
    edit(a, '.bashrc', '# offline edit\n');
    const r1 = await sync(a);
    expect(r1).toMatchObject({ status: 'fetch-failed', committed: 1, pendingPushes: 1 });
    remote.rejectNextPush();
    expect((await sync(a)).status).toBe('success');
    expect(remote.read('main', 'dot_bashrc')).toBe('# offline edit\n');
    await sync(b);
    expect(home(b, '.bashrc')).toBe('# offline edit\n');
  });

  it('keeps a HOME edit made on a file that also changed in the source dir', async () => {
    const { fs, a, sync, home, edit } = await world();
    fs.write(`${a.source}/dot_bashrc`, '# edited in the source dir\n');
    edit(a, '.bashrc', '# edited in HOME\n');
    const r = await sync(a);
    expect(r.keptLocal).toEqual([`${a.home}/.bashrc`]);
    expect(home(a, '.bashrc')).toBe('# edited in HOME\n');
    expect(fs.read(`${a.source}/dot_bashrc`)).toBe('# edited in the source dir\n');
  });

  it('applies a source-dir edit to HOME instead of reverting it from a stale HOME', async () => {
    const { fs, remote, a, sync, home } = await world();
    fs.write(`${a.source}/dot_bashrc`, '# edited in the source dir\n');
    expect((await sync(a)).status).toBe('success');
    expect(home(a, '.bashrc')).toBe('# edited in the source dir\n');
    expect(remote.read('main', 'dot_bashrc')).toBe('# edited in the source dir\n');
  });

  it('a reset while a conflict is preserved keeps this host\'s side in HOME and on its host branch', async () => {
    const { remote, a, b, sync, home, edit } = await world();
    const repo = (await b.vcs.open(b.source))._unsafeUnwrap();
    const before = (await repo.checkpoint())._unsafeUnwrap();
    edit(a, '.gitconfig', '[core]\n\tautocrlf = ALPHA\n');
    await sync(a);
    edit(b, '.gitconfig', '[core]\n\tautocrlf = BETA\n');
    expect((await sync(b)).status).toBe('conflicts-preserved');
    // The person resets the source dir to where it was before the conflict: beta's commit leaves the line.
    (await repo.restore(before))._unsafeUnwrap();
    edit(b, '.bashrc', `${BASHRC}# BETA\n`);
    const r = await sync(b);
    expect(r.status).toBe('conflicts-preserved');
    expect(r.conflicts?.branch).toBe('sync/beta');
    expect(r.keptLocal).toContain(`${b.home}/.gitconfig`);
    expect(home(b, '.gitconfig')).toContain('BETA');
    expect(remote.read('sync/beta', 'dot_gitconfig')).toContain('BETA');
    expect(remote.read('main', 'dot_gitconfig')).toContain('ALPHA');
    expect(remote.read('main', 'dot_bashrc')).toContain('# BETA');
  });

  it('a host branch whose work reached the trunk is deleted after a clean publish', async () => {
    const { remote, a, b, sync, edit } = await world();
    edit(a, '.gitconfig', '[core]\n\tautocrlf = ALPHA\n');
    await sync(a);
    edit(b, '.gitconfig', '[core]\n\tautocrlf = BETA\n');
    expect((await sync(b)).status).toBe('conflicts-preserved');
    // Alpha takes beta's side: beta's rebase is clean again, its work is on the trunk.
    edit(a, '.gitconfig', '[core]\n\tautocrlf = BETA\n');
    await sync(a);
    expect((await sync(b)).status).toBe('success');
    expect(remote.read('sync/beta', 'dot_gitconfig')).toBeUndefined();
    expect(remote.read('main', 'dot_gitconfig')).toContain('BETA');
  });
});

