// Acceptance: a re-creation of twpayne/dotfiles (see test/fixtures/dotfiles/README.md) —
// `.chezmoiroot`, a config template with feature tags, templated externals (an exact archive
// and a file), a templated `.chezmoiignore`, `.chezmoiscripts`, `exact_` dirs — through the
// packed CLI, jj and git.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Host, World } from '../support/world.js';
import { buildMirror, chezmoi, dotfilesWorld, editHomeLine, editSourceLine, initApply, session, type Backend } from './support/dotfiles.js';
import { everydayFlow, type FlowSpec } from './support/main-flow.js';
import { packedBins, type PackedBins } from './support/packed.js';

let bins: PackedBins;
beforeAll(() => {
  bins = packedBins();
}, 300_000);

const mirrors = new WeakMap<World, string>();
const mirrorOf = (w: World): string => {
  const m = mirrors.get(w) ?? buildMirror(w, 'twpayne');
  mirrors.set(w, m);
  return m;
};

const spec: FlowSpec = {
  // The README's way: one `chezmoi init --apply`, answering the mirror prompt.
  setUp: (w: World, h: Host) => initApply(w, h, ['--promptString', `Download mirror=${mirrorOf(w)}`]),
  plain: { source: 'home/dot_tmux.conf', target: '.tmux.conf', line: 'set -g history-limit 10000' },
  plainOffline: { source: 'home/dot_tmux.conf', target: '.tmux.conf', line: 'set -g prefix C-a' },
  template: { source: 'home/private_dot_config/git/config.tmpl', target: '.config/git/config', line: 'editor = vim' },
  sourceEdit: { source: 'home/dot_vimrc', target: '.vimrc', line: 'set tabstop=4' },
};

describe.each<Backend>(['jj', 'git'])('twpayne-style dotfiles (%s)', (backend) => {
  it('lives through first syncs, HOME/template/source edits, a conflict, status, doctor and offline', async () => {
    // Like the original, the repository's default branch is master.
    const w = await dotfilesWorld('twpayne', ['alpha', 'beta'], 'master');
    const s = session(w, bins, backend, 'master');
    everydayFlow(s, spec);
    // The externals came from the mirror, and no sync ever touched them or ran the script again.
    const a = w.host('alpha');
    expect(w.readHome(a, '.oh-my-zsh/oh-my-zsh.sh')).toContain('oh-my-zsh stand-in');
    expect(w.readHome(a, '.oh-my-zsh/custom/misc.zsh')).toContain('setopt no_beep');
    expect(w.readHome(a, '.local/state/dotfiles/packages')).toBe('git ripgrep tmux\n');
  });
});

describe('twpayne-style dotfiles when chezmoi itself cannot read them', () => {
  it('an archive external unreachable from one machine: the sync says so, loses nothing, and recovers after `chezmoi apply`', async () => {
    const w = await dotfilesWorld('twpayne', ['alpha', 'gamma']);
    const s = session(w, bins, 'jj');
    const [a, g] = [w.host('alpha'), w.host('gamma')];
    spec.setUp(w, a);
    // gamma's network cannot reach the mirror: `chezmoi init --apply` clones, writes the config, fails.
    const init = chezmoi(w, g, ['init', '--apply', '--no-tty', '--promptDefaults', '--promptString', 'Download mirror=http://127.0.0.1:9', w.remoteUrl], true);
    expect(init.status).toBe(1);
    expect(init.stderr).toContain('connection refused');
    editSourceLine(w, g, 'home/dot_vimrc', 'set tabstop=4', 'set tabstop=8');

    const blocked = s.sync(g);
    expect(blocked.r.code).not.toBe(0);
    expect(blocked.error).toMatchObject({ kind: 'network' });
    const e = blocked.error ?? { message: '', hint: '' };
    expect(e.message).toContain('could not download an external');
    expect(e.hint).toMatch(/never downloaded on this machine/);
    expect(w.readSource(g, 'home/dot_vimrc')).toContain('set tabstop=8');
    // chezmoi could not read the source state, but the repository still synced: the source edit is published.
    expect(w.readRemote('home/dot_vimrc')).toContain('set tabstop=8');
    // Other machines are not held up.
    editHomeLine(w, a, '.tmux.conf', 'set -g mouse on', 'set -g mouse off');
    expect(s.sync(a).report?.status).toBe('success');

    // The user does what the hint says once the URL is reachable.
    w.writeHome(g, '.config/chezmoi/chezmoi.toml', (w.readHome(g, '.config/chezmoi/chezmoi.toml') ?? '').replace('http://127.0.0.1:9', mirrorOf(w)));
    chezmoi(w, g, ['apply', '--no-tty', '--exclude=scripts']);
    const back = s.sync(g);
    expect(back.report?.status, back.r.stderr).toBe('success');
    expect(w.readRemote('home/dot_vimrc')).toContain('set tabstop=8');
    expect(w.readHome(g, '.tmux.conf')).toContain('set -g mouse off');
  });

  it('the config template gains a prompt that .chezmoiignore reads: the sync names `chezmoi init`, and after it publishes everything', async () => {
    const w = await dotfilesWorld('twpayne');
    const s = session(w, bins, 'git');
    const [a, b] = [w.host('alpha'), w.host('beta')];
    for (const h of [a, b]) {
      spec.setUp(w, h);
      expect(s.sync(h).report?.status).toBe('success');
    }
    // alpha adds a feature tag and a rule that uses it, then re-runs `chezmoi init` itself.
    editSourceLine(w, a, 'home/.chezmoi.toml.tmpl', '{{- $personal := false -}}', '{{- $personal := false -}}\n{{- $kubernetes := promptBoolOnce . "kubernetes" "kubernetes" false -}}');
    editSourceLine(w, a, 'home/.chezmoi.toml.tmpl', '    personal = {{ $personal }}', '    personal = {{ $personal }}\n    kubernetes = {{ $kubernetes }}');
    w.writeSource(a, 'home/.chezmoiignore', `${w.readSource(a, 'home/.chezmoiignore') ?? ''}\n{{ if not .kubernetes }}\n.kube\n{{ end }}\n`);
    chezmoi(w, a, ['init', '--no-tty', '--promptDefaults']);
    expect(s.sync(a).report?.status).toBe('success');

    // beta, with an edit of its own, has not re-run `chezmoi init` yet.
    editHomeLine(w, b, '.tmux.conf', 'set -g mouse on', 'set -g mouse off');
    const broken = s.sync(b);
    expect(broken.r.code).not.toBe(0);
    const e = broken.error ?? { message: '', hint: '' };
    expect(e.message).toContain('map has no entry for key "kubernetes"');
    expect(e.hint).toMatch(/run `chezmoi init`/);
    expect(w.readHome(b, '.tmux.conf')).toContain('set -g mouse off');

    chezmoi(w, b, ['init', '--no-tty', '--promptDefaults']);
    const fixed = s.sync(b);
    expect(fixed.report?.status, fixed.r.stderr).toBe('success');
    expect(w.readRemote('home/dot_tmux.conf')).toContain('set -g mouse off');
    expect(w.readHome(b, '.tmux.conf')).toContain('set -g mouse off');
  });
});
