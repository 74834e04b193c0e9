// Proves the harness with the raw tools: two hosts clone, commit, push and fetch through one
// bare remote, each in its own HOME; nothing leaks into the real HOME.
import { homedir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { useWorld } from '../support/world.js';

describe('throwaway world', () => {
  it('gives each host its own HOME and config, never the real one', async () => {
    const w = await useWorld({ hosts: ['alpha', 'beta', 'gamma'] });
    const homes = new Set(w.hosts.map((h) => h.home));
    expect(homes.size).toBe(3);
    for (const h of w.hosts) {
      expect(h.home.startsWith(w.root)).toBe(true);
      expect(h.home.startsWith(homedir() + '/')).toBe(false);
      expect(h.env['GIT_CONFIG_GLOBAL']?.startsWith(w.root)).toBe(true);
      expect(h.env['JJ_CONFIG']?.startsWith(w.root)).toBe(true);
      expect(w.run(h, 'git', ['config', '--global', 'user.email']).stdout.trim()).toBe(`user@${h.name}.example`);
      // The ordinary machine: an identity for git only, none for jj, no identity variables.
      expect(w.run(h, 'jj', ['config', 'get', 'user.email']).stdout.trim()).toBe('');
      for (const k of ['JJ_USER', 'JJ_EMAIL', 'GIT_AUTHOR_NAME', 'GIT_AUTHOR_EMAIL', 'GIT_COMMITTER_NAME', 'GIT_COMMITTER_EMAIL', 'EMAIL']) expect(h.env[k], k).toBeUndefined();
    }
  });

  it('puts the identity where the world asks: only in jj\'s config, or nowhere', async () => {
    const jj = (await useWorld({ hosts: ['alpha'], identity: 'jj' })).host('alpha');
    const none = (await useWorld({ hosts: ['alpha'], identity: 'none' })).host('alpha');
    const w = await useWorld({ hosts: ['alpha'] });
    const get = (h: typeof jj, tool: 'git' | 'jj') => w.run(h, tool, tool === 'git' ? ['config', '--global', 'user.email'] : ['config', 'get', 'user.email'], { allowFail: true }).stdout.trim();
    expect([get(jj, 'jj'), get(jj, 'git')]).toEqual(['user@alpha.example', '']);
    expect([get(none, 'jj'), get(none, 'git')]).toEqual(['', '']);
  });

  it('moves a commit from one host to another with raw git and jj', async () => {
    const w = await useWorld();
    const [a, b] = [w.host('alpha'), w.host('beta')];
    w.cloneWithGit(a);
    w.run(b, 'jj', ['git', 'clone', '--colocate', w.remote, b.source]);
    expect(w.readSource(b, 'dot_bashrc')).toContain('export EDITOR=vi');

    w.writeSource(a, 'dot_bashrc', '# bashrc\nexport EDITOR=nvim\n');
    w.run(a, 'git', ['commit', '-qam', 'alpha: nvim'], { cwd: a.source });
    w.run(a, 'git', ['push', '-q', 'origin', 'main'], { cwd: a.source });
    expect(w.readRemote('dot_bashrc')).toBe('# bashrc\nexport EDITOR=nvim\n');

    w.run(b, 'jj', ['git', 'fetch'], { cwd: b.source });
    w.run(b, 'jj', ['new', 'main@origin'], { cwd: b.source });
    expect(w.readSource(b, 'dot_bashrc')).toBe('# bashrc\nexport EDITOR=nvim\n');

    w.chezmoiApply(b);
    expect(w.readHome(b, '.bashrc')).toBe('# bashrc\nexport EDITOR=nvim\n');
    expect(w.readHome(b, '.config/nvim/init.lua')).toContain('vim.o.number');
    expect(w.remoteBranches()).toEqual(['main']);
  });
});

describe('simulated network', () => {
  it('serves the remote over a fake ssh that each host can switch off', async () => {
    const w = await useWorld();
    const [a, b] = [w.host('alpha'), w.host('beta')];
    w.cloneWithGit(a);
    w.setNetwork(b, 'offline');
    const off = w.run(b, 'git', ['clone', '-q', w.remoteUrl, b.source], { allowFail: true });
    expect(off.status).not.toBe(0);
    expect(off.stderr).toContain('Connection refused');
    w.setNetwork(b, 'auth');
    expect(w.run(b, 'git', ['ls-remote', w.remoteUrl], { allowFail: true }).stderr).toContain('Permission denied (publickey)');
    w.setNetwork(b, 'online');
    w.run(b, 'jj', ['git', 'clone', '--colocate', w.remoteUrl, b.source]);
    expect(w.readSource(b, 'dot_bashrc')).toBe(w.readSource(a, 'dot_bashrc'));
  });
});
