import { err, ok, type Result } from 'neverthrow';
import { invalidInput, notARepo, type SyncError } from '../errors.js';
import type { Vcs } from '../vcs.js';
import type { SyncDeps } from './types.js';

export interface OpenedRepository {
  readonly vcs: Vcs;
  /** The remote's default branch, when the backend knows it. */
  readonly trunk?: string;
  readonly action: 'opened' | 'cloned' | 'initialised';
}

/** Compares two URLs of the same repository loosely: trailing slashes and `.git` do not matter. */
export const sameUrl = (a: string, b: string): boolean => {
  const norm = (u: string): string => u.trim().replace(/\/+$/, '').replace(/\.git$/, '').replace(/^file:\/\//, '');
  return norm(a) === norm(b);
};

/**
 * Step 2: the repository. Opens it; clones it when the directory is missing (or empty) and a
 * URL is configured; colocates jj with an existing git clone (`jj git init --colocate`);
 * checks that a configured URL matches the actual remote — changing nothing when it does not.
 */
export const openRepository = async (
  deps: Pick<SyncDeps, 'vcs' | 'fs'>,
  opts: { sourceDir: string; remote: string; repoUrl?: string; dryRun: boolean },
): Promise<Result<OpenedRepository, SyncError>> => {
  const { sourceDir } = opts;
  let action: OpenedRepository['action'] = 'opened';
  let vcs: Vcs;

  const probe = await deps.fs.probe(sourceDir);
  if (probe.isErr()) return err(probe.error);
  if (probe.value === 'missing' || probe.value === 'empty-dir') {
    if (opts.repoUrl === undefined) {
      return err(notARepo(sourceDir, { hint: 'the source directory does not exist: pass --repo-url to clone it, or run `chezmoi init URL`' }));
    }
    if (opts.dryRun) return err(invalidInput('sourceDir', sourceDir, `dry run: would clone ${opts.repoUrl} into ${sourceDir}`));
    const cloned = await deps.vcs.clone(opts.repoUrl, sourceDir);
    if (cloned.isErr()) return err(cloned.error);
    vcs = cloned.value;
    action = 'cloned';
  } else {
    const isRepo = await deps.vcs.isRepo(sourceDir);
    if (isRepo.isErr()) return err(isRepo.error);
    if (isRepo.value) {
      const opened = await deps.vcs.open(sourceDir);
      if (opened.isErr()) return err(opened.error);
      vcs = opened.value;
    } else {
      // jj on a plain git clone: colocate (imports all branches; git keeps working beside it).
      const gitDir = await deps.fs.probe(`${sourceDir}/.git`);
      if (gitDir.isErr()) return err(gitDir.error);
      if (deps.vcs.kind !== 'jj' || gitDir.value === 'missing') {
        return err(notARepo(sourceDir, { hint: `${sourceDir} is not a ${deps.vcs.kind} repository; clone your dotfiles there first` }));
      }
      if (opts.dryRun) return err(invalidInput('sourceDir', sourceDir, `dry run: would run jj git init --colocate in ${sourceDir}`));
      const inited = await deps.vcs.init(sourceDir);
      if (inited.isErr()) return err(inited.error);
      vcs = inited.value;
      action = 'initialised';
    }
  }

  const info = await vcs.info();
  if (info.isErr()) return err(info.error);
  const remote = info.value.remotes.find((r) => r.name === opts.remote);
  if (remote === undefined) {
    return err(
      invalidInput('remote', opts.remote, `the repository at ${sourceDir} has no remote named ${opts.remote}`, {
        hint: 'add the remote (git remote add / jj git remote add) or pass --remote',
      }),
    );
  }
  if (opts.repoUrl !== undefined && !sameUrl(remote.url, opts.repoUrl)) {
    return err(
      invalidInput('repoUrl', opts.repoUrl, `the configured repository URL ${opts.repoUrl} differs from ${opts.remote}'s URL ${remote.url}`, {
        hint: 'fix the configured repoUrl, or change the remote URL yourself; nothing was changed',
      }),
    );
  }
  return ok({ vcs, action, ...(info.value.trunk !== undefined ? { trunk: info.value.trunk } : {}) });
};
