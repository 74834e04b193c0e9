// The only place the git backend spawns git: a command (data) in, exit code and output out,
// through simple-git's `raw` with its unsafe-operation checks on. Failures are classified once.
import { errAsync, okAsync, ResultAsync } from 'neverthrow';
import { GitError, simpleGit, type SimpleGitOptions } from 'simple-git';
import { ioError, type SyncError } from '../../core/errors.js';
import { classifyGitFailure, type GitFailure } from './classify.js';
import { BASE_CONFIG, type GitSettings } from './settings.js';
import { gitArgv, subcommandOf, type GitOutput, type GitRunner } from './process-runner.js';

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

/**
 * simple-git waits a fixed 50 ms after a process that printed nothing (a clean `status`, an empty
 * `log` range, `diff --quiet`, `commit -q`, `fetch --quiet`), in case output is still on its way.
 * Once stdout has ended nothing more can come: an empty chunk then tells it so, and the result
 * comes when the process closes (stderr is complete by then too).
 */
const endIsOutput = (_command: string, stdout: NodeJS.ReadableStream): void => {
  stdout.once('end', () => stdout.emit('data', Buffer.alloc(0)));
};

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
        .outputHandler(endIsOutput)
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

export { exactEnv, gitArgv, processGitRunner } from './process-runner.js';
export type { GitCommand, GitOutput, GitRunner } from './process-runner.js';
