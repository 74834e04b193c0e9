import { describe, expect, it } from 'vitest';
import { validateHostName, validateRefName, validateRemoteName, validateRepoUrl } from '../../../src/core/validate.js';

describe('validateRepoUrl', () => {
  it.each(['git@github.com:me/dotfiles.git', 'ssh://git@host:22/me/dotfiles', 'https://example.com/me/d.git', 'file:///srv/d.git', '/srv/dotfiles.git', './rel.git', 'https://[::1]:8080/d.git', 'https://git.example.com/my%20dots.git', 'git@[::1]:d.git', '/srv/my dotfiles.git'])(
    'accepts %s',
    (u) => expect(validateRepoUrl(u).isOk()).toBe(true),
  );
  it.each(['--upload-pack=touch /tmp/pwned', '-oProxyCommand=x', 'ext::sh -c touch% /tmp/pwned', 'fd::17', 'ssh://-oProxyCommand=x/y', 'gopher://x/y', 'a\nb', '', 'https://exa mple.com/x', 'http://[::1/d.git', 'https:///d.git', 'ssh://git@host]/d', 'ssh://user name@host/d', 'me@my host:dotfiles'])(
    'rejects %j',
    (u) => expect(validateRepoUrl(u)._unsafeUnwrapErr().kind).toBe('invalid-input'),
  );
});

describe('validateRefName', () => {
  it.each(['main', 'sync/laptop', 'sync/pi-4.home', 'feature_x'])('accepts %s', (n) => expect(validateRefName(n).isOk()).toBe(true));
  it.each(['-d', '--force', 'a..b', 'a b', 'x~1', 'x^', 'a:b', 'sync/', '/x', 'a//b', 'x.lock', '.hidden', 'a@{1}', '@', 'tab\there', 'bell\u0007', 'a|b', "a'b", 'x()', ''])(
    'rejects %j',
    (n) => expect(validateRefName(n)._unsafeUnwrapErr().kind).toBe('invalid-input'),
  );
});

describe('validateHostName / validateRemoteName', () => {
  it('accepts plain names and rejects the rest', () => {
    expect(validateHostName('laptop-2.home').isOk()).toBe(true);
    for (const h of ['a/b', '..', 'a b', '~x', 'é', '-x', 'a\u0000', '']) expect(validateHostName(h).isErr()).toBe(true);
    expect(validateRemoteName('origin').isOk()).toBe(true);
    for (const r of ['-x', 'a/b', 'a b', '']) expect(validateRemoteName(r).isErr()).toBe(true);
  });
});
