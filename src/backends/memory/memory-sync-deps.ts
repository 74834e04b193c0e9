import { okAsync } from 'neverthrow';
import type { Chezmoi } from '../../core/chezmoi.js';
import type { SyncDeps } from '../../core/sync/types.js';
import { memoryChezmoi } from './chezmoi-fake.js';
import type { FakeTemplateData } from './chezmoi-fake-template.js';
import { memoryFactory, type MemoryVcsFactory } from './factory.js';
import type { MemoryFs } from './fs.js';
import { memoryEngineFs } from './memory-engine-fs.js';
import type { MemoryRemote } from './remote.js';

export interface MemoryMachine {
  readonly host: string;
  /** HOME of this machine in the MemoryFs. */
  readonly home: string;
  /** chezmoi source dir of this machine in the MemoryFs. */
  readonly source: string;
  readonly vcs: MemoryVcsFactory;
  readonly chezmoi: Chezmoi;
  /** Everything `runSync` needs, all in memory. */
  readonly deps: SyncDeps;
  /** Notifications the engine sent (argv + env), newest last. */
  readonly notifications: { argv: readonly string[]; env: Readonly<Record<string, string>> }[];
}

/**
 * One simulated machine for `runSync` in memory: a memory VCS, the chezmoi fake and the engine's
 * filesystem over one shared MemoryFs, reaching the given remotes.
 *
 * @example
 * const fs = new MemoryFs();
 * const remote = new MemoryRemote({ files: { dot_bashrc: 'export EDITOR=vi\n' } });
 * const laptop = memoryMachine({ fs, remotes: { 'ssh://git.example.com/me/dotfiles.git': remote }, host: 'laptop' });
 * await runSync(laptop.deps, { host: 'laptop', sourceDir: laptop.source, repoUrl: 'ssh://git.example.com/me/dotfiles.git', stateDir: '/state/laptop' });
 * fs.read('/laptop/home/.bashrc'); // 'export EDITOR=vi\n'
 */
export const memoryMachine = (opts: {
  fs: MemoryFs;
  remotes: Readonly<Record<string, MemoryRemote>>;
  host: string;
  home?: string;
  source?: string;
  /** Template data of this machine; `chezmoi.hostname` defaults to `host`. */
  data?: FakeTemplateData;
}): MemoryMachine => {
  const home = opts.home ?? `/${opts.host}/home`;
  const source = opts.source ?? `${home}/.local/share/chezmoi`;
  const vcs = memoryFactory({ fs: opts.fs, remotes: opts.remotes, host: opts.host });
  const chezmoi = memoryChezmoi({ fs: opts.fs, source, destination: home, data: { 'chezmoi.hostname': opts.host, ...opts.data } });
  const notifications: MemoryMachine['notifications'] = [];
  const deps: SyncDeps = {
    vcs,
    chezmoi,
    fs: memoryEngineFs(opts.fs),
    // In memory no run is ever "killed": a lock is held only by a live run.
    isAlive: () => true,
    sleep: () => Promise.resolve(),
    pid: 1,
    notify: (argv, env) => {
      notifications.push({ argv, env });
      return okAsync(undefined);
    },
  };
  return { host: opts.host, home, source, vcs, chezmoi, deps, notifications };
};
