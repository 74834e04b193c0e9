// Commands as data and the policy every git runs under: no process is spawned here.
import { describe, expect, it } from 'vitest';
import * as cmd from '../../../src/backends/git/commands.js';
import { BASE_CONFIG, DEFAULT_NETWORK_TIMEOUT_MS, FIXED_ENV, gitEnv, gitSettings, noSigningEnv } from '../../../src/backends/git/settings.js';
import { gitArgv } from '../../../src/backends/git/runner.js';

describe('git commands as data', () => {
  it('puts user values after -- or into = forms, never as options of their own', () => {
    expect(cmd.commit('--amend').args).toEqual(['commit', '-q', '--no-edit', '--no-verify', '--message=--amend']);
    expect(cmd.fetch('origin')).toEqual({ args: ['fetch', '--prune', '--quiet', '--', 'origin'], network: true, remote: 'origin', remoteRefsOnly: true });
    expect(cmd.branchForce('sync/a', 'abc123').args).toEqual(['branch', '-f', '--', 'sync/a', 'abc123']);
    expect(cmd.branchDelete('sync/a').args).toEqual(['branch', '-D', '--', 'sync/a']);
    expect(cmd.clone('ssh://h/r.git', '/d', 'ssh://h/r.git')).toMatchObject({ args: ['clone', '-q', '--', 'ssh://h/r.git', '/d'], network: true });
    expect(cmd.log(['a..b'], { limit: 3, reverse: true }).args).toEqual(['log', '-z', expect.stringMatching(/^--format=/), '--max-count=3', '--reverse', '--end-of-options', 'a..b', '--']);
    expect(cmd.revParseCommit('refs/remotes/origin/main').args).toEqual(['rev-parse', '--verify', '-q', '--end-of-options', 'refs/remotes/origin/main^{commit}']);
  });

  it('stages everything but the submodules it is told to leave out, each taken literally from the top', () => {
    expect(cmd.addAll().args).toEqual(['add', '-A']);
    expect(cmd.addAll(['dot_zsh/plugins/z', ':(glob)*', '-f']).args).toEqual([
      'add',
      '-A',
      '--',
      ':/',
      ':(top,exclude,literal)dot_zsh/plugins/z',
      ':(top,exclude,literal):(glob)*',
      ':(top,exclude,literal)-f',
    ]);
  });

  it('pushes full refs with a lease on the remote-tracking value, or deletes with an empty source', () => {
    expect(cmd.push('origin', 'main', 'refs/heads/main', 'abc').args).toEqual([
      'push',
      '--porcelain',
      '--force-with-lease=refs/heads/main:abc',
      '--',
      'origin',
      'refs/heads/main:refs/heads/main',
    ]);
    expect(cmd.push('origin', 'sync/a', '', 'def').args.slice(-2)).toEqual(['origin', ':refs/heads/sync/a']);
    expect(cmd.push('origin', 'sync/new', 'refs/heads/sync/new', '').args[2]).toBe('--force-with-lease=refs/heads/sync/new:');
  });

  it('hides a remote behind --not … --not so revisions stay after --end-of-options', () => {
    const args = cmd.log(['abc'], { notOnRemote: 'origin' }).args;
    expect(args.slice(args.indexOf('--not'))).toEqual(['--not', '--remotes=origin', '--not', '--end-of-options', 'abc', '--']);
  });

  it('rebases without autostash, autosquash, ref updates or rerere, accepting the conflict exit', () => {
    expect(cmd.rebase('refs/remotes/origin/main')).toEqual({
      args: ['rebase', '--no-autosquash', 'refs/remotes/origin/main'],
      config: ['rebase.autoStash=false', 'rebase.updateRefs=false', 'rebase.autoSquash=false', 'rerere.enabled=false'],
      okExitCodes: [1],
    });
  });

  it('limits every git process to transports that cannot run commands; a setting widens the list', () => {
    expect(cmd.CLONE_PROTOCOLS.split(':')).not.toContain('ext');
    expect(gitSettings({}, { PATH: '/bin', GIT_ALLOW_PROTOCOL: 'ext' }).env['GIT_ALLOW_PROTOCOL']).toBe('file:git:ssh:http:https');
    expect(gitSettings({ allowProtocols: 'file:ssh:ext' }, {}).env['GIT_ALLOW_PROTOCOL']).toBe('file:ssh:ext');
  });
});

describe('git policy', () => {
  it('drops variables that redirect the repository, open editors, pagers or askpass, and fixes the rest', () => {
    const env = gitEnv(
      { PATH: '/bin', HOME: '/h', GIT_DIR: '/elsewhere', EDITOR: 'vim', editor: 'x', PAGER: 'less', SSH_ASKPASS: '/usr/bin/ksshaskpass', GIT_SSH_COMMAND: 'ssh -i k', LANG: 'de_DE.UTF-8' },
      { GIT_CONFIG_GLOBAL: '/w/gitconfig', HOME: '/host', GIT_TERMINAL_PROMPT: '1', PATH: undefined },
    );
    expect(env).toEqual({ HOME: '/host', GIT_SSH_COMMAND: 'ssh -i k', LANG: 'de_DE.UTF-8', GIT_CONFIG_GLOBAL: '/w/gitconfig', ...FIXED_ENV });
    expect(env['GIT_TERMINAL_PROMPT']).toBe('0');
    expect(env['LC_ALL']).toBe('C');
  });

  it('signs nothing: -c for every git we run, GIT_CONFIG_* variables after any given for the git jj runs', () => {
    expect(BASE_CONFIG).toEqual(expect.arrayContaining(['commit.gpgsign=false', 'push.gpgsign=false', 'log.showSignature=false']));
    const none = { GIT_CONFIG_KEY_0: 'commit.gpgsign', GIT_CONFIG_VALUE_0: 'false', GIT_CONFIG_KEY_1: 'push.gpgsign', GIT_CONFIG_VALUE_1: 'false', GIT_CONFIG_KEY_2: 'log.showSignature', GIT_CONFIG_VALUE_2: 'false' };
    expect(noSigningEnv({})).toEqual({ GIT_CONFIG_COUNT: '3', ...none });
    expect(noSigningEnv({ GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'core.x', GIT_CONFIG_VALUE_0: 'y' })).toEqual({
      GIT_CONFIG_COUNT: '4',
      GIT_CONFIG_KEY_1: 'commit.gpgsign',
      GIT_CONFIG_VALUE_1: 'false',
      GIT_CONFIG_KEY_2: 'push.gpgsign',
      GIT_CONFIG_VALUE_2: 'false',
      GIT_CONFIG_KEY_3: 'log.showSignature',
      GIT_CONFIG_VALUE_3: 'false',
    });
    expect(noSigningEnv({ GIT_CONFIG_COUNT: 'junk' })['GIT_CONFIG_COUNT']).toBe('3');
  });

  it('finds the binary in options, then CHEZMOI_SYNC_GIT, then PATH', () => {
    expect(gitSettings({ binary: '/nix/store/x-git/bin/git' }, { CHEZMOI_SYNC_GIT: '/opt/git' }).binary).toBe('/nix/store/x-git/bin/git');
    expect(gitSettings({ env: { CHEZMOI_SYNC_GIT: '/env/git' } }, { CHEZMOI_SYNC_GIT: '/opt/git' }).binary).toBe('/env/git');
    expect(gitSettings({}, { CHEZMOI_SYNC_GIT: '/opt/git' }).binary).toBe('/opt/git');
    expect(gitSettings({}, {}).binary).toBe('git');
    expect(gitSettings({}, {}).networkTimeoutMs).toBe(DEFAULT_NETWORK_TIMEOUT_MS);
    expect(gitSettings({ timeoutMs: 5000 }, {}).networkTimeoutMs).toBe(5000);
  });

  it('reports the argv with the fixed -c settings in front', () => {
    const policy = gitSettings({ binary: '/usr/bin/git' }, {});
    const argv = gitArgv(policy, cmd.rebase('refs/remotes/origin/main'));
    expect(argv[0]).toBe('/usr/bin/git');
    expect(argv.slice(1, 1 + BASE_CONFIG.length * 2)).toEqual(BASE_CONFIG.flatMap((c) => ['-c', c]));
    expect(argv).toContain('rebase.autoStash=false');
    expect(argv.slice(-3)).toEqual(['rebase', '--no-autosquash', 'refs/remotes/origin/main']);
  });
});
