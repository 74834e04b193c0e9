import { describe, expect, it } from 'vitest';
import { classify } from '../../../src/backends/jj/classify.js';
import { classifyGitFailure } from '../../../src/backends/git/classify.js';
import { checkRepositoryRemote, transportRefused, validateAllowedProtocols } from '../../../src/core/remote/remote-url.js';

describe('a remote URL read from the repository', () => {
  it('is refused like a configured one, naming the remote and the URL', () => {
    const r = checkRepositoryRemote({ name: 'origin', url: 'ext::sh -c touch% /tmp/x' });
    expect(r._unsafeUnwrapErr()).toMatchObject({ kind: 'invalid-input', field: 'remoteUrl', value: 'ext::sh -c touch% /tmp/x' });
    expect(r._unsafeUnwrapErr().message).toContain('remote origin');
    expect(checkRepositoryRemote({ name: 'origin', url: '--upload-pack=x' }).isErr()).toBe(true);
    expect(checkRepositoryRemote({ name: 'origin', url: 'git@github.com:me/dotfiles.git' }).isOk()).toBe(true);
  });

  it('so is each other URL a push may use (a push URL, a second URL), named in the error with how to remove it', () => {
    const r = checkRepositoryRemote({ name: 'origin', url: 'https://example.com/dots.git', otherUrls: ['git@example.com:me/dots.git', 'ext::sh -c id'] });
    expect(r._unsafeUnwrapErr()).toMatchObject({ kind: 'invalid-input', field: 'remoteUrl', value: 'ext::sh -c id' });
    expect(r._unsafeUnwrapErr().message).toContain('remote origin');
    expect(r._unsafeUnwrapErr().hint).toContain('remote.origin.pushurl');
    expect(checkRepositoryRemote({ name: 'origin', url: 'https://example.com/dots.git', otherUrls: ['--receive-pack=x'] }).isErr()).toBe(true);
    expect(checkRepositoryRemote({ name: 'origin', url: 'https://example.com/dots.git', otherUrls: ['git@example.com:me/dots.git'] })._unsafeUnwrap()).toBe('https://example.com/dots.git');
  });

  it('the protocol list is plain transport names', () => {
    expect(validateAllowedProtocols('file:git:ssh:http:https:ext').isOk()).toBe(true);
    for (const bad of ['', 'ssh;touch x', 'ssh::ext', '-ssh', 'ssh ext']) expect(validateAllowedProtocols(bad).isErr(), bad).toBe(true);
  });

  it("git's refusal of a transport is a safety stop, never network — from git and from inside jj", () => {
    const stderr = "Error: Git process failed: External git program failed:\nfatal: transport 'ext' not allowed\n";
    expect(classify(['jj', 'git', 'fetch'], { exitCode: 1, stdout: '', stderr }, {})).toMatchObject({ kind: 'unsafe-state', state: 'transport-not-allowed' });
    expect(
      classifyGitFailure({ argv: ['git', 'fetch'], subcommand: 'fetch', exitCode: 128, stdout: '', stderr: "fatal: transport 'ext' not allowed\nfatal: Could not read from remote repository.", cwd: '/r' }),
    ).toMatchObject({ kind: 'unsafe-state', state: 'transport-not-allowed' });
    expect(transportRefused("transport 'fd' not allowed").message).toContain('"fd"');
  });
});
