import { err, type Result } from 'neverthrow';
import type { SyncError } from '../errors.js';
import type { Vcs } from '../vcs.js';
import { resolveOptions, type ResolvedOptions } from './engine.js';
import { acquireLock } from './lock.js';
import { readState, type StateFile } from './state.js';
import type { SyncDeps, SyncOptions } from './types.js';
import { openRepository, resolveLockPath } from './repository.js';

/** What an operation on the repository (resolve, undo) works with, under the sync lock. */
export interface RepoSession {
  readonly o: ResolvedOptions;
  readonly vcs: Vcs;
  readonly trunk: string;
  readonly sourceDir: string;
  readonly state: StateFile;
}

let sessionCounter = 0;

/**
 * Runs `fn` on the opened repository while holding the same lock as a sync, so that a timer
 * firing meanwhile waits (or reports `locked`) instead of interleaving.
 */
export const withRepository = async <T>(
  deps: SyncDeps,
  options: SyncOptions,
  fn: (s: RepoSession) => Promise<Result<T, SyncError>>,
): Promise<Result<T, SyncError>> => {
  const resolved = resolveOptions(options);
  if (resolved.isErr()) return err(resolved.error);
  const o = resolved.value;
  let sourceDir = o.sourceDir;
  if (sourceDir === undefined) {
    const sp = await deps.chezmoi.sourcePath();
    if (sp.isErr()) return err(sp.error);
    sourceDir = sp.value;
  }
  const lockPath = await resolveLockPath(deps.fs, sourceDir);
  if (lockPath.isErr()) return err(lockPath.error);
  const now = o.now();
  const lock = await acquireLock(
    { fs: deps.fs, isAlive: deps.isAlive, sleep: deps.sleep, now: o.now },
    { path: lockPath.value, holder: { pid: deps.pid, host: o.host, startedAt: now.toISOString(), token: `${deps.pid}-${now.getTime()}-op${++sessionCounter}` }, timeoutMs: o.lockTimeoutMs },
  );
  if (lock.isErr()) return err(lock.error);
  try {
    const st = await readState(deps.fs, o.stateDir, now);
    if (st.isErr()) return err(st.error);
    const repo = await openRepository(deps, { sourceDir, remote: o.remote, dryRun: true });
    if (repo.isErr()) return err(repo.error);
    const trunk = o.trunk ?? repo.value.trunk ?? 'main';
    return await fn({ o, vcs: repo.value.vcs, trunk, sourceDir, state: st.value.state });
  } finally {
    const released = await lock.value();
    if (released.isErr()) o.onEvent({ type: 'info', message: `could not release the lock: ${released.error.message}` });
  }
};

export { resolveSessionPath } from './repository.js';

