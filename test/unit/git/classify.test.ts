// classify: a failed git process → our error kind, from exit code and real (captured) stderr.
import { describe, expect, it } from 'vitest';
import { classifyGitFailure, firstProblemLine, type GitFailure } from '../../../src/backends/git/classify.js';
import { fixture } from './fixtures.js';

const fail = (stderr: string, over: Partial<GitFailure> = {}): GitFailure => ({
  argv: ['git', 'fetch', '--prune', '--quiet', '--', 'origin'],
  subcommand: 'fetch',
  exitCode: 128,
  stdout: '',
  stderr,
  cwd: '/home/user/src',
  remote: 'origin',
  ...over,
});

describe('classifyGitFailure', () => {
  it('reads network failures, even though ssh adds "Could not read from remote repository"', () => {
    for (const f of ['stderr-ssh-refused.txt', 'stderr-ssh-unresolved.txt', 'handwritten-stderr-https-resolve.txt']) {
      expect(classifyGitFailure(fail(fixture(f)))).toMatchObject({ kind: 'network', exitCode: 128 });
    }
    expect(classifyGitFailure(fail('', { exitCode: -1, stoppedBy: 'timeout', timeoutMs: 5000 }))).toMatchObject({
      kind: 'network',
      message: 'git fetch produced no output for 5000 ms and was stopped',
    });
  });

  it('reads refused credentials as auth, before the network cue of "unable to access"', () => {
    for (const f of ['handwritten-stderr-ssh-publickey.txt', 'handwritten-stderr-https-username.txt', 'handwritten-stderr-https-403.txt']) {
      expect(classifyGitFailure(fail(fixture(f)))).toMatchObject({ kind: 'auth' });
    }
  });

  it('reads a missing remote repository as not-a-repo naming the remote, and a local one naming the directory', () => {
    for (const f of ['stderr-remote-missing.txt', 'stderr-remote-unknown.txt', 'handwritten-stderr-https-not-found.txt']) {
      expect(classifyGitFailure(fail(fixture(f)))).toMatchObject({ kind: 'not-a-repo', path: 'origin' });
    }
    for (const f of ['stderr-not-a-repo.txt', 'stderr-bare.txt']) {
      expect(classifyGitFailure(fail(fixture(f), { subcommand: 'rev-parse', remote: undefined as never }))).toMatchObject({
        kind: 'not-a-repo',
        path: '/home/user/src',
      });
    }
  });

  it('reads a rejected push as rejected', () => {
    const stdout = fixture('push-rejected-stale.txt');
    expect(classifyGitFailure(fail(fixture('stderr-push-stale.txt'), { subcommand: 'push', exitCode: 1, stdout }))).toMatchObject({ kind: 'rejected' });
    expect(classifyGitFailure(fail(' ! [rejected]        main -> main (fetch first)\n', { subcommand: 'push', exitCode: 1 }))).toMatchObject({ kind: 'rejected' });
  });

  it('reads a binary that could not be spawned as tool-missing, and argument refusals as invalid-input', () => {
    expect(classifyGitFailure(fail('Error: spawn /nonexistent/git ENOENT\n    at …', { exitCode: -2 }))).toMatchObject({ kind: 'tool-missing', tool: 'git' });
    expect(classifyGitFailure(fail('Use of --upload-pack or --receive-pack is not permitted', { exitCode: -1, stoppedBy: 'unsafe' }))).toMatchObject({
      kind: 'invalid-input',
      field: 'argv',
    });
    expect(classifyGitFailure(fail('Invalid value supplied for custom binary', { exitCode: -1, stoppedBy: 'binary', argv: ['/a b/git'] }))).toMatchObject({
      kind: 'invalid-input',
      field: 'binary',
      value: '/a b/git',
    });
  });

  it('names repository states a person must settle, and falls back to command-failed with the details', () => {
    expect(classifyGitFailure(fail("fatal: detected dubious ownership in repository at '/srv/x'\n"))).toMatchObject({ kind: 'unsafe-state', state: 'dubious-ownership' });
    expect(classifyGitFailure(fail("fatal: Unable to create '/r/.git/index.lock': File exists.\n"))).toMatchObject({ kind: 'unsafe-state', state: 'index-locked' });
    const e = classifyGitFailure(fail(fixture('stderr-rebase-conflict.txt'), { subcommand: 'rebase', exitCode: 2, argv: ['git', 'rebase', 'x'] }));
    expect(e).toMatchObject({ kind: 'command-failed', exitCode: 2, command: ['git', 'rebase', 'x'] });
    expect(e.message).toBe('git rebase failed (exit 2): error: could not apply 9ca036b... beta: emacs');
    expect(e.stderr).toContain('git rebase --abort');
  });

  it('redacts credentials in the argv and stderr it reports', () => {
    const e = classifyGitFailure(
      fail("fatal: unable to access 'https://me:s3cret@example.com/x.git/': Could not resolve host: example.com\n", {
        argv: ['git', 'clone', '-q', '--', 'https://me:s3cret@example.com/x.git', '/d'],
      }),
    );
    expect(JSON.stringify(e)).not.toContain('s3cret');
    expect(e.kind).toBe('network');
  });
});

describe('firstProblemLine', () => {
  it('prefers fatal:/error:/ssh: lines', () => {
    expect(firstProblemLine('Rebasing (1/1)\nhint: x\nerror: could not apply\n')).toBe('error: could not apply');
    expect(firstProblemLine('\n  something odd  \n')).toBe('something odd');
    expect(firstProblemLine('')).toBe('');
  });
});
