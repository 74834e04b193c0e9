// Regression: a developer's machine signs its commits (`commit.gpgsign = true` in git's global
// config, common), and a timer has no gpg agent or pinentry to sign with. The git backend's commit
// (and its rebase, which commits again) asked gpg to sign, gpg failed, and every sync failed at
// capture: the HOME edit stayed on that machine. With `push.gpgsign = true` jj's push failed the
// same way (jj runs the person's git for it). With `log.showSignature = true` (often set beside)
// every `git log` ran gpg on each signed commit and mixed its words into the output we parse.
// The backends now sign and check nothing. The test worlds set `gpgsign = false` for every host:
// this one puts the person's settings back.
import { describe, expect, it } from 'vitest';
import { okReport, setUpHost, syncHost, type RealBackend } from '../support/engine.js';
import { personSigner } from '../support/signer.js';
import { useWorld } from '../support/world.js';

describe.each<RealBackend>(['git', 'jj'])('git config signs every commit and push and shows signatures; signing fails unattended (%s)', (backend) => {
  it('HOME edits and a signed commit by hand are published, also over incoming work, and the signer is never asked', async () => {
    const w = await useWorld({ hosts: ['alpha', 'beta'] });
    const [a, b] = [w.host('alpha'), w.host('beta')];
    setUpHost(w, a);
    setUpHost(w, b);
    okReport(await syncHost(w, a, backend));
    okReport(await syncHost(w, b, backend));
    const signer = personSigner(w.root, a.name);
    signer.turnOn(a.env['GIT_CONFIG_GLOBAL'] ?? '');
    // Without the agent a commit by hand fails (the setting is in force); with it, it is signed.
    expect(w.run(a, 'git', ['commit', '--allow-empty', '-q', '-m', 'by hand'], { cwd: a.source, allowFail: true }).status).not.toBe(0);
    expect(signer.askedUnattended()).toBe(true);
    signer.forget();
    w.writeSource(a, 'dot_zshrc', '# zshrc\nexport SIGNED_BY_HAND=1\n');
    signer.withAgent(() => {
      w.run(a, 'git', ['add', '-A'], { cwd: a.source });
      w.run(a, 'git', ['commit', '-q', '-m', 'signed by hand'], { cwd: a.source });
    });
    expect(w.run(a, 'git', ['cat-file', '-p', 'HEAD'], { cwd: a.source }).stdout).toContain('-----BEGIN PGP SIGNATURE-----');

    w.writeHome(a, '.bashrc', '# bashrc\nexport SIGNED_MACHINE=1\n');
    const first = okReport(await syncHost(w, a, backend));
    expect(first.status).toBe('success');
    expect(w.readRemote('dot_bashrc')).toBe('# bashrc\nexport SIGNED_MACHINE=1\n');
    expect(w.readRemote('dot_zshrc')).toBe('# zshrc\nexport SIGNED_BY_HAND=1\n');
    expect(w.readHome(a, '.zshrc')).toBe('# zshrc\nexport SIGNED_BY_HAND=1\n');

    // Incoming work first: alpha's commit is rebased onto it (committed again) before the push.
    w.writeHome(b, '.config/nvim/init.lua', '-- nvim\nvim.o.number = false\n');
    expect(okReport(await syncHost(w, b, backend)).status).toBe('success');
    w.writeHome(a, '.bashrc', '# bashrc\nexport SIGNED_MACHINE=2\n');
    const second = okReport(await syncHost(w, a, backend));
    expect(second.status).toBe('success');
    expect(w.readRemote('dot_bashrc')).toBe('# bashrc\nexport SIGNED_MACHINE=2\n');
    expect(w.readRemote('dot_config/nvim/init.lua')).toBe('-- nvim\nvim.o.number = false\n');
    expect(w.readHome(a, '.config/nvim/init.lua')).toBe('-- nvim\nvim.o.number = false\n');
    expect(signer.askedUnattended()).toBe(false);
  });
});
