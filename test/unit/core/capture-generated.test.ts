import { describe, expect, it } from 'vitest';
import { memoryChezmoi } from '../../../src/backends/memory/chezmoi-fake.js';
import { MemoryFs } from '../../../src/backends/memory/fs.js';
import { memoryEngineFs } from '../../../src/backends/memory/memory-engine-fs.js';
import { generatedKind, writePatches } from '../../../src/core/sync/capture-generated.js';
import { mapTemplateEdit } from '../../../src/core/sync/template-mapper.js';

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

describe('writePatches', () => {
  const setup = () => {
    const fs = new MemoryFs();
    fs.write('/src/dot_a.tmpl', 'a={{ .v }}\n');
    const chezmoi = memoryChezmoi({ fs, source: '/src', destination: '/home', data: { v: '1' } });
    return { fs, deps: { chezmoi, fs: memoryEngineFs(fs), map: mapTemplateEdit } };
  };

  it('keeps a patch that renders HOME in place, and chezmoi then sees no HOME edit', async () => {
    const { fs, deps } = setup();
    (await deps.chezmoi.apply({ targets: ['/home/.a'] }))._unsafeUnwrap();
    fs.write('/home/.a', 'a=1\nb\n');
    const r = (await writePatches(deps, [{ target: '/home/.a', source: '/src/dot_a.tmpl', original: 'a={{ .v }}\n', patched: 'a={{ .v }}\nb\n', home: 'a=1\nb\n' }]))._unsafeUnwrap();
    expect(r).toEqual({ patched: ['/home/.a'], kept: [] });
    expect(fs.read('/src/dot_a.tmpl')).toBe('a={{ .v }}\nb\n');
    expect((await deps.chezmoi.status())._unsafeUnwrap()).toEqual([]);
  });

  it('puts the template back when the patch renders otherwise or fails in place', async () => {
    const { fs, deps } = setup();
    const patch = (patched: string) => ({ target: '/home/.a', source: '/src/dot_a.tmpl', original: 'a={{ .v }}\n', patched, home: 'a=1\nb\n' });
    const r = (await writePatches(deps, [patch('a={{ .v }}\nc\n')]))._unsafeUnwrap();
    expect(r.patched).toEqual([]);
    expect(r.kept[0]?.reason).toContain('renders differently');
    const broken = (await writePatches(deps, [patch('a={{ .nope }}\nb\n')]))._unsafeUnwrap();
    expect(broken.kept[0]?.reason).toContain('fails to render');
    expect(fs.read('/src/dot_a.tmpl')).toBe('a={{ .v }}\n');
  });
});
