// The identity pieces that run nothing: git's ident line, jj's user config, where values came
// from, the message and how both classifiers name a missing identity.
import { describe, expect, it } from 'vitest';
import { classify } from '../../../src/backends/jj/classify.js';
import { classifyGitFailure } from '../../../src/backends/git/classify.js';
import { gitIdentSources, IDENTITY_UNKNOWN, parseGitIdent } from '../../../src/backends/identity/git-ident.js';
import { parseUserConfig } from '../../../src/backends/jj/parse-user-config.js';
import { describeIdentity, missingIdentity } from '../../../src/core/identity.js';
import { fixture as gitFixture } from '../git/fixtures.js';
import { fixture as jjFixture } from '../jj/fixtures.js';

describe('parseGitIdent (git var GIT_AUTHOR_IDENT)', () => {
  it('reads name and email from the captured line', () => {
    expect(parseGitIdent(gitFixture('var-author-ident.txt'))._unsafeUnwrap()).toEqual({ name: 'Ann Git', email: 'ann@git.example' });
  });
  it('keeps spaces and odd characters in the name, and refuses anything else', () => {
    expect(parseGitIdent('Ann  "de" la Mar <a+b@x.example> 1 -0130\n')._unsafeUnwrap()).toEqual({ name: 'Ann  "de" la Mar', email: 'a+b@x.example' });
    expect(parseGitIdent('')._unsafeUnwrapErr().kind).toBe('parse');
    expect(parseGitIdent('Ann <a@b>\n')._unsafeUnwrapErr().kind).toBe('parse');
  });
});

describe('parseUserConfig (jj config list -- user)', () => {
  it('names the layer of each value: jj config or the environment', () => {
    expect(parseUserConfig(jjFixture('config-list-user.txt'))._unsafeUnwrap()).toEqual({
      name: { value: 'Ann JJ', from: 'jj config' },
      email: { value: 'ann@env.example', from: 'environment' },
    });
  });
  it('treats nothing printed, and empty values, as not configured', () => {
    expect(parseUserConfig(jjFixture('config-list-user-none.txt'))._unsafeUnwrap()).toEqual({});
    expect(parseUserConfig('{"name":"user.name","value":"","source":"user","path":null,"is_overridden":false}\n')._unsafeUnwrap()).toEqual({});
    expect(parseUserConfig('not json\n')._unsafeUnwrapErr().kind).toBe('parse');
  });
});

describe('gitIdentSources', () => {
  const id = { name: 'Ann', email: 'ann@x.example' };
  it('says git config unless git took a value from its variables', () => {
    expect(gitIdentSources({}, 'author', id)).toEqual({ nameFrom: 'git config', emailFrom: 'git config' });
    expect(gitIdentSources({ GIT_AUTHOR_NAME: 'Ann' }, 'author', id)).toEqual({ nameFrom: 'environment', emailFrom: 'git config' });
    expect(gitIdentSources({ GIT_COMMITTER_EMAIL: 'c@x' }, 'committer', id)).toEqual({ nameFrom: 'git config', emailFrom: 'environment' });
    // EMAIL is only a last resort: user.email wins over it.
    expect(gitIdentSources({ EMAIL: 'other@x.example' }, 'author', id).emailFrom).toBe('git config');
    expect(gitIdentSources({ EMAIL: 'ann@x.example' }, 'author', id).emailFrom).toBe('environment');
  });
});

describe('missing identity', () => {
  it('is invalid input with a hint that works for both backends', () => {
    expect(missingIdentity('jj', ['name', 'email'])).toMatchObject({
      kind: 'invalid-input',
      field: 'identity',
      message: "no name and email to commit with: name and email are set neither in jj's nor in git's configuration",
      hint: expect.stringContaining('git config --global user.name'),
    });
  });
  it('is what git\'s own refusals become', () => {
    for (const f of ['stderr-var-no-identity.txt', 'stderr-var-no-name.txt', 'stderr-commit-no-identity.txt']) expect(IDENTITY_UNKNOWN.test(gitFixture(f)), f).toBe(true);
    const e = classifyGitFailure({ argv: ['git', 'commit'], subcommand: 'commit', exitCode: 128, stdout: '', stderr: gitFixture('stderr-commit-no-identity.txt'), cwd: '/r' });
    expect(e).toMatchObject({ kind: 'invalid-input', field: 'identity', exitCode: 128, message: expect.stringContaining('email is set neither') });
    const n = classifyGitFailure({ argv: ['git', 'var'], subcommand: 'var', exitCode: 128, stdout: '', stderr: gitFixture('stderr-var-no-name.txt'), cwd: '/r' });
    expect(n.message).toContain('name is set neither');
  });
  it('jj\'s push refusal points at a fix that works (metaedit -r, or the next sync)', () => {
    const e = classify(['jj', 'git', 'push'], { exitCode: 1, stdout: '', stderr: jjFixture('stderr-push-no-identity.txt') });
    expect(e).toMatchObject({ kind: 'unsafe-state', state: 'missing-identity' });
    expect(e.hint).toContain('jj metaedit --update-author -r <commit>');
    expect(e.hint).toContain('git config --global user.name');
  });
});

describe('describeIdentity', () => {
  it('says where the values came from, once when they agree', () => {
    expect(describeIdentity({ name: 'Ann', email: 'a@x', nameFrom: 'git config', emailFrom: 'git config' })).toBe('Ann <a@x> (from git config)');
    expect(describeIdentity({ name: 'Ann', email: 'a@x', nameFrom: 'jj config', emailFrom: 'environment' })).toBe('Ann <a@x> (name from jj config, email from environment)');
  });
});
