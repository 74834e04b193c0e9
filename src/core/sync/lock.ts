import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import { lockedError, type SyncError } from '../errors.js';
import type { EngineFs } from './fs.js';

/** Who holds a lock; written into the lock file as JSON. */
export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  readonly startedAt: string;
  /** Distinguishes two runs in one process (an SDK user may start several). */
  readonly token: string;
}

export interface LockDeps {
  readonly fs: EngineFs;
  /** True while a process with this pid runs on this machine. */
  readonly isAlive: (pid: number) => boolean;
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => Date;
}

export interface LockOptions {
  readonly path: string;
  readonly holder: LockHolder;
  /** How long to wait for another holder, ms. */
  readonly timeoutMs: number;
  /** Poll interval, ms. */
  readonly pollMs?: number;
  /**
   * A lock older than this is abandoned whoever holds it (1 hour): no run takes that long, while a
   * holder's name can change (machine renamed, `--host` changed) and its pid can be reused after a
   * reboot — either would otherwise block every later run forever.
   */
  readonly staleAfterMs?: number;
}

export const LOCK_STALE_AFTER_MS = 60 * 60 * 1000;

/** Releases the lock (removes the file only if we still hold it). */
export type Release = () => ResultAsync<void, SyncError>;

const parseHolder = (text: string | undefined): LockHolder | undefined => {
  if (text === undefined) return undefined;
  try {
    const v = JSON.parse(text) as Partial<LockHolder>;
    return typeof v.pid === 'number' && typeof v.host === 'string' ? (v as LockHolder) : undefined;
  } catch {
    return undefined;
  }
};

/** A holder that is no run any more: older than `staleAfterMs` whoever it is, or dead on this host. */
const gone = (h: LockHolder, nowMs: number, host: string, isAlive: (pid: number) => boolean, staleAfterMs: number = LOCK_STALE_AFTER_MS): boolean =>
  nowMs - Date.parse(h.startedAt) > staleAfterMs || (h.host === host && !isAlive(h.pid));

/**
 * An exclusive lock file, created with O_EXCL. A lock whose holder died on this host (pid
 * gone), or older than `staleAfterMs` whoever holds it, is taken over; a lock from a run that
 * is still alive is waited for, up to `timeoutMs`, then `locked`. A lock file that cannot be
 * parsed (killed mid-write) is stale once it is older than the timeout — recorded by first
 * sighting, since we cannot stat here.
 */
export const acquireLock = (deps: LockDeps, opts: LockOptions): ResultAsync<Release, SyncError> => {
  const content = `${JSON.stringify(opts.holder)}\n`;
  const deadline = deps.now().getTime() + opts.timeoutMs;
  const poll = opts.pollMs ?? 200;
  let unparsableSince: number | undefined;

  const release: Release = () =>
    deps.fs.readText(opts.path).andThen((text) => {
      const h = parseHolder(text);
      return h !== undefined && h.token === opts.holder.token
        ? deps.fs.remove(opts.path)
        : okAsync(undefined);
    });

  const attempt = (): ResultAsync<Release, SyncError> =>
    deps.fs.createExclusive(opts.path, content).andThen((created): ResultAsync<Release, SyncError> => {
      if (created) return okAsync(release);
      return deps.fs.readText(opts.path).andThen((text): ResultAsync<Release, SyncError> => {
        if (text === undefined) return attempt(); // released between our two calls
        const holder = parseHolder(text);
        const now = deps.now().getTime();
        const stale =
          holder !== undefined ? gone(holder, now, opts.holder.host, deps.isAlive, opts.staleAfterMs) : now - (unparsableSince ??= now) >= opts.timeoutMs;
        if (stale) return deps.fs.remove(opts.path).andThen(attempt);
        if (now >= deadline) return errAsync(lockedError(opts.path, holder?.pid));
        return okAsync(undefined)
          .andThen(() => ResultAsyncFromSleep(deps.sleep(poll)))
          .andThen(attempt);
      });
    });
  return attempt();
};

// Sleeping never fails; lift it into the Result chain.
const ResultAsyncFromSleep = (p: Promise<void>): ResultAsync<void, SyncError> =>
  okAsync(undefined).map(async () => {
    await p;
  });

/**
 * The run holding the lock at `path`, while it is alive on this host and younger than
 * LOCK_STALE_AFTER_MS (a stale lock's holder is no run: the next sync takes it over); undefined
 * otherwise. Reads only.
 */
export const liveHolder = (deps: Pick<LockDeps, 'fs' | 'isAlive' | 'now'>, path: string, host: string): ResultAsync<LockHolder | undefined, SyncError> =>
  deps.fs.readText(path).map((text) => {
    const h = parseHolder(text);
    return h === undefined || gone(h, deps.now().getTime(), host, deps.isAlive) ? undefined : h;
  });
