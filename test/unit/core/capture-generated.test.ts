import { describe, expect, it } from 'vitest';
import { memoryChezmoi } from '../../../src/backends/memory/chezmoi-fake.js';
import { MemoryFs } from '../../../src/backends/memory/fs.js';
import { memoryEngineFs } from '../../../src/backends/memory/memory-engine-fs.js';
import { okAsync } from 'neverthrow';
import type { Chezmoi } from '../../../src/core/chezmoi.js';
import { generatedKind, planGenerated, writePatches } from '../../../src/core/sync/capture-generated.js';
import { sha256, type EngineFs } from '../../../src/core/sync/fs.js';
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
    ['/s/symlink_dot_vim', 'symlink'],
    ['/s/private_dot_config/symlink_current', 'symlink'],
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

describe('planGenerated, a symlink_ entry', () => {
  const link = { target: '/home/.config/current', source: '/src/dot_config/symlink_current', type: 'symlink' as const };
  /** chezmoi last made the link point to `written`; the source says `source`; HOME's link points to `home`. */
  const deps = (o: { written: string; source: string; home: string | undefined; readLink?: boolean }) => ({
    chezmoi: { lastWritten: () => okAsync(new Map([[link.target, sha256(o.written)]])), cat: () => okAsync(`${o.source}\n`) } as unknown as Chezmoi,
    fs: {
      readText: () => okAsync(`${o.source}\n`),
      ...(o.readLink === false ? {} : { readLink: () => okAsync(o.home) }),
    } as unknown as EngineFs,
    map: mapTemplateEdit,
  });

  it('rewrites the source to where the HOME link points when the source did not move', async () => {
    const plan = (await planGenerated(deps({ written: 'themes/light', source: 'themes/light', home: 'themes/dark' }), [link]))._unsafeUnwrap();
    expect(plan.patches).toEqual([{ target: link.target, source: link.source, original: 'themes/light\n', patched: 'themes/dark\n', home: 'themes/dark\n' }]);
  });

  it('keeps both when the source moved too, when HOME holds no link, and for a target chezmoi cannot hold', async () => {
    const reasons = async (o: Parameters<typeof deps>[0]): Promise<string | undefined> => (await planGenerated(deps(o), [link]))._unsafeUnwrap().kept[0]?.reason;
    expect(await reasons({ written: 'themes/light', source: 'themes/other', home: 'themes/dark' })).toMatch(/source changed too/);
    expect(await reasons({ written: 'themes/light', source: 'themes/light', home: undefined })).toMatch(/no longer a symlink/);
    expect(await reasons({ written: 'themes/light', source: 'themes/light', home: 'themes/dark\nx' })).toMatch(/line break/);
    expect(await reasons({ written: 'themes/light', source: 'themes/light', home: ' themes/dark' })).toMatch(/spaces/);
    expect(await reasons({ written: 'themes/light', source: 'themes/light', home: 'themes/dark', readLink: false })).toMatch(/not captured here/);
  });
});
