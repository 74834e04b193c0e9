// Wires the sync engine to the real adapters for one simulated host of a world.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResultAsync } from 'neverthrow';
import { chezmoiCli } from '../../src/backends/chezmoi/index.js';
import { nodeFs } from '../../src/backends/fs/node-fs.js';
import { isAlive } from '../../src/backends/process/alive.js';
import type { SyncError } from '../../src/core/errors.js';
import { runSync } from '../../src/core/sync/engine.js';
import type { SyncDeps, SyncEvent, SyncOptions, SyncReport } from '../../src/core/sync/types.js';
import type { Host, World } from './world.js';

export type RealBackend = 'jj' | 'git';

export { isAlive };

// Loaded per backend, so a jj-only run does not need the git adapter's module graph.
const factoryFor = async (backend: RealBackend, env: Readonly<Record<string, string>>) =>
  backend === 'jj'
    ? (await import('../../src/backends/jj/index.js')).jjFactory({ env })
    : (await import('../../src/backends/git/index.js')).gitFactory({ env });

export const realDeps = async (h: Host, backend: RealBackend): Promise<SyncDeps> => ({
  vcs: await factoryFor(backend, h.env),
  chezmoi: chezmoiCli({ source: h.source, destination: h.home, config: h.chezmoiConfig, env: h.env }),
  fs: nodeFs,
  isAlive,
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  pid: process.pid,
});

export interface SyncCall {
  readonly result: Awaited<ReturnType<typeof runSync>>;
  readonly events: readonly SyncEvent[];
}

/** Runs one sync as host `h` of world `w`. */
export const syncHost = async (
  w: World,
  h: Host,
  backend: RealBackend,
  extra: Partial<SyncOptions> = {},
): Promise<SyncCall> => {
  const events: SyncEvent[] = [];
  const result = await (runSync(await realDeps(h, backend), {
    host: h.name,
    stateDir: h.stateDir,
    sourceDir: h.source,
    repoUrl: w.remoteUrl,
    lockTimeoutMs: 5_000,
    onEvent: (e) => events.push(e),
    ...extra,
  }) as ResultAsync<SyncReport, SyncError>);
  return { result, events };
};

/** The report of a sync that must have returned Ok, with the events in the failure message. */
export const okReport = (c: SyncCall): SyncReport => {
  if (c.result.isErr()) {
    throw new Error(`sync failed: ${JSON.stringify(c.result.error, null, 2)}\nevents: ${JSON.stringify(c.events, null, 2)}`);
  }
  return c.result.value;
};

/** Sets a host up as a user would: clone the dotfiles and apply them to HOME. */
export const setUpHost = (w: World, h: Host): void => {
  w.cloneWithGit(h);
  w.chezmoiApply(h);
};

/** Sets each host up (clone + apply) and runs its first sync, which must succeed. */
export const setUpAndSync = async (w: World, hosts: readonly Host[], backend: RealBackend): Promise<void> => {
  for (const h of hosts) {
    setUpHost(w, h);
    okReport(await syncHost(w, h, backend));
  }
};

/** Another tool pushes `edit` of `file` to the remote's main. */
export const pushFromElsewhere = (w: World, h: Host, file: string, edit: (text: string) => string): void => {
  const tool = mkdtempSync(join(w.root, 'other-tool-'));
  w.run(h, 'git', ['clone', '-q', '--', w.remote, tool]);
  w.run(h, 'git', ['-C', tool, 'config', 'user.name', 'Other']);
  w.run(h, 'git', ['-C', tool, 'config', 'user.email', 'other@example.com']);
  const path = join(tool, file);
  writeFileSync(path, edit(readFileSync(path, 'utf8')));
  w.run(h, 'git', ['-C', tool, 'commit', '-q', '-am', `other tool: ${file}`]);
  w.run(h, 'git', ['-C', tool, 'push', '-q', 'origin', 'HEAD:main']);
};
