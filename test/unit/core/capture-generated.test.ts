import { describe, expect, it } from 'vitest';
import { generatedKind } from '../../../src/core/sync/capture-generated.js';

describe('generatedKind', () => {
  it.each([
    ['/s/dot_gitconfig.tmpl', 'template'],
    ['/s/private_dot_config/private_executable_run.sh.tmpl', 'template'],
    ['/s/literal_run_me.tmpl', 'template'],
    ['/s/encrypted_dot_token.age', 'encrypted'],
    ['/s/private_dot_ssh/encrypted_private_id_ed25519.age', 'encrypted'],
    ['/s/encrypted_dot_netrc.tmpl.age', 'other'],
    ['/s/modify_dot_settings', 'other'],
    ['/s/modify_dot_settings.tmpl', 'other'],
    ['/s/create_dot_local.tmpl', 'other'],
    ['/s/symlink_dot_vim.tmpl', 'other'],
    ['/s/dot_bashrc', 'other'],
  ])('%s is %s', (path, kind) => {
    expect(generatedKind(path)).toBe(kind);
  });
});
