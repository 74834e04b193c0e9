// Acceptance: a re-creation of halostatue/dotfiles (see test/fixtures/dotfiles/README.md) —
// `.chezmoiroot`, a config template with `promptStringOnce`/`promptChoiceOnce`/`promptMultichoiceOnce`
// fed by `includeTemplate` over a `.chezmoidata/` directory, `symlink_` entries (one a template),
// a `run_onchange_` script inside a config dir, a templated `.chezmoiremove` — through the packed
// CLI, jj and git. beta is set up the long way: clone, `chezmoi init`, `apply` without scripts.
import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cloneInitApply, dotfilesWorld, initApply, session, type Backend } from './support/dotfiles.js';
import { everydayFlow, type FlowSpec } from './support/main-flow.js';
import { packedBins, type PackedBins } from './support/packed.js';

let bins: PackedBins;
beforeAll(() => {
  bins = packedBins();
}, 300_000);

const spec: FlowSpec = {
  setUp: (w, h) => (h.name === 'beta' ? cloneInitApply(w, h) : initApply(w, h)),
  plain: { source: 'home/private_dot_config/fish/config.fish', target: '.config/fish/config.fish', line: 'set -gx PAGER less' },
  plainOffline: { source: 'home/private_dot_config/fish/config.fish', target: '.config/fish/config.fish', line: 'set -gx EDITOR vim' },
  template: { source: 'home/private_dot_config/git/config.tmpl', target: '.config/git/config', line: 'conflictStyle = zdiff3' },
  sourceEdit: { source: 'home/private_dot_config/git/aliases', target: '.config/git/aliases', line: 'co = checkout' },
};

describe.each<Backend>(['jj', 'git'])('halostatue-style dotfiles (%s)', (backend) => {
  it('lives through first syncs, HOME/template/source edits, a conflict, status, doctor and offline', async () => {
    const w = await dotfilesWorld('halostatue');
    everydayFlow(session(w, bins, backend), spec);
    for (const h of w.hosts) {
      expect(lstatSync(join(h.home, '.config/gh-dash/bat-config')).isSymbolicLink()).toBe(true);
      expect(lstatSync(join(h.home, '.local/gitignore-global')).isSymbolicLink()).toBe(true);
    }
    // The script ran where the user ran `chezmoi init --apply`, not on beta, and no sync ran it.
    expect(w.readHome(w.host('alpha'), '.local/state/dotfiles/fisher')).toBe('fisher-updated\n');
    expect(w.readHome(w.host('beta'), '.local/state/dotfiles/fisher')).toBeUndefined();
  });
});
