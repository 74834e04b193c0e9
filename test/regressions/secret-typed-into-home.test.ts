// Regression (found by test/hostile/secrets): a token pasted into a managed HOME file was copied
// into the source dir by re-add before the secret guard looked at it. The run was refused, but the
// copy stayed in the source dir, so after the person removed the token from HOME every later sync
// was still refused (and their next HOME edit never synced) until they also found and fixed the
// source dir's copy. The guard must look at what re-add would copy before copying it.
//
// Second: that refusal stopped the whole run, every run, until the person acted — a machine on a
// timer neither published its other edits nor received anyone else's. Now only the file that
// looks like a secret stays in HOME; everything else syncs, and the run ends `error` naming it.
import { describe, expect, it } from 'vitest';
import { okReport, pushFromElsewhere, setUpHost, syncHost, type RealBackend } from '../support/engine.js';
import { cli } from '../cli/support/cli.js';
import { useWorld } from '../support/world.js';

const TOKEN = `ghp_${'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8'}`;

describe.each<RealBackend>(['jj', 'git'])('a secret typed into a HOME file (%s)', (backend) => {
  it('stays in HOME without reaching the source dir, and only it: the other HOME edit is published, incoming work applied, the run ends error naming it; removing it is enough', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    setUpHost(w, a);
    okReport(await syncHost(w, a, backend));
    const clean = w.readHome(a, '.bashrc') ?? '';
    w.writeHome(a, '.bashrc', `${clean}export GITHUB_TOKEN=${TOKEN}\n`);
    w.writeHome(a, '.config/nvim/init.lua', '-- nvim\nvim.o.number = false\n');
    // Incoming: a file alpha did not touch, and the one holding the token (another line).
    pushFromElsewhere(w, a, 'dot_gitconfig', (t) => t.replace('autocrlf = false', 'autocrlf = input'));
    pushFromElsewhere(w, a, 'dot_bashrc', (t) => t.replace('EDITOR=vi', 'EDITOR=hx'));

    const r1 = okReport(await syncHost(w, a, backend));
    expect(r1.status).toBe('error');
    expect(r1.error?.kind).toBe('secrets-found');
    // The message names the HOME file, where the person must look (it said "remove them from the source dir").
    expect(r1.error?.message).toContain(`${a.home}/.bashrc (GitHub token)`);
    expect(r1.error?.hint).toMatch(/out of those files in HOME/);
    expect(w.readSource(a, 'dot_bashrc')).not.toContain(TOKEN);
    expect(w.run(a, 'git', ['--git-dir', w.remote, 'log', '--all', '-p']).stdout).not.toContain(TOKEN);
    // HOME keeps the person's file as it was, the incoming edit of it not applied over it.
    expect(w.readHome(a, '.bashrc')).toBe(`${clean}export GITHUB_TOKEN=${TOKEN}\n`);
    expect(r1.keptLocal).toContain(`${a.home}/.bashrc`);
    // Everything else synced both ways.
    expect(w.readRemote('dot_config/nvim/init.lua')).toBe('-- nvim\nvim.o.number = false\n');
    expect(w.readHome(a, '.gitconfig')).toContain('autocrlf = input');
    // The CLI says it with the secrets exit code, and again on the next run.
    const again = cli(['sync', '-q', '--backend', backend], { env: a.env });
    expect(again.code).toBe(7);
    expect(again.stdout).toMatch(/looks like secrets: .*\.bashrc \(GitHub token\)/);

    w.writeHome(a, '.bashrc', `${clean.replace('EDITOR=vi', 'EDITOR=hx')}export GITHUB_TOKEN_FILE=~/.config/gh/token\n`);
    expect(okReport(await syncHost(w, a, backend)).status).toBe('success');
    expect(w.readRemote('dot_bashrc')).toContain('GITHUB_TOKEN_FILE');
    expect(w.readRemote('dot_bashrc')).toContain('EDITOR=hx');
    expect(w.run(a, 'git', ['--git-dir', w.remote, 'log', '--all', '-p']).stdout).not.toContain(TOKEN);
  });
});
