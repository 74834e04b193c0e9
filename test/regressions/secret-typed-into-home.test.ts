// Regression (found by test/hostile/secrets): a token pasted into a managed HOME file was copied
// into the source dir by re-add before the secret guard looked at it. The run was refused, but the
// copy stayed in the source dir, so after the person removed the token from HOME every later sync
// was still refused (and their next HOME edit never synced) until they also found and fixed the
// source dir's copy. The guard must look at what re-add would copy before copying it.
import { describe, expect, it } from 'vitest';
import { okReport, setUpHost, syncHost, type RealBackend } from '../support/engine.js';
import { useWorld } from '../support/world.js';

const TOKEN = `ghp_${'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8'}`;

describe.each<RealBackend>(['jj', 'git'])('a secret typed into a HOME file (%s)', (backend) => {
  it('is refused without reaching the source dir; removing it from HOME is enough', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    setUpHost(w, a);
    okReport(await syncHost(w, a, backend));
    const clean = w.readHome(a, '.bashrc') ?? '';
    w.writeHome(a, '.bashrc', `${clean}export GITHUB_TOKEN=${TOKEN}\n`);

    const r1 = await syncHost(w, a, backend);
    const e = r1.result._unsafeUnwrapErr();
    expect(e).toMatchObject({ kind: 'secrets-found', files: [{ path: 'dot_bashrc' }] });
    // The message names the HOME file, where the person must look (it said "remove them from the source dir").
    expect(e.message).toContain(`${a.home}/.bashrc (GitHub token)`);
    expect(e.hint).toMatch(/out of those files in HOME/);
    expect(w.readSource(a, 'dot_bashrc')).not.toContain(TOKEN);
    expect(w.readHome(a, '.bashrc')).toContain(TOKEN);

    w.writeHome(a, '.bashrc', `${clean}export GITHUB_TOKEN_FILE=~/.config/gh/token\n`);
    expect(okReport(await syncHost(w, a, backend)).status).toBe('success');
    expect(w.readRemote('dot_bashrc')).toContain('GITHUB_TOKEN_FILE');
    expect(w.run(a, 'git', ['--git-dir', w.remote, 'log', '--all', '-p']).stdout).not.toContain(TOKEN);
  });
});
