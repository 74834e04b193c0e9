// The only place the git backend spawns git: a command (data) in, exit code and output out,
// through simple-git's `raw` with its unsafe-operation checks on. Failures are classified once.
import { errAsync, okAsync, ResultAsync } from 'neverthrow';
import { GitError, simpleGit, type SimpleGitOptions } from 'simple-git';
import { ioError, networkError, type SyncError } from '../../core/errors.js';
import type { Runner } from '../process/runner.js';
import { classifyGitFailure, type GitFailure } from './classify.js';
import { BASE_CONFIG, type GitSettings } from './settings.js';

/** One git invocation as data. `args` start with the subcommand; user values sit after `--` or in `=` forms. */
export interface GitCommand {
  readonly args: readonly string[];
  /** Extra `-c key=value` settings for this command only. */
  readonly config?: readonly string[];
  /** Extra environment for this command only (e.g. `GIT_ALLOW_PROTOCOL` for clone). */
  readonly env?: Readonly<Record<string, string>>;
  /** Contacts a remote: gets the network inactivity timeout. */
  readonly network?: boolean;
  /** Non-zero exit codes that answer a question (e.g. `merge-base --is-ancestor` → 1) rather than fail. */
  readonly okExitCodes?: readonly number[];
  /** Remote name or URL involved, for error messages. */
  readonly remote?: string;
}

/** A git process that ran to an accepted exit code. `stderr` is only kept for non-zero codes. */
export interface GitOutput {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs one git command in `cwd`. Err for every failure, already classified. */
export type GitRunner = (cwd: string, command: GitCommand) => ResultAsync<GitOutput, SyncError>;

/** simple-git hands this back for every non-zero exit, so we keep the exit code and both streams. */
class GitExit extends GitError {
  constructor(
    readonly exitCode: number,
    readonly stdout: string,
    readonly stderr: string,
    readonly stoppedBy: string | undefined,
  ) {
    super(undefined, `git exited with ${exitCode}`);
  }
}

const text = (chunks: readonly Buffer[]): string => Buffer.concat(chunks).toString('utf8');

// simple-git's default treats "non-zero exit with empty stderr" as success; we want every code.
const detect: SimpleGitOptions['errors'] = (error, result) => {
  if (result.exitCode === 0 && error === undefined) return undefined;
  const plugin = error instanceof GitError ? (error as { plugin?: unknown }).plugin : undefined;
  return new GitExit(
    typeof result.exitCode === 'number' ? result.exitCode : -1,
    text(result.stdOut),
    text(result.stdErr),
    typeof plugin === 'string' ? plugin : undefined,
  );
};

const STOPPERS = new Set(['timeout', 'unsafe', 'binary']);

/** The argv simple-git runs for `command` (binary first), as errors report it. */
export const gitArgv = (settings: GitSettings, command: GitCommand): string[] => [
  settings.binary,
  ...[...BASE_CONFIG, ...(command.config ?? [])].flatMap((c) => ['-c', c]),
  ...command.args,
];

const subcommandOf = (command: GitCommand): string => command.args.find((a) => !a.startsWith('-')) ?? command.args[0] ?? '';

/**
 * The real runner, over simple-git. One short-lived simple-git instance per command, so that
 * per-command config, environment and timeout never leak between concurrent commands.
 */
export const createGitRunner = (settings: GitSettings): GitRunner => (cwd, command) => {
  const argv = gitArgv(settings, command);
  const failure = (f: Omit<GitFailure, 'argv' | 'subcommand' | 'cwd' | 'timeoutMs' | 'remote'>): GitFailure => ({
    argv,
    subcommand: subcommandOf(command),
    cwd,
    ...(command.network === true ? { timeoutMs: settings.networkTimeoutMs } : {}),
    ...(command.remote !== undefined ? { remote: command.remote } : {}),
    ...f,
  });
  const spawn = ResultAsync.fromThrowable(
    () =>
      simpleGit({
        baseDir: cwd,
        binary: settings.binary,
        maxConcurrentProcesses: 1,
        trimmed: false,
        config: [...BASE_CONFIG, ...(command.config ?? [])],
        errors: detect,
        // Left on: every check on arguments. Allowed: what the caller's own environment
        // legitimately carries (config files, ssh command, proxy) and our fixed GIT_EDITOR=true.
        unsafe: {
          allowUnsafeConfigPaths: true,
          allowUnsafeConfigEnvCount: true,
          allowUnsafeSshCommand: true,
          allowUnsafeGitProxy: true,
          allowUnsafeEditor: true,
        },
        ...(command.network === true ? { timeout: { block: settings.networkTimeoutMs } } : {}),
      })
        .env({ ...settings.env, ...command.env })
        .raw([...command.args]),
    (e): GitFailure | SyncError => {
      if (e instanceof GitExit) {
        const stoppedBy = e.stoppedBy !== undefined && STOPPERS.has(e.stoppedBy) ? (e.stoppedBy as GitFailure['stoppedBy']) : undefined;
        return failure({ exitCode: e.exitCode, stdout: e.stdout, stderr: e.stderr, ...(stoppedBy !== undefined ? { stoppedBy } : {}) });
      }
      const plugin = (e as { plugin?: unknown }).plugin;
      const message = e instanceof Error ? e.message : String(e);
      if (plugin === 'unsafe' || plugin === 'binary') return failure({ exitCode: -1, stdout: '', stderr: message, stoppedBy: plugin });
      if (/directory that does not exist/.test(message)) return ioError(`${cwd} does not exist`, cwd, { command: argv });
      return failure({ exitCode: -1, stdout: '', stderr: message });
    },
  );
  return spawn()
    .map((stdout): GitOutput => ({ exitCode: 0, stdout, stderr: '' }))
    .orElse((f): ResultAsync<GitOutput, SyncError> => {
      if ('kind' in f) return errAsync(f);
      if (f.stoppedBy === undefined && command.okExitCodes?.includes(f.exitCode) === true) {
        return okAsync({ exitCode: f.exitCode, stdout: f.stdout, stderr: f.stderr });
      }
      return errAsync(classifyGitFailure(f));
    });
};

/** The process runners extend the inherited environment: unset everything the settings left out. */
export const exactEnv = (settings: GitSettings, command: GitCommand): Record<string, string | undefined> => {
  const env: Record<string, string | undefined> = Object.fromEntries(Object.keys(process.env).map((k) => [k, undefined]));
  return Object.assign(env, settings.env, command.env);
};

/**
 * A runner over an injected process `Runner` (tests count or fake processes this way): same
 * argv, environment and classification as the simple-git runner, without simple-git's checks.
 */
export const processGitRunner = (settings: GitSettings, runner: Runner): GitRunner => (cwd, command) => {
  const argv = gitArgv(settings, command);
  const env = exactEnv(settings, command);
  return runner({
    file: settings.binary,
    args: argv.slice(1),
    cwd,
    env,
    tool: 'git',
    ...(command.network === true ? { timeoutMs: settings.networkTimeoutMs } : {}),
  })
    .mapErr((e): SyncError =>
      command.network === true && e.kind === 'command-failed' && /timed out/.test(e.message) ? networkError(e.message, { command: argv }) : e,
    )
    .andThen((out): ResultAsync<GitOutput, SyncError> => {
      if (out.exitCode === 0 || command.okExitCodes?.includes(out.exitCode) === true) return okAsync(out);
      return errAsync(
        classifyGitFailure({
          argv,
          subcommand: subcommandOf(command),
          cwd,
          exitCode: out.exitCode,
          stdout: out.stdout,
          stderr: out.stderr,
          ...(command.remote !== undefined ? { remote: command.remote } : {}),
        }),
      );
    });
};
