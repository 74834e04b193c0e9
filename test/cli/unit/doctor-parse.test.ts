import { describe, expect, it } from 'vitest';
import { classifyLsRemote, parseChezmoiGitSettings, parseGitmodulesPaths } from '../../../src/cli/doctor/parse.js';

describe('doctor parsers', () => {
  it("reads chezmoi's git automation settings and add.secrets from dump-config JSON", () => {
    // Shape as printed by chezmoi 2.73 `dump-config --format=json` (keys lower case).
    const out = JSON.stringify({ sourceDir: '/s', git: { command: 'git', autoadd: false, autocommit: true, autopush: false, lfs: false } });
    expect(parseChezmoiGitSettings(out)._unsafeUnwrap()).toEqual({ autoAdd: false, autoCommit: true, autoPush: false });
    const withAdd = JSON.stringify({ git: { autocommit: false }, add: { encrypt: false, secrets: 'ignore', templateSymlinks: false } });
    expect(parseChezmoiGitSettings(withAdd)._unsafeUnwrap()).toEqual({ autoAdd: false, autoCommit: false, autoPush: false, addSecrets: 'ignore' });
    expect(parseChezmoiGitSettings('not json')._unsafeUnwrapErr()).toBe('chezmoi dump-config did not print JSON');
    expect(parseChezmoiGitSettings('{}')._unsafeUnwrapErr()).toBe('chezmoi dump-config has no git section');
  });

  it('classifies git ls-remote failures', () => {
    const run = (exitCode: number, stderr: string) => classifyLsRemote({ exitCode, stdout: '', stderr });
    expect(run(0, '')).toBe('ok');
    expect(run(128, 'git@host: Permission denied (publickey).\nfatal: Could not read from remote repository.')).toBe('auth');
    expect(run(128, 'ssh: connect to host h port 22: Connection refused\nfatal: Could not read from remote repository.')).toBe('network');
    expect(run(128, "fatal: '/x' does not appear to be a git repository")).toBe('not-found');
    expect(run(1, 'something else')).toBe('other');
  });
});

describe('parseGitmodulesPaths', () => {
  it('reads every path, quoted or not, and leaves out one that is absolute or climbs out', () => {
    const text = [
      '[submodule "zsh-z"]',
      '\tpath = dot_zsh/plugins/zsh-z',
      '\turl = https://github.com/agkozak/zsh-z',
      '[submodule "odd"]',
      '  path="dot_vim/pack/my plugin"',
      '[submodule "out"]',
      '\tpath = ../../etc',
      '\tpath = /etc',
      '\tpath = a/../../b',
      '\tpathological = x',
    ].join('\n');
    expect(parseGitmodulesPaths(text)).toEqual(['dot_zsh/plugins/zsh-z', 'dot_vim/pack/my plugin']);
    expect(parseGitmodulesPaths('')).toEqual([]);
  });
});
