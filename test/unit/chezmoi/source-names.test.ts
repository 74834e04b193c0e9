import { describe, expect, it } from 'vitest';
import { parseSourceDirName, parseSourceFileName, reAddSkipReason, SKIP_REASONS } from '../../../src/backends/chezmoi/source-names.js';

describe('parseSourceFileName', () => {
  it.each([
    ['dot_bashrc', '.bashrc', 'file', false, false],
    ['private_executable_dot_script', '.script', 'file', false, false],
    ['dot_profile.tmpl', '.profile', 'file', true, false],
    ['encrypted_private_dot_netrc.age', '.netrc', 'file', false, true],
    ['encrypted_dot_env.tmpl.asc', '.env', 'file', true, true],
    ['create_dot_local', '.local', 'create', false, false],
    ['modify_dot_settings.json', '.settings.json', 'modify', false, false],
    ['remove_dot_old', '.old', 'remove', false, false],
    ['run_onchange_before_install.sh', 'install.sh', 'script', false, false],
    ['run_once_setup.sh.tmpl', 'setup.sh', 'script', true, false],
    ['symlink_dot_vimrc', '.vimrc', 'symlink', false, false],
    ['literal_dot_kept.tmpl', 'dot_kept', 'file', true, false], // checked with chezmoi 2.73
    ['dot_notes.tmpl.literal', '.notes.tmpl', 'file', false, false],
    ['README.md', 'README.md', 'file', false, false],
    ['dot_private_x', '.private_x', 'file', false, false],
  ])('%s → %s', (name, target, kind, template, encrypted) => {
    expect(parseSourceFileName(name)).toMatchObject({ target, kind, template, encrypted });
  });

  it('ignores dot names: .chezmoiignore, .keep, .git', () => {
    expect(parseSourceFileName('.chezmoiignore')).toBeUndefined();
    expect(parseSourceFileName('.keep')).toBeUndefined();
    expect(parseSourceDirName('.git')).toBeUndefined();
  });

  it('reads directory attributes', () => {
    expect(parseSourceDirName('exact_private_dot_ssh')).toEqual({ target: '.ssh', exact: true, remove: false, external: false });
    expect(parseSourceDirName('dot_config')).toMatchObject({ target: '.config' });
  });
});

describe('reAddSkipReason', () => {
  it('lets plain and encrypted files through and names the reason for the rest', () => {
    expect(reAddSkipReason('dot_bashrc')).toBeUndefined();
    expect(reAddSkipReason('encrypted_dot_token.age')).toBeUndefined();
    expect(reAddSkipReason('dot_profile.tmpl')).toBe(SKIP_REASONS.template);
    expect(reAddSkipReason('encrypted_dot_env.tmpl.age')).toBe(SKIP_REASONS.template);
    expect(reAddSkipReason('symlink_dot_vimrc')).toBe(SKIP_REASONS.symlink);
    expect(reAddSkipReason('modify_dot_x')).toBe(SKIP_REASONS.script);
    expect(reAddSkipReason('.keep')).toBe(SKIP_REASONS.notFile);
  });
});
