// Regression: with `.chezmoiroot`, chezmoi's source dir is a subdirectory of the repository. On a
// plain git clone (before jj was ever set up, or a host on --backend git) `status`, `conflicts` and
// `doctor` with the default backend said `…/chezmoi/home is not a repository`: jj was asked about
// the subdirectory. Every command must find the repository root upwards, as sync does.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, ensureBuilt, jsonOf } from '../cli/support/cli.js';
import { useWorld } from '../support/world.js';

beforeAll(() => ensureBuilt());

const FILES = { '.chezmoiroot': 'home\n', 'README.md': '# my dotfiles\n', 'home/dot_bashrc': '# bashrc\nexport EDITOR=vi\n' };

describe.each([
  ['a plain git clone, default backend', [] as string[], false],
  ['a plain git clone, --backend git', ['--backend', 'git'], false],
  ['after a jj sync, default backend', [] as string[], true],
])('.chezmoiroot: status, conflicts and doctor on %s', (_name, backendArgs, jjSync) => {
  it('find the repository above the source dir', { timeout: 120_000 }, async () => {
    const w = await useWorld({ hosts: ['alpha'], files: FILES });
    const a = w.host('alpha');
    w.cloneWithGit(a);
    w.chezmoiApply(a);
    if (jjSync) expect(cli(['sync', '-q'], { env: a.env }).code).toBe(0);
    w.writeHome(a, '.bashrc', '# bashrc\nexport EDITOR=hx\n');
    const status = cli(['status', '--json', ...backendArgs], { env: a.env });
    expect(status.stderr).not.toMatch(/not a repository/);
    expect(jsonOf(status)).toMatchObject({ ok: true });
    expect(status.code).toBe(0);
    const conflicts = cli(['conflicts', '--json', ...backendArgs], { env: a.env });
    expect(conflicts.stderr).not.toMatch(/not a repository/);
    expect(jsonOf(conflicts)).toMatchObject({ ok: true });
    const doctor = cli(['doctor', '--json', ...backendArgs], { env: a.env });
    expect(JSON.stringify(jsonOf(doctor))).not.toMatch(/not a repository/);
    // Reading converts nothing: a plain git clone stays one.
    expect(existsSync(join(a.source, '.jj'))).toBe(jjSync);
    expect(w.readHome(a, '.bashrc')).toBe('# bashrc\nexport EDITOR=hx\n');
  });
});
