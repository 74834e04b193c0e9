import type { BackendOptions, VcsFactory } from '../../core/vcs.js';
import type { Runner } from '../process/runner.js';
import { makeGitFactory } from './factory.js';
import { gitSettings } from './settings.js';
import { createGitRunner, processGitRunner } from './runner.js';

/** Options of the git backend. */
export interface GitOptions extends BackendOptions {
  /**
   * Spawns git through this process runner instead of simple-git: tests count or fake
   * processes this way. Same argv, environment and error classification.
   */
  readonly runner?: Runner;
}

/**
 * The git backend. Binary: `options.binary`, else env `CHEZMOI_SYNC_GIT`, else `git` on PATH.
 * Needs git >= 2.34 (checked once by `check()` and `open()`). Every git runs with an explicit
 * environment (`options.env` over the process's, no prompts, no editor or pager, LC_ALL=C) and
 * network commands stop after `options.timeoutMs` (default 60 s) without output.
 *
 * @example
 * const vcs = await gitFactory().open('/home/me/.local/share/chezmoi');
 * if (vcs.isOk()) await vcs.value.commitAll('laptop: 1 file');
 */
export const gitFactory = (options: GitOptions = {}): VcsFactory => {
  const settings = gitSettings(options);
  return makeGitFactory(settings, options.runner !== undefined ? processGitRunner(settings, options.runner) : createGitRunner(settings));
};

export { MIN_GIT } from './factory.js';
