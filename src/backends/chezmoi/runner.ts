import { errAsync, okAsync, ResultAsync, type Result } from 'neverthrow';
import type { SyncError } from '../../core/errors.js';
import type { Command, RunOutput } from '../process/runner.js';
import type { ChezmoiSettings } from './settings.js';
import { classifyFailure, isLockTimeout } from './classify.js';

/** A finished chezmoi run, with the argv that produced it (for errors). */
export interface ChezmoiOutput extends RunOutput {
  readonly argv: readonly string[];
}

const command = (settings: ChezmoiSettings, args: readonly string[], input?: string): Command => ({
  file: settings.binary,
  args: [...settings.globalArgs, ...args],
  ...(input !== undefined ? { input } : {}),
  ...(settings.env !== undefined ? { env: settings.env } : {}),
  timeoutMs: settings.timeoutMs,
  tool: 'chezmoi',
});

/**
 * Runs chezmoi once, retrying only when its state lock was busy. Resolves Ok for any other
 * exit code (the caller decides), Err when the process could not run or stayed locked.
 */
export const execChezmoi = (settings: ChezmoiSettings, args: readonly string[], input?: string): ResultAsync<ChezmoiOutput, SyncError> => {
  const cmd = command(settings, args, input);
  const argv = [cmd.file, ...cmd.args];
  const attempt = (n: number): ResultAsync<ChezmoiOutput, SyncError> =>
    settings.runner(cmd).andThen((out) => {
      if (out.exitCode === 0) return okAsync({ ...out, argv });
      const e = classifyFailure(out, argv, settings.statePath);
      if (!isLockTimeout(e)) return okAsync({ ...out, argv });
      if (n >= settings.lockRetries) return errAsync(e);
      return ResultAsync.fromSafePromise(settings.sleep(250 * (n + 1))).andThen(() => attempt(n + 1));
    });
  return attempt(0);
};

/** Runs chezmoi (with `input` on stdin, if any) and parses its stdout; any non-zero exit becomes a classified error. */
export const runChezmoi = <T>(
  settings: ChezmoiSettings,
  args: readonly string[],
  parse: (stdout: string) => Result<T, SyncError>,
  input?: string,
): ResultAsync<T, SyncError> =>
  execChezmoi(settings, args, input).andThen((out) => {
    if (out.exitCode !== 0) return errAsync(classifyFailure(out, out.argv, settings.statePath));
    const parsed = parse(out.stdout);
    return parsed.isOk()
      ? okAsync(parsed.value)
      : errAsync(parsed.error.kind === 'parse' && parsed.error.command === undefined ? { ...parsed.error, command: out.argv } : parsed.error);
  });
