// Acceptance: a re-creation of felipecrs/dotfiles (see test/fixtures/dotfiles/README.md) —
// `.chezmoiroot`, a YAML config template that keeps earlier answers (`hasKey`), `.chezmoidata.yaml`,
// `.chezmoitemplates` used by `.chezmoiexternal.yaml`, `modify_` templates that merge into JSON the
// editor owns, `run_before_`/`run_after_` scripts — through the packed CLI, jj and git.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Host, World } from '../support/world.js';
import { buildMirror, dotfilesWorld, editSourceLine, initApply, session, type Backend } from './support/dotfiles.js';
import { everydayFlow, type FlowSpec } from './support/main-flow.js';
import { packedBins, type PackedBins } from './support/packed.js';

let bins: PackedBins;
beforeAll(() => {
  bins = packedBins();
}, 300_000);

const mirrors = new WeakMap<World, string>();
const mirrorOf = (w: World): string => {
  const m = mirrors.get(w) ?? buildMirror(w, 'felipecrs');
  mirrors.set(w, m);
  return m;
};

const spec: FlowSpec = {
  setUp: (w: World, h: Host) => initApply(w, h, ['--promptString', `Release downloads from=${mirrorOf(w)}`]),
  plain: { source: 'home/dot_bashrc', target: '.bashrc', line: 'HISTSIZE=10000' },
  plainOffline: { source: 'home/dot_bashrc', target: '.bashrc', line: 'HISTCONTROL=ignoreboth' },
  template: { source: 'home/dot_gitconfig.tmpl', target: '.gitconfig', line: 'autocrlf = input' },
  sourceEdit: { source: 'home/dot_zshrc', target: '.zshrc', line: 'ZSH_THEME="robbyrussell"' },
};

describe.each<Backend>(['jj', 'git'])('felipecrs-style dotfiles (%s)', (backend) => {
  it('lives through first syncs, HOME/template/source edits, a conflict, status, doctor and offline', async () => {
    const w = await dotfilesWorld('felipecrs');
    everydayFlow(session(w, bins, backend), spec);
    const a = w.host('alpha');
    expect(w.readHome(a, '.oh-my-zsh/custom/plugins/zsh-autosuggestions/zsh-autosuggestions.zsh')).toContain('stand-in');
    expect(JSON.parse(w.readHome(a, '.config/Code/User/settings.json') ?? '{}')).toMatchObject({ 'window.titleBarStyle': 'custom' });
  });
});

describe('felipecrs-style modify_ templates', () => {
  it('merge an incoming change into a file the editor owns and changed, keeping the editor\'s settings', async () => {
    const w = await dotfilesWorld('felipecrs');
    const s = session(w, bins, 'jj');
    const [a, b] = [w.host('alpha'), w.host('beta')];
    for (const h of [a, b]) {
      spec.setUp(w, h);
      expect(s.sync(h).report?.status).toBe('success');
    }
    // VS Code on alpha writes a setting of its own into settings.json.
    const settings = '.config/Code/User/settings.json';
    w.writeHome(a, settings, JSON.stringify({ ...(JSON.parse(w.readHome(a, settings) ?? '{}') as object), 'editor.fontSize': 14 }, null, 4));
    expect(s.sync(a).report?.committed).toBe(0);
    // beta's user adds a setting the dotfiles manage.
    const line = '{{- $result = setValueAtPath (list "window.titleBarStyle") "custom" $result -}}';
    editSourceLine(w, b, 'home/dot_config/Code/User/modify_settings.json', line, `${line}\n{{- $result = setValueAtPath (list "files.trimTrailingWhitespace") true $result -}}`);
    expect(s.sync(b).report?.status).toBe('success');

    const incoming = s.sync(a);
    expect(incoming.report?.status, incoming.r.stderr).toBe('success');
    expect(incoming.report?.applied).toContain(`${a.home}/${settings}`);
    expect(JSON.parse(w.readHome(a, settings) ?? '{}')).toEqual({
      'terminal.integrated.fontFamily': 'Mono Nerd Font',
      'window.titleBarStyle': 'custom',
      'files.trimTrailingWhitespace': true,
      'editor.fontSize': 14,
    });
  });
});
