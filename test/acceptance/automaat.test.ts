// Acceptance: a re-creation of Automaat/dotfiles (see test/fixtures/dotfiles/README.md) — a flat
// repository without a config template: templates read `.email`/`.name` from a chezmoi config the
// user writes by hand, `run_once_after_` scripts at the root, a `run_onchange_` script that is empty
// off macOS, a plain `.chezmoiignore` — through the packed CLI, jj and git.
import { beforeAll, describe, expect, it } from 'vitest';
import { chezmoi, dotfilesWorld, editHomeLine, editSourceLine, initApply, session, type Backend } from './support/dotfiles.js';
import { everydayFlow, type FlowSpec } from './support/main-flow.js';
import { packedBins, type PackedBins } from './support/packed.js';
import { writeChezmoiConfig } from './support/setups.js';

let bins: PackedBins;
beforeAll(() => {
  bins = packedBins();
}, 300_000);

const spec: FlowSpec = {
  setUp: (w, h) => {
    // The README's first step: the data the templates read.
    writeChezmoiConfig(h, `[data]\n    email = "${h.name}@example.org"\n    name = "Someone on ${h.name}"\n`);
    initApply(w, h);
  },
  plain: { source: 'dot_config/ghostty/config', target: '.config/ghostty/config', line: 'font-size = 14' },
  plainOffline: { source: 'dot_config/ghostty/config', target: '.config/ghostty/config', line: 'window-padding-x = 8' },
  template: { source: 'dot_gitconfig.tmpl', target: '.gitconfig', line: 'autocrlf = input' },
  sourceEdit: { source: 'dot_config/mise/config.toml', target: '.config/mise/config.toml', line: 'python = "3.12"' },
};

describe.each<Backend>(['jj', 'git'])('Automaat-style dotfiles (%s)', (backend) => {
  it('lives through first syncs, HOME/template/source edits, a conflict, status, doctor and offline', async () => {
    const w = await dotfilesWorld('automaat');
    everydayFlow(session(w, bins, backend), spec);
    const a = w.host('alpha');
    expect(w.readHome(a, '.local/state/dotfiles/git-identity')).toBe('Someone on alpha <alpha@example.org>\n');
    expect(w.readHome(a, 'UPDATING.md')).toContain('chezmoi re-add');
  });
});

describe('Automaat-style dotfiles on a machine whose config lacks the data', () => {
  it('the sync names the missing key, loses nothing, and publishes once the data is there', async () => {
    const w = await dotfilesWorld('automaat', ['alpha', 'gamma']);
    const s = session(w, bins, 'jj');
    const [a, g] = [w.host('alpha'), w.host('gamma')];
    spec.setUp(w, a);
    // gamma skipped the README's first step: `chezmoi init --apply` stops at the first template.
    const init = chezmoi(w, g, ['init', '--apply', '--no-tty', '--promptDefaults', w.remoteUrl], true);
    expect(init.status).toBe(1);
    expect(init.stderr).toContain('map has no entry for key "email"');
    editHomeLine(w, g, '.config/ghostty/config', 'font-size = 14', 'font-size = 16');

    const blocked = s.sync(g);
    expect(blocked.r.code).not.toBe(0);
    const e = blocked.error ?? { message: '', hint: '' };
    expect(e.hint).toMatch(/config has no "email": run `chezmoi init`.*\[data\]/);
    expect(w.readHome(g, '.config/ghostty/config')).toContain('font-size = 16');
    // The broken template blocks nothing else: the plain edit is already published.
    expect(w.readRemote('dot_config/ghostty/config')).toContain('font-size = 16');

    writeChezmoiConfig(g, '[data]\n    email = "gamma@example.org"\n    name = "Someone on gamma"\n');
    const fixed = s.sync(g);
    expect(fixed.report?.status, fixed.r.stderr).toBe('success');
    expect(w.readRemote('dot_config/ghostty/config')).toContain('font-size = 16');
    // From now on template changes reach gamma too.
    editSourceLine(w, a, 'dot_gitconfig.tmpl', 'signOff = true', 'signOff = false');
    expect(s.sync(a).report?.status).toBe('success');
    expect(s.sync(g).report?.status).toBe('success');
    expect(w.readHome(g, '.gitconfig')).toContain('email = gamma@example.org');
    expect(w.readHome(g, '.gitconfig')).toContain('signOff = false');
  });
});

describe('Automaat-style dotfiles with chezmoi\'s own git.autoCommit and autoPush on', () => {
  it('chezmoi commits and pushes nothing behind the sync; a concurrent edit is preserved, and the next run is clean', async () => {
    const w = await dotfilesWorld('automaat');
    const s = session(w, bins, 'jj');
    const [a, b] = [w.host('alpha'), w.host('beta')];
    for (const h of [a, b]) {
      writeChezmoiConfig(h, `[data]\n    email = "${h.name}@example.org"\n    name = "Someone on ${h.name}"\n[git]\n    autoCommit = true\n    autoPush = true\n`);
      initApply(w, h);
      expect(s.sync(h).report?.status).toBe('success');
    }
    editHomeLine(w, a, '.config/ghostty/config', 'font-size = 14', 'font-size = 15');
    editHomeLine(w, b, '.config/ghostty/config', 'font-size = 14', 'font-size = 16');
    const syncA = s.sync(a);
    expect(syncA.report).toMatchObject({ status: 'success', committed: 1, published: 1 });
    const subject = w.run(a, 'git', ['--git-dir', w.remote, 'log', '-1', '--format=%s', 'main']).stdout;
    expect(subject).toMatch(/^chore\(alpha\): sync dotfiles/);
    for (let i = 0; i < 2; i++) {
      const syncB = s.sync(b);
      expect(syncB.report?.status, syncB.r.stderr).toBe('conflicts-preserved');
    }
    expect(w.readRemote('dot_config/ghostty/config')).toContain('font-size = 15');
    expect(w.readRemote('dot_config/ghostty/config', 'sync/beta')).toContain('font-size = 16');
    expect(w.readHome(b, '.config/ghostty/config')).toContain('font-size = 16');
  });
});
