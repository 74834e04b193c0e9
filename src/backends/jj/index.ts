import type { BackendOptions, VcsFactory } from '../../core/vcs.js';
import { execaRunner, type Runner } from '../process/runner.js';
import { makeJjFactory } from './factory.js';
import type { ConflictMarkerStyle } from './marker-style.js';

/** Options of the jj backend. */
export interface JjOptions extends BackendOptions {
  /** The git that jj runs for fetch and push (passed as `git.executable-path`); default `git` on PATH. */
  readonly gitBinary?: string;
  /** Spawns the processes; tests inject a recording or fake runner. */
  readonly runner?: Runner;
  /** Conflict markers jj writes into files (a guided resolution); default: the user's jj setting. */
  readonly markerStyle?: ConflictMarkerStyle;
}

const fromEnv = (options: JjOptions, name: string): string | undefined => options.env?.[name] ?? process.env[name];

/**
 * The jj backend. Binaries: `options.binary`, else env `CHEZMOI_SYNC_JJ`, else `jj`;
 * git: `options.gitBinary`, else env `CHEZMOI_SYNC_GIT`, else `git` on PATH.
 * Needs jj >= 0.46 and git >= 2.42 (checked once by `check()` and `open()`).
 *
 * @example
 * const vcs = await jjFactory().open('/home/me/.local/share/chezmoi');
 * if (vcs.isOk()) await vcs.value.commitAll('laptop: 1 file');
 */
export const jjFactory = (options: JjOptions = {}): VcsFactory => {
  const git = options.gitBinary ?? fromEnv(options, 'CHEZMOI_SYNC_GIT');
  return makeJjFactory({
    jj: options.binary ?? fromEnv(options, 'CHEZMOI_SYNC_JJ') ?? 'jj',
    git: git ?? 'git',
    gitExplicit: git !== undefined,
    env: options.env ?? {},
    ...(options.allowProtocols !== undefined ? { allowProtocols: options.allowProtocols } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    runner: options.runner ?? execaRunner,
    ...(options.markerStyle !== undefined ? { markerStyle: options.markerStyle } : {}),
    ...(options.cacheDir !== undefined ? { cacheDir: options.cacheDir } : {}),
  });
};

export { MIN_GIT, MIN_JJ } from './version.js';
export { MARKER_STYLES, type ConflictMarkerStyle } from './marker-style.js';
