// Regression: a developer's machine signs its commits (`commit.gpgsign = true` in git's global
// config, common), and a timer has no gpg agent or pinentry to sign with. The git backend's commit
// (and its rebase, which commits again) asked gpg to sign, gpg failed, and every sync failed at
// capture: the HOME edit stayed on that machine. With `push.gpgsign = true` jj's push failed the
// same way (jj runs the person's git for it). With `log.showSignature = true` (often set beside)
// every `git log` ran gpg on each signed commit and mixed its words into the output we parse.
// The backends now sign and check nothing. The test worlds set `gpgsign = false` for every host:
// this one puts the person's settings back.
import { appendFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { okReport, setUpHost, syncHost, type RealBackend } from '../support/engine.js';
import { useWorld, type Host, type World } from '../support/world.js';

/**
 * git's global config signs every commit and push, and shows signatures in `git log`, with a
 * signer that works while the person's agent is there and fails without it (a timer), noting each
 * time it was asked without the agent.
 */
const signsCommits = (w: World, h: Host): { unattended: string; withAgent: <T>(f: () => T) => T } => {
  const unattended = join(w.root, `${h.name}-signer-unattended`);
  const agent = join(w.root, `${h.name}-agent`);
  const signer = join(w.root, `${h.name}-gpg`);
  // What git asks of gpg when signing: a signature on stdout, SIG_CREATED on the status fd (2).
  writeFileSync(
    signer,
    `#!/bin/sh\ncat > /dev/null\nif [ -e '${agent}' ]; then\n  printf '\\n[GNUPG:] SIG_CREATED D 1 8 00 0 0\\n' >&2\n  printf -- '-----BEGIN PGP SIGNATURE-----\\n\\nZmFrZQ==\\n-----END PGP SIGNATURE-----\\n'\n  exit 0\nfi\necho "$*" >> '${unattended}'\necho 'gpg: signing failed: No pinentry' >&2\nexit 2\n`,
    { mode: 0o755 },
  );
  appendFileSync(h.env['GIT_CONFIG_GLOBAL'] ?? '', `[commit]\n\tgpgsign = true\n[push]\n\tgpgsign = true\n[log]\n\tshowSignature = true\n[gpg]\n\tprogram = ${signer}\n`);
  const withAgent = <T>(f: () => T): T => {
    writeFileSync(agent, '');
    try {
      return f();
    } finally {
      rmSync(agent, { force: true });
    }
  };
  return { unattended, withAgent };
};

describe.each<RealBackend>(['git', 'jj'])('git config signs every commit and push and shows signatures; signing fails unattended (%s)', (backend) => {
  it('HOME edits and a signed commit by hand are published, also over incoming work, and the signer is never asked', async () => {
    const w = await useWorld({ hosts: ['alpha', 'beta'] });
    const [a, b] = [w.host('alpha'), w.host('beta')];
    setUpHost(w, a);
    setUpHost(w, b);
    okReport(await syncHost(w, a, backend));
    okReport(await syncHost(w, b, backend));
    const { unattended, withAgent } = signsCommits(w, a);
    // Without the agent a commit by hand fails (the setting is in force); with it, it is signed.
    expect(w.run(a, 'git', ['commit', '--allow-empty', '-q', '-m', 'by hand'], { cwd: a.source, allowFail: true }).status).not.toBe(0);
    expect(existsSync(unattended)).toBe(true);
    rmSync(unattended);
    w.writeSource(a, 'dot_zshrc', '# zshrc\nexport SIGNED_BY_HAND=1\n');
    withAgent(() => {
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
    expect(existsSync(unattended) ? readFileSync(unattended, 'utf8') : 'never asked').toBe('never asked');
  });
});
