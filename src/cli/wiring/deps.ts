// The real adapters behind SyncDeps, configured from the effective configuration.
import { join } from 'node:path';
import type { ResultAsync } from 'neverthrow';
import type { ConflictMarkerStyle } from '../../backends/jj/marker-style.js';
import { chezmoiCli } from '../../backends/chezmoi/index.js';
import { nodeFs } from '../../backends/fs/node-fs.js';
import { lazyFactory } from '../../backends/lazy.js';
import type { Chezmoi } from '../../core/chezmoi.js';
import type { SyncError } from '../../core/errors.js';
import { selectBackend, type BackendChoice, type SelectedBackend } from '../../core/select-backend.js';
import type { SyncDeps, SyncEvent, SyncOptions } from '../../core/sync/types.js';
import type { VcsFactory } from '../../core/vcs.js';
import type { ConfigValues } from '../config/load.js';
import { isAlive, makeNotify, sleep } from './process.js';

type Env = Readonly<Record<string, string | undefined>>;

/** Tool paths, timeout and environment for the adapters. */
export interface AdapterSettings {
  readonly jj?: string;
  readonly git?: string;
  readonly chezmoi?: string;
  readonly chezmoiConfig?: string;
  readonly source?: string;
  readonly destination?: string;
  /** Seconds per network command. */
  readonly timeout: number;
  /** `GIT_ALLOW_PROTOCOL` of every git process (ours and jj's); default file:git:ssh:http:https. */
  readonly allowProtocols?: string;
  /** Environment for every tool (the demo's simulated hosts); default: inherited. */
  readonly env?: Env;
  /** Conflict markers jj writes (a guided resolution); default: the user's jj setting. */
  readonly markerStyle?: ConflictMarkerStyle;
  /** Where tool versions are remembered between runs (under the state dir); unset: asked every run. */
  readonly cacheDir?: string;
}

export interface Adapters {
  readonly factories: { readonly jj: VcsFactory; readonly git: VcsFactory };
  readonly chezmoi: Chezmoi;
}

export const settingsFrom = (v: ConfigValues): AdapterSettings => ({
  timeout: v.timeout,
  allowProtocols: v.allowProtocols,
  markerStyle: v.markerStyle,
  cacheDir: join(v.stateDir, 'cache'),
  ...(v.jj !== undefined ? { jj: v.jj } : {}),
  ...(v.git !== undefined ? { git: v.git } : {}),
  ...(v.chezmoi !== undefined ? { chezmoi: v.chezmoi } : {}),
  ...(v.chezmoiConfig !== undefined ? { chezmoiConfig: v.chezmoiConfig } : {}),
  ...(v.source !== undefined ? { source: v.source } : {}),
});

/** Builds the adapters; nothing runs until a method is called. */
export const makeAdapters = (s: AdapterSettings): Adapters => {
  const timeoutMs = Math.round(s.timeout * 1000);
  const env = { ...(s.env !== undefined ? { env: s.env } : {}), ...(s.cacheDir !== undefined ? { cacheDir: s.cacheDir } : {}) };
  const vcsEnv = { ...env, ...(s.allowProtocols !== undefined ? { allowProtocols: s.allowProtocols } : {}) };
  return {
    factories: {
      // Each backend's module loads only when used: a jj sync never loads simple-git.
      jj: lazyFactory('jj', async () =>
        (await import('../../backends/jj/index.js')).jjFactory({ timeoutMs, ...vcsEnv, ...(s.jj !== undefined ? { binary: s.jj } : {}), ...(s.git !== undefined ? { gitBinary: s.git } : {}), ...(s.markerStyle !== undefined ? { markerStyle: s.markerStyle } : {}) }),
      ),
      git: lazyFactory('git', async () =>
        (await import('../../backends/git/index.js')).gitFactory({ timeoutMs, ...vcsEnv, ...(s.git !== undefined ? { binary: s.git } : {}) }),
      ),
    },
    chezmoi: chezmoiCli({
      timeoutMs,
      ...env,
      ...(s.chezmoi !== undefined ? { binary: s.chezmoi } : {}),
      ...(s.source !== undefined ? { source: s.source } : {}),
      ...(s.destination !== undefined ? { destination: s.destination } : {}),
      ...(s.chezmoiConfig !== undefined ? { config: s.chezmoiConfig } : {}),
    }),
  };
};

export interface Wired {
  readonly deps: SyncDeps;
  readonly backend: SelectedBackend;
  readonly adapters: Adapters;
}

/** Picks the backend (checking its tools) and assembles SyncDeps. */
export const wire = (choice: BackendChoice, s: AdapterSettings): ResultAsync<Wired, SyncError> => {
  const adapters = makeAdapters(s);
  const notifyEnv = s.env !== undefined ? (Object.fromEntries(Object.entries(s.env).filter(([, v]) => v !== undefined)) as Record<string, string>) : undefined;
  return selectBackend(choice, adapters.factories).map((backend) => ({
    backend,
    adapters,
    deps: {
      vcs: backend.factory,
      chezmoi: adapters.chezmoi,
      fs: nodeFs,
      isAlive,
      sleep,
      pid: process.pid,
      notify: makeNotify(undefined, undefined, notifyEnv),
    },
  }));
};

/** SyncOptions from the effective configuration. */
export const syncOptionsFrom = (v: ConfigValues, onEvent: (e: SyncEvent) => void): SyncOptions => ({
  host: v.host,
  stateDir: v.stateDir,
  remote: v.remote,
  autoCommit: v.commit,
  autoPush: v.push,
  apply: v.apply,
  applyScripts: v.applyScripts,
  holdCode: v.holdCode,
  dryRun: v.dryRun,
  messageTemplate: v.messageTemplate,
  branchPrefix: v.branchPrefix,
  lockTimeoutMs: Math.round(v.lockTimeout * 1000),
  onEvent,
  ...(v.source !== undefined ? { sourceDir: v.source } : {}),
  ...(v.repoUrl !== undefined ? { repoUrl: v.repoUrl } : {}),
  ...(v.trunk !== undefined ? { trunk: v.trunk } : {}),
  ...(v.notifyCommand !== undefined ? { notifyCommand: v.notifyCommand } : {}),
});
