// The plugin a person keeps as a git submodule of the dotfiles (PersonCommand 'submodule'), with
// the real git: its repository in the world, its releases, and what the model checks of it.
import { appendFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Host, World } from '../support/world.js';
import type { PersonOps } from './driver.js';

/** Where the dotfiles keep the plugin (chezmoi makes it `~/.zplug/hello`). */
export const SUBMODULE = 'dot_zplug/hello';
/** Where a person clones it with plain git instead (PersonCommand 'submodule', `clone`). */
export const CLONED = 'dot_zplug/cloned';

/** The person's git (their shell: agent and all), in `cwd`. */
export type PersonGit = (h: Host, args: string[], cwd: string) => { readonly stdout: string; readonly stderr: string; readonly status: number };

type SubmoduleOps = Required<Pick<PersonOps, 'updateSubmodule' | 'submoduleOutOfStep' | 'followSubmodule' | 'submoduleProblems' | 'cloneInside' | 'cloneInsideShown' | 'ignoreCloneInside'>>;

export const realSubmodule = (w: World, git: PersonGit, trunk: { readonly name: string }, onTrunkLine: (h: Host) => Promise<boolean>): SubmoduleOps => {
  const plugin = join(w.root, 'plugin-hello');
  const seed = w.hosts[0] as Host;
  // Per sequence: the world is restored between them, the plugin's repository with it.
  let releases: string[] = [];
  let newestOnTrunk = -1;
  let waiting: { readonly host: string; readonly pointer: string } | undefined;
  const fresh = (): void => {
    if (existsSync(plugin)) return;
    releases = [];
    newestOnTrunk = -1;
    waiting = undefined;
  };
  const release = (): string => {
    if (!existsSync(plugin)) {
      mkdirSync(plugin);
      git(seed, ['init', '-q', '-b', 'main'], plugin);
    }
    writeFileSync(join(plugin, 'hello.plugin.zsh'), `echo hello v${releases.length + 1}\n`);
    git(seed, ['add', '-A'], plugin);
    git(seed, ['commit', '-q', '-m', `v${releases.length + 1}`], plugin);
    const id = git(seed, ['rev-parse', 'HEAD'], plugin).stdout.trim();
    releases.push(id);
    return id;
  };
  const pointerAt = (h: Host, cwd: string, rev: string): string | undefined => {
    const r = git(h, ['rev-parse', '-q', '--verify', `${rev}:${SUBMODULE}`], cwd);
    return r.status === 0 ? r.stdout.trim() : undefined;
  };
  const onTrunk = (): string | undefined => pointerAt(seed, w.remote, `refs/heads/${trunk.name}`);
  const checkedOut = (h: Host): boolean => existsSync(join(h.source, SUBMODULE, '.git'));

  return {
    updateSubmodule: async (name) => {
      fresh();
      const h = w.host(name);
      const theirs = onTrunk();
      if (!existsSync(join(h.source, '.git')) || existsSync(join(h.source, '.git', 'rebase-merge'))) return '(not played: no repository here, or a stopped rebase)';
      // Not this machine's turn: the person checks the plugin out as the line records it, if it has one.
      const lookOnly = (why: string): string => {
        if (pointerAt(h, h.source, 'HEAD') === undefined) return `(${why}; no submodule on this line yet)`;
        const r = git(h, ['submodule', 'update', '-q', '--init', '--', SUBMODULE], h.source);
        return `(${why}) checked the submodule out as the line records it${r.status === 0 ? '' : ` — refused: ${r.stderr.trim().split('\n')[0] ?? ''}`}`;
      };
      if (waiting !== undefined && waiting.host !== name && theirs !== waiting.pointer) return lookOnly(`${waiting.host}'s update waits to be published`);
      if (!(await onTrunkLine(h))) return lookOnly('not on the trunk line');
      if (pointerAt(h, h.source, 'HEAD') !== theirs) return lookOnly("this line does not hold the trunk's pointer yet");
      if (theirs !== undefined && checkedOut(h) && git(h, ['status', '--porcelain'], join(h.source, SUBMODULE)).stdout !== '') return '(not played: the checkout holds edits)';
      const pointer = release();
      const moved =
        theirs === undefined
          ? git(h, ['submodule', 'add', '-q', '--', plugin, SUBMODULE], h.source)
          : git(h, ['submodule', 'update', '-q', '--init', '--remote', '--', SUBMODULE], h.source);
      if (moved.status !== 0) return `(git refused: ${moved.stderr.trim().split('\n')[0] ?? ''})`;
      const committed = git(h, ['commit', '-q', '-m', `zplug: hello v${releases.length}`, '--', '.gitmodules', SUBMODULE], h.source);
      if (committed.status !== 0) return `(not committed: ${committed.stderr.trim().split('\n')[0] ?? ''})`;
      waiting = { host: name, pointer };
      // The person keeps the plugin checked out on every machine whose line has it (as `chezmoi
      // init` clones): those checkouts fall behind once this update comes in.
      const others = w.hosts.filter((o) => o !== h && existsSync(join(o.source, '.git')) && pointerAt(o, o.source, 'HEAD') !== undefined && !checkedOut(o));
      for (const o of others) git(o, ['submodule', 'update', '-q', '--init', '--', SUBMODULE], o.source);
      return `${theirs === undefined ? 'added the submodule at' : 'moved it to'} v${releases.length} and committed the pointer by hand${others.length > 0 ? `; checked it out on ${others.map((o) => o.name).join(', ')}` : ''}`;
    },
    submoduleOutOfStep: (name) => {
      fresh();
      const h = w.host(name);
      if (!checkedOut(h)) return false;
      // A checkout the line records no pointer for is a repository inside the source dir, no submodule.
      const line = pointerAt(h, h.source, 'HEAD');
      if (line === undefined) return false;
      const dir = join(h.source, SUBMODULE);
      return git(h, ['rev-parse', 'HEAD'], dir).stdout.trim() !== line || git(h, ['status', '--porcelain'], dir).stdout !== '';
    },
    followSubmodule: (name) => {
      const h = w.host(name);
      git(h, ['submodule', 'update', '-q', '--init', '--', SUBMODULE], h.source);
      return Promise.resolve();
    },
    cloneInside: (name) => {
      fresh();
      const h = w.host(name);
      if (!existsSync(join(h.source, '.git'))) return Promise.resolve('(not played: no repository here)');
      if (existsSync(join(h.source, CLONED))) return Promise.resolve('(cloned there already)');
      if (releases.length === 0) release();
      const r = git(h, ['clone', '-q', '--', plugin, join(h.source, CLONED)], w.root);
      return Promise.resolve(r.status === 0 ? `cloned the plugin into ${CLONED}` : `(git clone refused: ${r.stderr.trim().split('\n')[0] ?? ''})`);
    },
    cloneInsideShown: (name) => {
      const h = w.host(name);
      return existsSync(join(h.source, CLONED, '.git')) && git(h, ['check-ignore', '-q', '--', CLONED], h.source).status !== 0;
    },
    ignoreCloneInside: (name) => {
      const h = w.host(name);
      appendFileSync(join(h.source, '.gitignore'), `${CLONED}/\n`);
      return Promise.resolve();
    },
    submoduleProblems: () => {
      fresh();
      // A clone made inside never reaches any branch of the remote, not even as a bare pointer.
      const branches = git(seed, ['for-each-ref', '--format=%(refname)', 'refs/heads'], w.remote).stdout.split('\n').filter((b) => b !== '');
      const leaked = branches.filter((b) => git(seed, ['ls-tree', '-r', '--name-only', b, '--', CLONED], w.remote).stdout !== '');
      if (leaked.length > 0) return [`the remote's ${leaked.join(', ')} hold${leaked.length === 1 ? 's' : ''} something at ${CLONED}, a repository cloned inside a source dir`];
      if (releases.length === 0) return [];
      const now = onTrunk();
      if (now === undefined) return newestOnTrunk >= 0 ? [`the trunk lost the submodule ${SUBMODULE}`] : [];
      const at = releases.indexOf(now);
      if (at < 0) return [`the trunk's submodule pointer ${now.slice(0, 12)} is no release of the plugin`];
      if (at < newestOnTrunk) return [`the trunk's submodule pointer went back from v${newestOnTrunk + 1} to v${at + 1}: a commit undid an update`];
      newestOnTrunk = at;
      if (waiting?.pointer === now) waiting = undefined;
      return [];
    },
  };
};
