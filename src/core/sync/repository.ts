import { basename, dirname, resolve } from 'node:path';
import { err, errAsync, ok, okAsync, type Result, type ResultAsync } from 'neverthrow';
import { invalidInput, notARepo, type SyncError } from '../errors.js';
import type { Vcs } from '../vcs.js';
import { checkRepositoryRemote } from '../remote/remote-url.js';
import type { EngineFs } from './fs.js';
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

/** The one error for a source dir with nothing to open (missing, empty, or a file), whoever finds it. */
export const sourceDirMissing = (dir: string): SyncError =>
  notARepo(dir, { hint: `${dir} holds no repository: pass --repo-url URL to clone your dotfiles there, or run \`chezmoi init URL\`` });

/**
 * Ok when `dir` can be opened as it is; with a URL to clone from, a missing or empty dir is fine.
 * Checked before the lock is taken, since the lock file lives beside the source dir.
 */
export const checkSourceDir = (fs: EngineFs, dir: string, repoUrl?: string): ResultAsync<string, SyncError> =>
  fs.probe(dir).andThen((what) => (what === 'dir' || repoUrl !== undefined ? okAsync(dir) : errAsync(sourceDirMissing(dir))));

/** The nearest directory at or above `dir` holding one of `markers` (the source dir may be a `.chezmoiroot` subdirectory). */
const findUp = async (fs: EngineFs, dir: string, markers: readonly string[]): Promise<Result<string | undefined, SyncError>> => {
  for (let d = dir; ; d = dirname(d)) {
    for (const m of markers) {
      const p = await fs.probe(`${d}/${m}`);
      if (p.isErr()) return err(p.error);
      if (p.value !== 'missing') return ok(d);
    }
    if (dirname(d) === d) return ok(undefined);
  }
};

/**
 * The repository (a directory holding one of `markers`) at `dir`, or above it when that repository's
 * `.chezmoiroot` names `dir`. Any other repository above (a HOME kept in git) is not the dotfiles
 * repository. Every command decides this way.
 */
export const findRepoRoot = async (fs: EngineFs, dir: string, markers: readonly string[]): Promise<Result<string | undefined, SyncError>> => {
  const root = await findUp(fs, dir, markers);
  if (root.isErr() || root.value === undefined || resolve(root.value) === resolve(dir)) return root;
  const top = root.value;
  const named = await fs.readText(`${top}/.chezmoiroot`);
  return named.map((t) => (t !== undefined && resolve(top, t.trim()) === resolve(dir) ? top : undefined));
};

const findGitRoot = (fs: EngineFs, dir: string) => findRepoRoot(fs, dir, ['.git']);

/** The lock file for a repository root (or a source dir not cloned yet): beside it, never inside it. */
export const lockPathFor = (root: string): string => `${dirname(root)}/.${basename(root)}.chezmoi-sync.lock`;

/** The file that marks a guided resolution in progress: beside the repository, like the lock. */
export const resolveSessionPath = (root: string): string => `${dirname(root)}/.${basename(root)}.chezmoi-sync.resolve.json`;

/**
 * Where the lock for `sourceDir` lives: beside the repository that holds it, so that every run on
 * that repository shares one lock whatever its state dir — and the lock is never committed.
 */
export const resolveLockPath = async (fs: EngineFs, sourceDir: string): Promise<Result<string, SyncError>> => {
  const root = await findUp(fs, sourceDir, ['.jj', '.git']);
  return root.map((r) => lockPathFor(r ?? sourceDir));
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
    if (opts.repoUrl === undefined) return err(sourceDirMissing(sourceDir));
    if (opts.dryRun) return err(invalidInput('sourceDir', sourceDir, `dry run: would clone ${opts.repoUrl} into ${sourceDir}`));
    const cloned = await deps.vcs.clone(opts.repoUrl, sourceDir);
    if (cloned.isErr()) return err(cloned.error);
    vcs = cloned.value;
    action = 'cloned';
  } else {
    // open() searches upwards: with `.chezmoiroot` the source dir is a subdirectory of the repository.
    const opened = await deps.vcs.open(sourceDir);
    if (opened.isOk()) {
      vcs = opened.value;
    } else if (opened.error.kind !== 'not-a-repo') {
      return err(opened.error);
    } else {
      // jj on a plain git clone: colocate (imports all branches; git keeps working beside it).
      const gitRoot = await findGitRoot(deps.fs, sourceDir);
      if (gitRoot.isErr()) return err(gitRoot.error);
      if (deps.vcs.kind !== 'jj' || gitRoot.value === undefined) {
        return err(notARepo(sourceDir, { hint: `${sourceDir} is not a ${deps.vcs.kind} repository; clone your dotfiles there first` }));
      }
      if (opts.dryRun) return err(invalidInput('sourceDir', sourceDir, `dry run: would run jj git init --colocate in ${gitRoot.value}`));
      const inited = await deps.vcs.init(gitRoot.value);
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
  // Read from the repository, so untrusted: checked like a configured URL before anything fetches.
  const safe = checkRepositoryRemote(remote);
  if (safe.isErr()) return err(safe.error);
  if (opts.repoUrl !== undefined && !sameUrl(remote.url, opts.repoUrl)) {
    return err(
      invalidInput('repoUrl', opts.repoUrl, `the configured repository URL ${opts.repoUrl} differs from ${opts.remote}'s URL ${remote.url}`, {
        hint: 'fix the configured repoUrl, or change the remote URL yourself; nothing was changed',
      }),
    );
  }
  return ok({ vcs, action, ...(info.value.trunk !== undefined ? { trunk: info.value.trunk } : {}) });
};

/**
 * Puts back what a run of ours killed half-way left (`Vcs.recoverInterrupted`), telling `info`
 * what it did. Only under the sync lock, before anything else writes. A recovery that could not
 * run is told too and the run goes on (what stopped it stops the run's own commands, with their
 * own words), except a refusal (`unsafe-state`: a person's work is in the way): that is the run's error.
 */
export const recoverKilledRun = async (vcs: Vcs, info: (message: string) => void): Promise<Result<void, SyncError>> => {
  if (vcs.recoverInterrupted === undefined) return ok(undefined);
  const recovered = await vcs.recoverInterrupted();
  if (recovered.isErr()) {
    if (recovered.error.kind === 'unsafe-state') return err(recovered.error);
    info(recovered.error.message);
  } else if (recovered.value.length > 0) info(`a killed sync had left ${recovered.value.join(', ')}: recovered`);
  return ok(undefined);
};
