// Step 1, lock: every run and every operation on one repository is serialised by one lock file
// beside it (repository.ts: lockPathFor), whatever its state dir.
import { ResultAsync } from 'neverthrow';
import type { SyncError } from '../../errors.js';
import { acquireLock, type Release } from '../lock.js';
import type { ResolvedOptions } from '../options.js';
import { resolveLockPath } from '../repository.js';
import type { SyncDeps } from '../types.js';

let tokenCounter = 0;

/** A token telling two runs of one process apart (`kind` says what took the lock). */
export const lockToken = (pid: number, at: Date, kind: 'run' | 'op'): string =>
  `${pid}-${at.getTime()}-${kind === 'op' ? 'op' : ''}${++tokenCounter}`;

/** Takes the lock for `sourceDir`: waits up to `lockTimeoutMs` for another holder, then `locked`. */
export const takeLock = (
  deps: SyncDeps,
  o: Pick<ResolvedOptions, 'host' | 'lockTimeoutMs' | 'now'>,
  sourceDir: string,
  at: Date,
  token: string,
): ResultAsync<Release, SyncError> =>
  new ResultAsync(resolveLockPath(deps.fs, sourceDir)).andThen((path) =>
    acquireLock(
      { fs: deps.fs, isAlive: deps.isAlive, sleep: deps.sleep, now: o.now },
      { path, holder: { pid: deps.pid, host: o.host, startedAt: at.toISOString(), token }, timeoutMs: o.lockTimeoutMs },
    ),
  );
