import { errAsync, okAsync, ResultAsync } from 'neverthrow';
import { commandFailed, toolMissing, type SyncError } from '../../core/errors.js';

/** A command as data: what to run, where, with which environment. No shell, ever. */
export interface Command {
  readonly file: string;
  readonly args: readonly string[];
  readonly cwd?: string;
  /** Added to (and overriding) the inherited environment; `undefined` values unset a variable. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly timeoutMs?: number;
  readonly input?: string;
  /** Name used in errors (`jj`, `chezmoi`), defaults to the file's basename. */
  readonly tool?: string;
}

/** A process that ran to completion, whatever its exit code. */
export interface RunOutput {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs one command. Resolves Ok for any exit code (callers classify failures from
 * exit code + stderr); Err only when the process could not run or was killed.
 */
export type Runner = (command: Command) => ResultAsync<RunOutput, SyncError>;

const basename = (file: string): string => file.split('/').pop() ?? file;

const cleanEnv = (env: Command['env']): Record<string, string | undefined> => ({ ...env });

let execaModule: Promise<typeof import('execa')> | undefined;

/** execa, imported on the first run only: `--version` and `--help` never load it (the CLI bundles it, see tsup.config.ts). */
export const loadExeca = (): Promise<typeof import('execa')> => (execaModule ??= import('execa'));

/** The runner over execa: no shell, no stdin unless given, bounded time. */
export const execaRunner: Runner = (command) => {
  const argv = [command.file, ...command.args];
  const tool = command.tool ?? basename(command.file);
  return ResultAsync.fromPromise(
    loadExeca().then(({ execa }) => execa(command.file, [...command.args], {
      ...(command.cwd !== undefined ? { cwd: command.cwd } : {}),
      env: cleanEnv(command.env),
      extendEnv: true,
      reject: false,
      stripFinalNewline: false,
      ...(command.input !== undefined ? { input: command.input } : { stdin: 'ignore' }),
      ...(command.timeoutMs !== undefined ? { timeout: command.timeoutMs } : {}),
      maxBuffer: 256 * 1024 * 1024,
    })),
    (e) => commandFailed(`${tool} could not be run: ${String(e)}`, { command: argv }),
  ).andThen((r): ResultAsync<RunOutput, SyncError> => {
    if (r.exitCode === undefined) {
      // No exit code: the process never started (ENOENT) or was killed (timeout, signal).
      if ((r as { code?: string }).code === 'ENOENT') return errAsync(toolMissing(tool, { command: argv }));
      const why = r.timedOut ? `timed out after ${command.timeoutMs ?? 0} ms` : `was killed (${r.signal ?? r.shortMessage})`;
      return errAsync(commandFailed(`${tool} ${why}`, { command: argv, stderr: String(r.stderr ?? '') }));
    }
    return okAsync({ exitCode: r.exitCode, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? '') });
  });
};
