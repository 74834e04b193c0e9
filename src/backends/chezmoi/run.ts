import { errAsync, okAsync, ResultAsync, type Result } from 'neverthrow';
import type { SyncError } from '../../core/errors.js';
import type { Command, RunOutput, Runner } from '../process/runner.js';
import { classifyFailure, isLockTimeout } from './classify.js';

/** How chezmoi is run: the binary, fixed leading flags, environment and retry policy. */
export interface ChezmoiExec {
  readonly binary: string;
  readonly globalArgs: readonly string[];
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly timeoutMs: number;
  readonly runner: Runner;
  /** Extra attempts after chezmoi's own ~1 s wait for its state lock ran out. */
  readonly lockRetries: number;
  readonly sleep: (ms: number) => Promise<void>;
  /** Where chezmoi keeps its state database, for error messages. */
  readonly statePath: string;
}

/** A finished chezmoi run, with the argv that produced it (for errors). */
export interface ChezmoiOutput extends RunOutput {
  readonly argv: readonly string[];
}

const command = (x: ChezmoiExec, args: readonly string[], input?: string): Command => ({
  file: x.binary,
  args: [...x.globalArgs, ...args],
  ...(input !== undefined ? { input } : {}),
  ...(x.env !== undefined ? { env: x.env } : {}),
  timeoutMs: x.timeoutMs,
  tool: 'chezmoi',
});

/**
 * Runs chezmoi once, retrying only when its state lock was busy. Resolves Ok for any other
 * exit code (the caller decides), Err when the process could not run or stayed locked.
 */
export const execChezmoi = (x: ChezmoiExec, args: readonly string[], input?: string): ResultAsync<ChezmoiOutput, SyncError> => {
  const cmd = command(x, args, input);
  const argv = [cmd.file, ...cmd.args];
  const attempt = (n: number): ResultAsync<ChezmoiOutput, SyncError> =>
    x.runner(cmd).andThen((out) => {
      if (out.exitCode === 0) return okAsync({ ...out, argv });
      const e = classifyFailure(out, argv, x.statePath);
      if (!isLockTimeout(e)) return okAsync({ ...out, argv });
      if (n >= x.lockRetries) return errAsync(e);
      return ResultAsync.fromSafePromise(x.sleep(250 * (n + 1))).andThen(() => attempt(n + 1));
    });
  return attempt(0);
};

/** Runs chezmoi (with `input` on stdin, if any) and parses its stdout; any non-zero exit becomes a classified error. */
export const runChezmoi = <T>(
  x: ChezmoiExec,
  args: readonly string[],
  parse: (stdout: string) => Result<T, SyncError>,
  input?: string,
): ResultAsync<T, SyncError> =>
  execChezmoi(x, args, input).andThen((out) => {
    if (out.exitCode !== 0) return errAsync(classifyFailure(out, out.argv, x.statePath));
    const parsed = parse(out.stdout);
    return parsed.isOk()
      ? okAsync(parsed.value)
      : errAsync(parsed.error.kind === 'parse' && parsed.error.command === undefined ? { ...parsed.error, command: out.argv } : parsed.error);
  });
