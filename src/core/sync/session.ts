// The operations' way into the repository (resolve, undo, apply): the same entry as a sync
// (steps/repository.ts), without cloning, without progress events.
import { err, type Result } from 'neverthrow';
import type { SyncError } from '../errors.js';
import { resolveOptions } from './options.js';
import { lockToken } from './steps/lock.js';
import { withRepository as enter, type RepoSession } from './steps/repository.js';
import type { SyncDeps, SyncOptions } from './types.js';

export type { RepoSession } from './steps/repository.js';

/**
 * Runs `fn` on the opened repository while holding the same lock as a sync, so that a timer
 * firing meanwhile waits (or reports `locked`) instead of interleaving. What a sync killed half-way
 * left is put back first (resolve, undo and apply write, and would stop at it).
 */
export const withRepository = async <T>(
  deps: SyncDeps,
  options: SyncOptions,
  fn: (s: RepoSession) => Promise<Result<T, SyncError>>,
): Promise<Result<T, SyncError>> => {
  const resolved = resolveOptions(options);
  if (resolved.isErr()) return err(resolved.error);
  const o = resolved.value;
  const at = o.now();
  // Opened as a dry run (no clone, no init); a killed run's leftovers are put back first, as a sync does.
  return enter(deps, o, { dryRun: true, recover: true, at, token: lockToken(deps.pid, at, 'op') }, fn, (f) => Promise.resolve(err(f.error)));
};

export { resolveSessionPath } from './repository.js';
