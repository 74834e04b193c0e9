// Wiring for the commands that act on an existing repository without being a sync (resolve, undo).
import { err, ok, type Result } from 'neverthrow';
import type { SyncError } from '../../core/errors.js';
import type { ConfigValues } from '../config/load.js';
import { settingsFrom, wire, type Wired } from './deps.js';
import { backendFor, findExistingRepo } from './existing-repo.js';
import { findSourceDir } from './open-repo.js';

/**
 * Like `wire`, but on a plain git clone the git backend is used even when jj was selected: these
 * commands never colocate jj (a resolve that converted a git-synced repository then found the
 * trunk's commits immutable). Only `sync` converts.
 */
export const wireExisting = async (v: ConfigValues): Promise<Result<Wired, SyncError>> => {
  const wired = await wire(v.backend, settingsFrom(v));
  if (wired.isErr()) return err(wired.error);
  const dir = await findSourceDir(v, wired.value.adapters);
  // No source dir to look at: the operation itself reports that.
  if (dir.isErr()) return ok(wired.value);
  const repo = await findExistingRepo(dir.value);
  if (repo.isErr()) return err(repo.error);
  const backend = backendFor(repo.value, wired.value.backend, wired.value.adapters);
  return ok({ ...wired.value, backend, deps: { ...wired.value.deps, vcs: backend.factory } });
};
