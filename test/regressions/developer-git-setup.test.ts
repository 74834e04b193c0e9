// Regressions: git set up the way developers set it up, run by a timer that has none of their shell.
//
// Signing. `commit.gpgsign = true` in git's global config (common), and no gpg agent or pinentry
// under a timer: the git backend's commit (and its rebase, which commits again) asked gpg to sign,
// gpg failed, and every sync failed at capture: the HOME edit stayed on that machine. With
// `push.gpgsign = true` jj's push failed the same way (jj runs the person's git for it). With
// `log.showSignature = true` (often set beside) every `git log` ran gpg on each signed commit and
// mixed its words into the output we parse. The backends now sign and check nothing.
//
// Hooks. The pre-commit framework's `pre-commit` hook (or a commit-msg linter) in the dotfiles
// repository: under a timer the hook's tool is not on PATH (`pre-commit: not found`), and the git
// backend's every commit failed. jj runs no git hooks; the git backend's own commits (capture's, a
// guided resolution's merge) now skip them too (`--no-verify`). Hooks that move data (git-lfs's
// pre-push, post-checkout) still run.
//
// The test worlds set `gpgsign = false` for every host and have no hooks: these put the person's
// setup back.
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { okReport, setUpHost, syncHost, type RealBackend } from '../support/engine.js';
import { personSigner } from '../support/signer.js';
import { useWorld, type Host, type World } from '../support/world.js';

/** Two machines set up and synced once. */
const twoSynced = async (backend: RealBackend): Promise<{ w: World; a: Host; b: Host }> => {
  const w = await useWorld({ hosts: ['alpha', 'beta'] });
  const [a, b] = [w.host('alpha'), w.host('beta')];
  setUpHost(w, a);
  setUpHost(w, b);
  okReport(await syncHost(w, a, backend));
  okReport(await syncHost(w, b, backend));
  return { w, a, b };
};

/** A HOME edit on alpha is published; then another, over beta's incoming work (a rebase: committed again). */
const editsGoOut = async (w: World, a: Host, b: Host, backend: RealBackend, tag: string): Promise<void> => {
  w.writeHome(a, '.bashrc', `# bashrc\nexport ${tag}=1\n`);
  expect(okReport(await syncHost(w, a, backend)).status).toBe('success');
  expect(w.readRemote('dot_bashrc')).toBe(`# bashrc\nexport ${tag}=1\n`);
  w.writeHome(b, '.config/nvim/init.lua', '-- nvim\nvim.o.number = false\n');
  expect(okReport(await syncHost(w, b, backend)).status).toBe('success');
  w.writeHome(a, '.bashrc', `# bashrc\nexport ${tag}=2\n`);
  expect(okReport(await syncHost(w, a, backend)).status).toBe('success');
  expect(w.readRemote('dot_bashrc')).toBe(`# bashrc\nexport ${tag}=2\n`);
  expect(w.readRemote('dot_config/nvim/init.lua')).toBe('-- nvim\nvim.o.number = false\n');
  expect(w.readHome(a, '.config/nvim/init.lua')).toBe('-- nvim\nvim.o.number = false\n');
};

describe.each<RealBackend>(['git', 'jj'])('git set up as a developer does, run by a timer (%s)', (backend) => {
  it('signing on for commits and pushes, signatures shown: HOME edits and a signed commit by hand are published, and the signer is never asked', async () => {
    const { w, a, b } = await twoSynced(backend);
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

    await editsGoOut(w, a, b, backend, 'SIGNED_MACHINE');
    expect(w.readRemote('dot_zshrc')).toBe('# zshrc\nexport SIGNED_BY_HAND=1\n');
    expect(w.readHome(a, '.zshrc')).toBe('# zshrc\nexport SIGNED_BY_HAND=1\n');
    expect(signer.askedUnattended()).toBe(false);
  });

  it('commit hooks in the source repository that fail without the shell: HOME edits are published anyway, and the hooks never run', async () => {
    const { w, a, b } = await twoSynced(backend);
    const ran = join(w.root, 'hook-ran');
    const hooks = join(a.source, '.git', 'hooks');
    mkdirSync(hooks, { recursive: true });
    for (const name of ['pre-commit', 'commit-msg', 'pre-merge-commit']) {
      writeFileSync(join(hooks, name), `#!/bin/sh\necho ${name} >> '${ran}'\necho '\`pre-commit\` not found.  Did you forget to activate your virtualenv?' >&2\nexit 1\n`);
      chmodSync(join(hooks, name), 0o755);
    }
    await editsGoOut(w, a, b, backend, 'HOOKED');
    expect(existsSync(ran)).toBe(false);
  });
});
