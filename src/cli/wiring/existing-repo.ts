// Which repository, and which backend, a command other than `sync` works on: never one that
// would convert the repository (only sync colocates jj with a plain git clone).
import type { Result } from 'neverthrow';
import { nodeFs } from '../../backends/fs/node-fs.js';
import type { SyncError } from '../../core/errors.js';
import type { SelectedBackend } from '../../core/select-backend.js';
import { findRepoRoot } from '../../core/sync/repository.js';
import type { Adapters } from './deps.js';

/** The repository holding a source dir: its root and whether jj already manages it. */
export interface ExistingRepo {
  readonly root: string;
  readonly jj: boolean;
}

/** The repository at `dir`, or above it when `dir` is its `.chezmoiroot` subdirectory (as sync decides). */
export const findExistingRepo = async (dir: string): Promise<Result<ExistingRepo | undefined, SyncError>> => {
  const root = await findRepoRoot(nodeFs, dir, ['.jj', '.git']);
  if (root.isErr() || root.value === undefined) return root.map(() => undefined);
  const top = root.value;
  return (await nodeFs.probe(`${top}/.jj`)).map((p) => ({ root: top, jj: p !== 'missing' }));
};

/**
 * The backend for an existing repository: jj only where jj already manages it. A plain git
 * clone is read (and resolved) with git, whatever was selected: no command but sync converts it.
 */
export const backendFor = (repo: ExistingRepo | undefined, selected: SelectedBackend, adapters: Adapters): SelectedBackend =>
  repo !== undefined && !repo.jj && selected.factory.kind === 'jj'
    ? { factory: adapters.factories.git, reason: `${repo.root} is a plain git clone (jj takes over at the first sync)` }
    : selected;
