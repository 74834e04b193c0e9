// The small process facts SyncDeps needs, for the real machine.
import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import { commandFailed, type SyncError } from '../../core/errors.js';
import { execaRunner, type Runner } from '../../backends/process/runner.js';
import type { WatchClock } from '../../core/watch/scheduler.js';

export { isAlive } from '../../backends/process/alive.js';

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The watch scheduler's clock: the process's own timers. */
export const realClock: WatchClock = {
  now: () => Date.now(),
  after: (ms, fn) => {
    const t = setTimeout(fn, ms);
    return () => clearTimeout(t);
  },
};

/** How long a notify command may run before it is killed. */
export const NOTIFY_TIMEOUT_MS = 30_000;

/**
 * Runs the notify command: argv as given (no shell), the engine's CHEZMOI_SYNC_* variables
 * added to the environment, bounded by a timeout. A non-zero exit is a failure the engine reports.
 */
export const makeNotify =
  (runner: Runner = execaRunner, timeoutMs = NOTIFY_TIMEOUT_MS, baseEnv?: Readonly<Record<string, string>>) =>
  (argv: readonly string[], env: Readonly<Record<string, string>>): ResultAsync<void, SyncError> => {
    const [file, ...args] = argv;
    if (file === undefined) return okAsync(undefined);
    return runner({ file, args, env: { ...baseEnv, ...env }, timeoutMs, tool: 'notify command' }).andThen((r) =>
      r.exitCode === 0
        ? okAsync<void, SyncError>(undefined)
        : errAsync<void, SyncError>(commandFailed(`the notify command exited with ${r.exitCode}`, { command: argv, exitCode: r.exitCode, stderr: r.stderr })),
    );
  };
