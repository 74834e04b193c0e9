import { describe, expect, it } from 'vitest';
import * as cmd from '../../../src/backends/jj/commands.js';
import * as rev from '../../../src/backends/jj/revsets.js';
import { jjArgs, jjProcess } from '../../../src/backends/jj/runner.js';
import { FORCED_CONFIG, type JjSettings } from '../../../src/backends/jj/settings.js';
import { execaRunner } from '../../../src/backends/process/runner.js';

const tools: JjSettings = { jj: '/opt/jj', git: 'git', gitExplicit: false, env: {}, runner: execaRunner };

describe('jj commands as data', () => {
  it('puts user values after = or --, never as options of their own', () => {
    expect(cmd.commit('-m --evil').args).toEqual(['commit', '--message=-m --evil']);
    expect(cmd.gitClone('/r.git', '/dest', '/').args).toEqual(['git', 'clone', '--colocate', '--', '/r.git', '/dest']);
    expect(cmd.bookmarkSet('sync/a', 'commit_id(ab12)').args).toEqual(['bookmark', 'set', '--revision=commit_id(ab12)', '--allow-backwards', '--', 'sync/a']);
    expect(cmd.bookmarkDelete('sync/a').args).toEqual(['bookmark', 'delete', '--', 'exact:sync/a']);
    expect(cmd.gitPush('origin', 'main').args).toEqual(['git', 'push', '--remote=exact:origin', '--bookmark=exact:main', '--allow-empty-description']);
    expect(cmd.gitFetch('origin')).toEqual({ args: ['--ignore-working-copy', 'git', 'fetch', '--remote=exact:origin'], network: true });
  });

  it('builds revsets with quoted names and commit_id()', () => {
    expect(rev.remoteBookmark('main', 'origin')).toBe('remote_bookmarks(exact:"main", exact:"origin")');
    expect(rev.commitRev('ab12cd')).toBe('commit_id(ab12cd)');
    expect(rev.validateCommitId('HEAD~1').isErr()).toBe(true);
    expect(rev.validateCommitId('0123abcd')._unsafeUnwrap()).toBe('0123abcd');
    expect(rev.validateOperationId('@-').isErr()).toBe(true);
  });

  it('adds -R, no pager, no colour and the forced config to every jj run', () => {
    const args = jjArgs(tools, cmd.logCommits('@'), '/home/u/src');
    expect(args.slice(0, 3)).toEqual(['--repository=/home/u/src', '--no-pager', '--color=never']);
    for (const [k, v] of FORCED_CONFIG) expect(args).toContain(`--config=${k}=${v}`);
    expect(args).toContain('--config=snapshot.max-new-file-size="1TiB"');
    expect(args).toContain('--config=ui.editor="false"');
    expect(args.some((a) => a.startsWith('--config=git.executable-path'))).toBe(false);
  });

  it('passes an explicit git to jj and runs path commands in their directory without -R', () => {
    const withGit = { ...tools, git: '/nix/store/x-git/bin/git', gitExplicit: true };
    expect(jjArgs(withGit, cmd.logCommits('@'), '/r')).toContain('--config=git.executable-path="/nix/store/x-git/bin/git"');
    const init = jjProcess(tools, cmd.gitInitColocate('/home/u/src'), undefined);
    expect(init.cwd).toBe('/home/u/src');
    expect(init.args.some((a) => a.startsWith('--repository'))).toBe(false);
    expect(jjProcess(tools, cmd.root('/a/b'), undefined)).toMatchObject({ cwd: '/a/b', tool: 'jj' });
  });

  it('asks for the chosen conflict-marker style on every run, and for none when unset', () => {
    expect(jjArgs({ ...tools, markerStyle: 'git' }, cmd.logCommits('@'), '/r')).toContain('--config=ui.conflict-marker-style="git"');
    expect(jjArgs(tools, cmd.logCommits('@'), '/r').some((a) => a.includes('conflict-marker-style'))).toBe(false);
  });

  it('runs in the root, with a longer timeout for network commands, and no prompts', () => {
    const local = jjProcess(tools, cmd.diffWorkingCopy(), '/r');
    const net = jjProcess(tools, cmd.gitFetch('origin'), '/r');
    expect(local.cwd).toBe('/r');
    expect(net.timeoutMs).toBeGreaterThan(local.timeoutMs ?? 0);
    expect(local.env).toMatchObject({ GIT_TERMINAL_PROMPT: '0' });
    expect(jjProcess({ ...tools, timeoutMs: 500 }, cmd.gitFetch('origin'), '/r').timeoutMs).toBe(500);
    expect(jjProcess(tools, cmd.version(), undefined).args).toEqual(['--version']);
  });

  it('limits the git jj runs to transports that cannot run commands, whatever the environment says; a setting widens it', () => {
    expect(jjProcess({ ...tools, env: { GIT_ALLOW_PROTOCOL: 'ext' } }, cmd.gitFetch('origin'), '/r').env).toMatchObject({ GIT_ALLOW_PROTOCOL: 'file:git:ssh:http:https' });
    expect(jjProcess({ ...tools, allowProtocols: 'ssh:ext' }, cmd.gitFetch('origin'), '/r').env).toMatchObject({ GIT_ALLOW_PROTOCOL: 'ssh:ext' });
  });
});
