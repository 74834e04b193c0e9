import { describe, expect, it } from 'vitest';
import { classify, errorLine } from '../../../src/backends/jj/classify.js';
import { isUntrackedRemote } from '../../../src/backends/jj/push.js';
import { fixture } from './fixtures.js';

const argv = ['jj', '--repository=/home/user/src', '--no-pager', 'git', 'fetch', '--remote=exact:origin'];
const fail = (stderr: string, exitCode = 1) => ({ exitCode, stdout: '', stderr });

describe('classify (exit code + stderr → error kind)', () => {
  it.each([
    ['stderr-fetch-refused.txt', 'network'],
    ['stderr-clone-refused.txt', 'network'],
    ['stderr-clone-unresolved.txt', 'network'],
    ['handwritten-stderr-auth-publickey.txt', 'auth'],
    ['stderr-no-repo.txt', 'not-a-repo'],
    ['stderr-no-repo-git.txt', 'not-a-repo'],
    ['stderr-clone-missing.txt', 'not-a-repo'],
    ['stderr-fetch-no-remote.txt', 'not-a-repo'],
    ['stderr-push-stale-info.txt', 'rejected'],
    ['stderr-push-conflicted.txt', 'unsafe-state'],
    ['stderr-push-no-identity.txt', 'unsafe-state'],
    ['handwritten-stderr-stale-working-copy.txt', 'unsafe-state'],
  ])('%s → %s', (file, kind) => {
    expect(classify(argv, fail(fixture(file))).kind).toBe(kind);
  });

  it('keeps argv, exit code, a stderr excerpt and a hint', () => {
    const e = classify(argv, fail(fixture('stderr-fetch-refused.txt')));
    expect(e).toMatchObject({
      kind: 'network',
      command: argv,
      exitCode: 1,
      message: 'jj git fetch failed: Git process failed: External git program failed:',
    });
    expect(e.stderr).toContain('Connection refused');
    expect(e.hint).toMatch(/retries/);
  });

  it('names the path for not-a-repo and the ref for rejected', () => {
    expect(classify(argv, fail(fixture('stderr-no-repo.txt')), { path: '/home/user/src' })).toMatchObject({ kind: 'not-a-repo', path: '/home/user/src' });
    expect(classify(argv, fail(fixture('stderr-clone-missing.txt')), { path: '/x', remote: '/nowhere.git' })).toMatchObject({ path: '/nowhere.git' });
    expect(classify(argv, fail(fixture('stderr-push-stale-info.txt')), { ref: 'main' })).toMatchObject({ kind: 'rejected', ref: 'main' });
  });

  it('marks a stale working copy with its state and the command that fixes it', () => {
    const e = classify(argv, fail(fixture('handwritten-stderr-stale-working-copy.txt')));
    expect(e).toMatchObject({ kind: 'unsafe-state', state: 'stale-working-copy' });
    expect(e.hint).toContain('jj workspace update-stale');
  });

  it('names the states that need a person: no identity, conflicted commits', () => {
    expect(classify(argv, fail(fixture('stderr-push-no-identity.txt')))).toMatchObject({ state: 'missing-identity' });
    expect(classify(argv, fail(fixture('stderr-push-conflicted.txt')))).toMatchObject({ state: 'conflicted-commits' });
  });

  it('names a lock file in the git dir (gix, or the git jj runs) and how to clear it', () => {
    const gix = [
      'Internal error: Unexpected error from backend',
      'Caused by:',
      '1: Could not lock packed refs',
      '2: The lock for resource "/r/.git/packed-refs" could not be obtained after 1.00s after 16 attempt(s). The lockfile at "/r/.git/packed-refs.lock" might need manual deletion.',
      '3: File exists (os error 17) at path "/r/.git/packed-refs.lock"',
      '',
    ].join('\n');
    const e = classify(['jj', 'rebase', '--branch=@'], fail(gix));
    expect(e).toMatchObject({ kind: 'unsafe-state', state: 'git-locked', message: 'jj rebase: another process holds /r/.git/packed-refs.lock' });
    expect(e.hint).toContain('remove /r/.git/packed-refs.lock');
    const git = "Error: Git process failed: External git program failed:\nfatal: Unable to create '/r/.git/index.lock': File exists.\n";
    expect(classify(['jj', 'git', 'fetch'], fail(git))).toMatchObject({ state: 'git-locked', message: 'jj git fetch: another process holds /r/.git/index.lock' });
  });

  it('recognises an old git and an old jj', () => {
    expect(classify(argv, fail('Error: Git does not recognize required option: porcelain\n'))).toMatchObject({ kind: 'tool-too-old', tool: 'git' });
    expect(classify(argv, fail("error: unexpected argument '--skip-emptied' found\n", 2))).toMatchObject({ kind: 'tool-too-old', tool: 'jj' });
  });

  it('falls back to command-failed, for garbage and internal errors too', () => {
    const e = classify(argv, fail('\u0000\u00ff#%!garbage', 255));
    expect(e).toMatchObject({ kind: 'command-failed', exitCode: 255 });
    expect(classify(argv, fail('')).message).toBe('jj git fetch failed: no error output');
  });

  it('redacts credentials in argv and stderr', () => {
    const e = classify(['jj', 'git', 'clone', '--colocate', '--', 'https://me:hunter2@example.com/d.git', '/d'], fail("fatal: unable to access 'https://me:hunter2@example.com/d.git/'\n"));
    expect(JSON.stringify(e)).not.toContain('hunter2');
    expect(e.kind).toBe('network');
  });

  it('takes jj\'s Error: line, else the last line', () => {
    expect(errorLine('Warning: x\nError: Failed to push some bookmarks\nHint: y\n')).toBe('Failed to push some bookmarks');
    expect(errorLine('something\nlast words\n')).toBe('last words');
  });

  it('reads a push refused for an untracked remote bookmark (jj colocated by hand) as that, for that bookmark only', () => {
    const e = classify(argv, fail(fixture('stderr-push-untracked.txt')));
    expect(e.kind).toBe('command-failed');
    expect(isUntrackedRemote(e, 'main', 'origin')).toBe(true);
    expect(isUntrackedRemote(e, 'sync/alpha', 'origin')).toBe(false);
    expect(isUntrackedRemote(classify(argv, fail(fixture('stderr-push-stale-info.txt'))), 'main', 'origin')).toBe(false);
  });

  it('reads a push the server lost a race on as rejected, and one a hook declined as a refusal naming the reason', () => {
    expect(classify(argv, fail(fixture('stderr-push-remote-race.txt')), { ref: 'main' })).toMatchObject({ kind: 'rejected', ref: 'main' });
    const refused = classify(argv, fail(fixture('stderr-push-remote-hook.txt')), { ref: 'main' });
    expect(refused).toMatchObject({ kind: 'command-failed' });
    expect(refused.message).toContain('the remote declined the update (pre-receive hook declined)');
  });
});
