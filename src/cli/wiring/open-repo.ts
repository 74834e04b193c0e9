// Opening the source repository for the read-only commands (status, conflicts, doctor,
// resolve, undo): the configured source dir or chezmoi's, with the backend that fits it.
import { err, ok, type Result, type ResultAsync } from 'neverthrow';
import { nodeFs } from '../../backends/fs/node-fs.js';
import type { SyncError } from '../../core/errors.js';
import { checkSourceDir } from '../../core/sync/repository.js';
import { findSourceDir as findRunSourceDir } from '../../core/sync/steps/repository.js';
import { checkRepositoryRemote } from '../../core/remote/remote-url.js';
import { selectBackend, type SelectedBackend } from '../../core/select-backend.js';
import type { RepoInfo, Vcs } from '../../core/vcs.js';
import type { ConfigValues } from '../config/load.js';
import { makeAdapters, settingsFrom, type Adapters } from './deps.js';
import { backendFor, findExistingRepo } from './existing-repo.js';

export interface OpenedRepo {
  readonly sourceDir: string;
  readonly vcs: Vcs;
  readonly info: RepoInfo;
  /** `remote/branch` the sync integrates with. */
  readonly trunk: string;
  readonly backend: SelectedBackend;
  readonly adapters: Adapters;
}

/** The source dir: configured, else `chezmoi source-path` (the same answer a sync finds). */
export const findSourceDir = (v: ConfigValues, adapters: Adapters): ResultAsync<string, SyncError> =>
  findRunSourceDir(adapters, v.source !== undefined ? { sourceDir: v.source } : {});

/**
 * Opens the repository at the source dir, or above it when the source dir is its `.chezmoiroot`
 * subdirectory. With jj selected but a plain git clone not yet colocated (no sync ran yet), reads
 * it with git: these commands never convert a repository.
 */
export const openRepo = async (v: ConfigValues, adapters: Adapters = makeAdapters(settingsFrom(v))): Promise<Result<OpenedRepo, SyncError>> => {
  const backend = await selectBackend(v.backend, adapters.factories);
  if (backend.isErr()) return err(backend.error);
  const sourceDir = await findSourceDir(v, adapters);
  if (sourceDir.isErr()) return err(sourceDir.error);
  const dir = sourceDir.value;
  const exists = await checkSourceDir(nodeFs, dir);
  if (exists.isErr()) return err(exists.error);
  const repo = await findExistingRepo(dir);
  if (repo.isErr()) return err(repo.error);
  const chosen = backendFor(repo.value, backend.value, adapters);
  const vcs = await chosen.factory.open(repo.value?.root ?? dir);
  if (vcs.isErr()) return err(vcs.error);
  const info = await vcs.value.info();
  if (info.isErr()) return err(info.error);
  // A URL read from the repository is checked like a configured one before any command talks to it.
  const remote = info.value.remotes.find((r) => r.name === v.remote);
  if (remote !== undefined) {
    const safe = checkRepositoryRemote(remote);
    if (safe.isErr()) return err(safe.error);
  }
  return ok({
    sourceDir: dir,
    vcs: vcs.value,
    info: info.value,
    trunk: v.trunk ?? info.value.trunk ?? 'main',
    backend: chosen,
    adapters,
  });
};
