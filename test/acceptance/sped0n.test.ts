// Acceptance: a re-creation of Sped0n/dotfiles (see test/fixtures/dotfiles/README.md) — a flat
// repository with age-encrypted files (`encrypted_…age`), the passphrase-protected key beside them
// (`key.txt.age`) and a `run_once_before_` script that decrypts it, and a chezmoi config written by
// hand — through the packed CLI, jj and git. The encrypted ~/.ssh/config plays the file chezmoi
// cannot re-add.
import { beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { chezmoi, dotfilesWorld, editHomeLine, fixturePath, initApply, session, type Backend } from './support/dotfiles.js';
import { everydayFlow, type FlowSpec } from './support/main-flow.js';
import { packedBins, type PackedBins } from './support/packed.js';
import { configureAge, decrypt, encrypt } from './support/setups.js';

let bins: PackedBins;
beforeAll(() => {
  bins = packedBins();
}, 300_000);

const spec: FlowSpec = {
  setUp: (w, h) => {
    configureAge(h, true);
    initApply(w, h);
  },
  plain: { source: 'dot_zshrc', target: '.zshrc', line: 'export EDITOR=nvim' },
  plainOffline: { source: 'dot_zshrc', target: '.zshrc', line: 'bindkey -e' },
  template: { source: 'dot_ssh/encrypted_config.age', target: '.ssh/config', line: 'AddKeysToAgent yes' },
  sourceEdit: { source: 'dot_config/starship.toml', target: '.config/starship.toml', line: 'command_timeout = 500' },
  reveal: (w, raw) => decrypt(w, w.host('alpha'), raw),
  // `chezmoi edit` without an editor: decrypt, change, encrypt.
  appendToTemplate: (w, h, line) =>
    w.writeSource(h, 'dot_ssh/encrypted_config.age', encrypt(w, h, `${decrypt(w, h, w.readSource(h, 'dot_ssh/encrypted_config.age') ?? '')}${line}\n`)),
};

describe.each<Backend>(['jj', 'git'])('Sped0n-style dotfiles (%s)', (backend) => {
  it('lives through first syncs, HOME/encrypted/source edits, a conflict, status, doctor and offline', async () => {
    const w = await dotfilesWorld('sped0n');
    everydayFlow(session(w, bins, backend), spec);
    expect(w.readHome(w.host('beta'), '.config/codegpt/.codegpt.yaml')).toContain('model: small');
  });
});

describe('Sped0n-style dotfiles on a machine without the age key', () => {
  it('the sync names the key it could not read, loses nothing, and works once the key is there', async () => {
    const w = await dotfilesWorld('sped0n', ['alpha', 'gamma']);
    const s = session(w, bins, 'git');
    const [a, g] = [w.host('alpha'), w.host('gamma')];
    spec.setUp(w, a);
    // gamma has the config but not the key; the decrypt script needs a terminal for the passphrase.
    configureAge(g, false);
    expect(chezmoi(w, g, ['init', '--apply', '--no-tty', '--promptDefaults', w.remoteUrl], true).status).not.toBe(0);
    expect(chezmoi(w, g, ['apply', '--no-tty', '--exclude=scripts', '--keep-going'], true).status).not.toBe(0);
    editHomeLine(w, g, '.zshrc', 'export EDITOR=nvim', 'export EDITOR=hx');

    const blocked = s.sync(g);
    expect(blocked.r.code).not.toBe(0);
    const e = blocked.error ?? { message: '', hint: '' };
    expect(e.hint).toMatch(/could not read .*\/\.config\/chezmoi\/key\.txt .*copy the key there/);
    expect(w.readHome(g, '.zshrc')).toContain('export EDITOR=hx');
    // The encrypted files block nothing else: the plain edit is already published.
    expect(w.readRemote('dot_zshrc')).toContain('export EDITOR=hx');

    copyFileSync(fixturePath('sped0n', 'age-identity.txt'), join(g.home, '.config/chezmoi/key.txt'));
    const fixed = s.sync(g);
    expect(fixed.report?.status, fixed.r.stderr).toBe('success');
    expect(w.readRemote('dot_zshrc')).toContain('export EDITOR=hx');
    // From now on encrypted changes reach gamma too.
    spec.appendToTemplate?.(w, a, 'ServerAliveInterval 30');
    expect(s.sync(a).report?.status).toBe('success');
    expect(s.sync(g).report?.status).toBe('success');
    expect(w.readHome(g, '.ssh/config')).toContain('ServerAliveInterval 30');
  });
});
