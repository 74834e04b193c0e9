// Regression: a developer's machine signs its commits (`commit.gpgsign = true` in git's global
// config, common), and a timer has no gpg agent or pinentry to sign with. The git backend's commit
// (and its rebase, which commits again) asked gpg to sign, gpg failed, and every sync failed at
// capture: the HOME edit stayed on that machine. jj never signed (its settings drop signing); the
// git backend now does the same. The test worlds set `gpgsign = false` for every host: this one
// puts the person's setting back.
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { okReport, setUpHost, syncHost, type RealBackend } from '../support/engine.js';
import { useWorld, type Host, type World } from '../support/world.js';

/** git's global config signs every commit with a signer that fails (no agent), and records that it ran. */
const signsCommits = (w: World, h: Host): string => {
  const ran = join(w.root, `${h.name}-signer-ran`);
  const signer = join(w.root, `${h.name}-gpg`);
  writeFileSync(signer, `#!/bin/sh\necho "$@" >> '${ran}'\necho 'gpg: signing failed: No pinentry' >&2\nexit 2\n`, { mode: 0o755 });
  appendFileSync(h.env['GIT_CONFIG_GLOBAL'] ?? '', `[commit]\n\tgpgsign = true\n[push]\n\tgpgsign = true\n[gpg]\n\tprogram = ${signer}\n`);
  return ran;
};

describe.each<RealBackend>(['git', 'jj'])('git config signs every commit, and signing fails unattended (%s)', (backend) => {
  it('a HOME edit is still committed and published, also over incoming work, and the signer never runs', async () => {
    const w = await useWorld({ hosts: ['alpha', 'beta'] });
    const [a, b] = [w.host('alpha'), w.host('beta')];
    setUpHost(w, a);
    setUpHost(w, b);
    okReport(await syncHost(w, a, backend));
    okReport(await syncHost(w, b, backend));
    const ran = signsCommits(w, a);
    // By hand the person's commits would be signed: their setting is in force.
    expect(w.run(a, 'git', ['commit', '--allow-empty', '-q', '-m', 'by hand'], { cwd: a.source, allowFail: true }).status).not.toBe(0);
    expect(existsSync(ran)).toBe(true);
    writeFileSync(ran, '');

    w.writeHome(a, '.bashrc', '# bashrc\nexport SIGNED_MACHINE=1\n');
    const first = okReport(await syncHost(w, a, backend));
    expect(first.status).toBe('success');
    expect(w.readRemote('dot_bashrc')).toBe('# bashrc\nexport SIGNED_MACHINE=1\n');

    // Incoming work first: alpha's commit is rebased onto it (committed again) before the push.
    w.writeHome(b, '.config/nvim/init.lua', '-- nvim\nvim.o.number = false\n');
    expect(okReport(await syncHost(w, b, backend)).status).toBe('success');
    w.writeHome(a, '.bashrc', '# bashrc\nexport SIGNED_MACHINE=2\n');
    const second = okReport(await syncHost(w, a, backend));
    expect(second.status).toBe('success');
    expect(w.readRemote('dot_bashrc')).toBe('# bashrc\nexport SIGNED_MACHINE=2\n');
    expect(w.readRemote('dot_config/nvim/init.lua')).toBe('-- nvim\nvim.o.number = false\n');
    expect(w.readHome(a, '.config/nvim/init.lua')).toBe('-- nvim\nvim.o.number = false\n');
    expect(readFileSync(ran, 'utf8')).toBe('');
  });
});
