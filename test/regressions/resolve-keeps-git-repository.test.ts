// Regression: `resolve` without --backend on a repository synced with git (`--backend git`, jj
// installed) colocated jj into it and then failed `Commit … is immutable`. Commands other than
// sync never convert a repository: resolve works on it with git, and no `.jj` appears.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, ensureBuilt, jsonOf } from '../cli/support/cli.js';
import { useWorld, type Host, type World } from '../support/world.js';

beforeAll(() => ensureBuilt());

const editBashrc = (w: World, h: Host, editor: string): void =>
  w.writeHome(h, '.bashrc', (w.readHome(h, '.bashrc') ?? '').replace(/export EDITOR=\S+/, `export EDITOR=${editor}`));

describe('resolve on a repository synced with git, without --backend', () => {
  it('resolves with git and leaves the repository a plain git clone', { timeout: 180_000 }, async () => {
    const w = await useWorld();
    const [a, b] = [w.host('alpha'), w.host('beta')];
    for (const h of [a, b]) {
      w.cloneWithGit(h);
      w.chezmoiApply(h);
      expect(cli(['sync', '-q', '--backend', 'git'], { env: h.env }).code).toBe(0);
    }
    editBashrc(w, a, 'nvim');
    editBashrc(w, b, 'emacs');
    expect(cli(['sync', '-q', '--backend', 'git'], { env: a.env }).code).toBe(0);
    expect(jsonOf(cli(['sync', '--json', '-q', '--backend', 'git'], { env: b.env }))).toMatchObject({ status: 'conflicts-preserved' });

    const start = cli(['resolve', '-q'], { env: b.env });
    expect(start.stderr).toBe('');
    expect(start.code).toBe(0);
    expect(existsSync(join(b.source, '.jj'))).toBe(false);
    const marked = w.readSource(b, 'dot_bashrc') ?? '';
    expect(marked).toContain('EDITOR=nvim');
    expect(marked).toContain('EDITOR=emacs');
    w.writeSource(b, 'dot_bashrc', marked.replace(/<<<<<<<[^]*>>>>>>>[^\n]*\n/, 'export EDITOR=emacs\n'));
    const done = cli(['resolve', '--continue', '-q'], { env: b.env });
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    expect(existsSync(join(b.source, '.jj'))).toBe(false);
    expect(w.readRemote('dot_bashrc')).toContain('export EDITOR=emacs\n');
    expect(w.readHome(b, '.bashrc')).toContain('export EDITOR=emacs\n');
    expect(w.remoteBranches()).toEqual(['main']);
  });
});
