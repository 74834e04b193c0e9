// Which repository, and which backend, a command other than `sync` works on: never one that
// would convert the repository (only sync colocates jj with a plain git clone).
import { dirname, join, resolve } from 'node:path';
import { ok, type Result } from 'neverthrow';
import { nodeFs } from '../../backends/fs/node-fs.js';
import type { SyncError } from '../../core/errors.js';
import type { SelectedBackend } from '../../core/select-backend.js';
import type { Adapters } from './deps.js';

/** The repository holding a source dir: its root and whether jj already manages it. */
export interface ExistingRepo {
  readonly root: string;
  readonly jj: boolean;
}

const has = async (path: string): Promise<Result<boolean, SyncError>> => (await nodeFs.probe(path)).map((p) => p !== 'missing');

/** True when `root/.chezmoiroot` names `dir` (the source state lives in that subdirectory). */
const chezmoiRootIs = async (root: string, dir: string): Promise<Result<boolean, SyncError>> =>
  (await nodeFs.readText(join(root, '.chezmoiroot'))).map((t) => t !== undefined && resolve(root, t.trim()) === resolve(dir));

/**
 * The repository at `dir`, or above it when `dir` is the `.chezmoiroot` subdirectory of one; a
 * repository above that does not name `dir` (a HOME kept in git) is not the dotfiles repository.
 */
export const findExistingRepo = async (dir: string): Promise<Result<ExistingRepo | undefined, SyncError>> => {
  for (let d = resolve(dir); ; d = dirname(d)) {
    const jj = await has(join(d, '.jj'));
    if (jj.isErr()) return jj.map(() => undefined);
    const git = jj.value ? ok(true) : await has(join(d, '.git'));
    if (git.isErr()) return git.map(() => undefined);
    if (git.value) {
      if (d === resolve(dir)) return ok({ root: d, jj: jj.value });
      const named = await chezmoiRootIs(d, dir);
      return named.map((yes) => (yes ? { root: d, jj: jj.value } : undefined));
    }
    if (dirname(d) === d) return ok(undefined);
  }
};

/**
 * The backend for an existing repository: jj only where jj already manages it. A plain git
 * clone is read (and resolved) with git, whatever was selected: no command but sync converts it.
 */
export const backendFor = (repo: ExistingRepo | undefined, selected: SelectedBackend, adapters: Adapters): SelectedBackend =>
  repo !== undefined && !repo.jj && selected.factory.kind === 'jj'
    ? { factory: adapters.factories.git, reason: `${repo.root} is a plain git clone (jj takes over at the first sync)` }
    : selected;
