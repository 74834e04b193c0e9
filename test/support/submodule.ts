// A plugin kept as a git submodule of a world's dotfiles, as public dotfiles repositories often have.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Host, World } from './world.js';

/** Where the tests keep the plugin in the source dir (chezmoi makes it `~/.zsh/plugins/zsh-hello`). */
export const PLUGIN = 'dot_zsh/plugins/zsh-hello';

export interface Plugin {
  readonly dir: string;
  /** A new commit of the plugin's own repository. */
  release(content: string): void;
}

/** A plugin's own repository in the world, with its first release. */
export const makePlugin = (w: World, h: Host): Plugin => {
  const dir = join(w.root, 'plugin');
  mkdirSync(dir);
  w.run(h, 'git', ['init', '-q', '-b', 'main', dir]);
  const release = (content: string): void => {
    writeFileSync(join(dir, 'hello.plugin.zsh'), content);
    w.run(h, 'git', ['add', '-A'], { cwd: dir });
    w.run(h, 'git', ['commit', '-q', '-m', content.trim()], { cwd: dir });
  };
  release('echo hello v1\n');
  return { dir, release };
};

/** A plugin repository, added to the remote's main as a submodule (by a setup clone). */
export const addSubmodule = (w: World, h: Host): Plugin => {
  const { dir, release } = makePlugin(w, h);
  const setup = join(w.root, 'setup');
  w.run(h, 'git', ['clone', '-q', w.remote, setup]);
  w.run(h, 'git', ['submodule', 'add', '-q', dir, PLUGIN], { cwd: setup });
  w.run(h, 'git', ['commit', '-q', '-m', 'zsh-hello as a submodule'], { cwd: setup });
  w.run(h, 'git', ['push', '-q', 'origin', 'main'], { cwd: setup });
  return { dir, release };
};
