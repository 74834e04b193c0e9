// The sync engine against real jj/git and chezmoi, ≥ 3 hosts on one bare remote. Every check
// reads files: each host's HOME, its source dir, and what the remote holds.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { okReport, setUpHost, syncHost, type RealBackend } from '../support/engine.js';
import { useWorld } from '../support/world.js';

const MARKERS = /^(<<<<<<<|>>>>>>>|%%%%%%%|\+\+\+\+\+\+\+|=======)/m;

describe.each<RealBackend>(['jj', 'git'])('sync engine with %s', (backend) => {
  const threeHosts = async () => {
    const w = await useWorld({ hosts: ['alpha', 'beta', 'gamma'] });
    for (const h of w.hosts) setUpHost(w, h);
    return { w, a: w.host('alpha'), b: w.host('beta'), c: w.host('gamma') };
  };

  it('a manual sync publishes a HOME edit and brings it to the other hosts', async () => {
    const { w, a, b, c } = await threeHosts();
    w.writeHome(a, '.bashrc', '# bashrc\nexport EDITOR=nvim\nalias ll="ls -l"\n');
    const ra = okReport(await syncHost(w, a, backend));
    expect(ra.status).toBe('success');
    expect(ra.committed).toBe(1);
    expect(w.readRemote('dot_bashrc')).toContain('EDITOR=nvim');

    for (const h of [b, c]) {
      const r = okReport(await syncHost(w, h, backend));
      expect(r.status).toBe('success');
      expect(w.readHome(h, '.bashrc')).toContain('EDITOR=nvim');
    }
    expect(readFileSync(join(b.stateDir, 'last-sync-status'), 'utf8')).toBe('success\n');
    const state = JSON.parse(readFileSync(join(b.stateDir, 'state.json'), 'utf8')) as { lastRun: { applied: string[] } };
    expect(state.lastRun.applied).toContain(join(b.home, '.bashrc'));
  });

  it('does not revert another host’s edit (the seed plan’s data-loss bug)', async () => {
    const { w, a, b } = await threeHosts();
    w.writeHome(a, '.bashrc', '# bashrc\nexport EDITOR=emacs\nalias ll="ls -l"\n');
    okReport(await syncHost(w, a, backend));
    // B has an unrelated local edit and a stale .bashrc in HOME.
    w.writeHome(b, '.gitconfig', '[core]\n\tautocrlf = input\n');
    const rb = okReport(await syncHost(w, b, backend));
    expect(rb.status).toBe('success');
    expect(w.readHome(b, '.bashrc')).toContain('EDITOR=emacs');
    expect(w.readRemote('dot_bashrc')).toContain('EDITOR=emacs');
    expect(w.readRemote('dot_gitconfig')).toContain('autocrlf = input');
    okReport(await syncHost(w, a, backend));
    expect(w.readHome(a, '.gitconfig')).toContain('autocrlf = input');
    expect(w.readHome(a, '.bashrc')).toContain('EDITOR=emacs');
  });

  it('preserves both sides of a real conflict and blocks nobody', async () => {
    const { w, a, b, c } = await threeHosts();
    const base = w.readHome(a, '.bashrc') ?? '';
    w.writeHome(a, '.bashrc', `${base}export FROM=alpha\n`);
    w.writeHome(b, '.bashrc', `${base}export FROM=beta\n`);
    w.writeHome(c, '.gitconfig', '[core]\n\tautocrlf = true\n');
    expect(okReport(await syncHost(w, a, backend)).status).toBe('success');
    const rb = okReport(await syncHost(w, b, backend));
    expect(rb.status).toBe('conflicts-preserved');
    expect(rb.conflicts).toEqual({ paths: ['dot_bashrc'], branch: 'sync/beta' });
    // Both edits exist on the remote: alpha's on trunk, beta's on its host branch.
    expect(w.readRemote('dot_bashrc')).toContain('FROM=alpha');
    expect(w.readRemote('dot_bashrc', 'sync/beta')).toContain('FROM=beta');
    // Beta's HOME keeps its own edit, with no conflict markers anywhere.
    expect(w.readHome(b, '.bashrc')).toContain('FROM=beta');
    expect(w.readHome(b, '.bashrc')).not.toMatch(MARKERS);
    expect(w.readSource(b, 'dot_bashrc')).not.toMatch(MARKERS);
    expect(readFileSync(join(b.stateDir, 'last-sync-status'), 'utf8')).toBe('conflicts-preserved\n');
    // A concurrent edit elsewhere is not blocked.
    expect(okReport(await syncHost(w, c, backend)).status).toBe('success');
    expect(w.readHome(c, '.bashrc')).toContain('FROM=alpha');
    expect(w.readRemote('dot_gitconfig')).toContain('autocrlf = true');
    // Beta keeps capturing onto its host branch while the conflict stands.
    w.writeHome(b, '.config/nvim/init.lua', '-- nvim\nvim.o.number = false\n');
    const rb2 = okReport(await syncHost(w, b, backend));
    expect(rb2.status).toBe('conflicts-preserved');
    expect(w.readRemote('dot_config/nvim/init.lua', 'sync/beta')).toContain('number = false');
  });

  it('offline: fetch-failed, the commit is kept, and the next online run pushes it', async () => {
    const { w, a, b } = await threeHosts();
    w.setNetwork(a, 'offline');
    w.writeHome(a, '.bashrc', '# bashrc\nexport OFFLINE=1\n');
    const r1 = okReport(await syncHost(w, a, backend));
    expect(r1.status).toBe('fetch-failed');
    expect(r1.committed).toBe(1);
    expect(r1.pendingPushes).toBe(1);
    expect(w.readRemote('dot_bashrc')).not.toContain('OFFLINE');
    w.setNetwork(a, 'online');
    const r2 = okReport(await syncHost(w, a, backend));
    expect(r2.status).toBe('success');
    expect(w.readRemote('dot_bashrc')).toContain('OFFLINE=1');
    okReport(await syncHost(w, b, backend));
    expect(w.readHome(b, '.bashrc')).toContain('OFFLINE=1');
  });

  it('reports an authentication failure apart from being offline', async () => {
    const { w, a } = await threeHosts();
    w.setNetwork(a, 'auth');
    const r = okReport(await syncHost(w, a, backend));
    expect(r.status).toBe('auth-failed');
    expect(r.error?.kind).toBe('auth');
  });

  it('two syncs at once on one host: one waits or reports locked, nothing is corrupted', async () => {
    const { w, a } = await threeHosts();
    w.writeHome(a, '.bashrc', '# bashrc\nexport TWICE=1\n');
    const [r1, r2] = await Promise.all([syncHost(w, a, backend), syncHost(w, a, backend, { lockTimeoutMs: 50 })]);
    const statuses = [okReport(r1).status, okReport(r2).status].sort();
    expect(statuses.includes('success')).toBe(true);
    expect(statuses.every((s) => s === 'success' || s === 'locked')).toBe(true);
    expect(w.readRemote('dot_bashrc')).toContain('TWICE=1');
    expect(existsSync(`${a.source}/../.chezmoi.chezmoi-sync.lock`)).toBe(false);
    expect(okReport(await syncHost(w, a, backend)).status).toBe('success');
  });

  it('refuses to commit secrets, naming the files, and pushes nothing', async () => {
    const { w, a } = await threeHosts();
    w.writeSource(a, 'private_dot_ssh/private_id_ed25519', '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk\n-----END OPENSSH PRIVATE KEY-----\n');
    w.writeHome(a, '.bashrc', '# bashrc\nexport WITH_SECRET=1\n');
    const r = await syncHost(w, a, backend);
    expect(r.result.isErr()).toBe(true);
    expect(r.result._unsafeUnwrapErr()).toMatchObject({ kind: 'secrets-found', files: [{ path: 'private_dot_ssh/private_id_ed25519' }] });
    expect(w.readRemote('dot_bashrc')).not.toContain('WITH_SECRET');
    expect(readFileSync(join(a.stateDir, 'last-sync-status'), 'utf8')).toBe('error\n');
  });

  it('a configured URL that differs from the remote is a clear error and changes nothing', async () => {
    const { w, a } = await threeHosts();
    w.writeHome(a, '.bashrc', '# changed\n');
    const r = await syncHost(w, a, backend, { repoUrl: 'ssh://fakehost/elsewhere.git' });
    expect(r.result._unsafeUnwrapErr()).toMatchObject({ kind: 'invalid-input', field: 'repoUrl' });
    expect(w.readSource(a, 'dot_bashrc')).not.toContain('# changed');
  });

  it('clones when the source dir is missing and a URL is configured', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    const r = okReport(await syncHost(w, a, backend));
    expect(r.status).toBe('success');
    expect(w.readHome(a, '.bashrc')).toContain('EDITOR=vi');
    expect(existsSync(join(a.source, backend === 'jj' ? '.jj' : '.git'))).toBe(true);
  });

  it('works with a .chezmoiroot repository when the source dir comes from chezmoi itself', async () => {
    const w = await useWorld({
      hosts: ['alpha', 'beta'],
      files: { '.chezmoiroot': 'home\n', 'README.md': '# my dotfiles\n', 'home/dot_bashrc': '# bashrc\nexport EDITOR=vi\n' },
    });
    const [a, b] = [w.host('alpha'), w.host('beta')];
    for (const h of [a, b]) setUpHost(w, h);
    expect(w.readHome(a, '.bashrc')).toBe('# bashrc\nexport EDITOR=vi\n');
    w.writeHome(a, '.bashrc', '# bashrc\nexport EDITOR=hx\n');
    // No sourceDir: the engine asks chezmoi (which answers the home/ subdirectory).
    const ra = okReport(await syncHost(w, a, backend, { sourceDir: undefined as unknown as string }));
    expect(ra.status).toBe('success');
    expect(w.readRemote('home/dot_bashrc')).toBe('# bashrc\nexport EDITOR=hx\n');
    const rb = await syncHost(w, b, backend, { sourceDir: undefined as unknown as string });
    expect(okReport(rb).status).toBe('success');
    expect(w.readHome(b, '.bashrc')).toBe('# bashrc\nexport EDITOR=hx\n');
    expect(w.readHome(b, 'README.md')).toBeUndefined();
  });
});
