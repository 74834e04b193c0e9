// git as a plain process over an injected `Runner`: the command model every git runner shares,
// the argv and the exact environment. Loads no simple-git (the fleet records use this alone).
import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import { networkError, type SyncError } from '../../core/errors.js';
import type { Runner } from '../process/runner.js';
import { classifyGitFailure } from './classify.js';
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
  /** Standard input (`hash-object --stdin`); only `processGitRunner` passes it. */
  readonly input?: string;
  /** Changes no ref, HEAD or state file: what the repository remembered stays true across it. */
  readonly readOnly?: boolean;
  /**
   * Moves remote-tracking refs only (a fetch): what the repository remembered of HEAD stays (its
   * ref files are still checked before each reuse); answers about other refs are dropped.
   */
  readonly remoteRefsOnly?: boolean;
}

/** A git process that ran to an accepted exit code. `stderr` is only kept for non-zero codes. */
export interface GitOutput {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs one git command in `cwd`. Err for every failure, already classified. */
export type GitRunner = (cwd: string, command: GitCommand) => ResultAsync<GitOutput, SyncError>;

/** The argv simple-git runs for `command` (binary first), as errors report it. */
export const gitArgv = (settings: GitSettings, command: GitCommand): string[] => [
  settings.binary,
  ...[...BASE_CONFIG, ...(command.config ?? [])].flatMap((c) => ['-c', c]),
  ...command.args,
];

/** The git subcommand of a command (`fetch`, `push`, …), for messages. */
export const subcommandOf = (command: GitCommand): string => command.args.find((a) => !a.startsWith('-')) ?? command.args[0] ?? '';

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
    ...(command.input !== undefined ? { input: command.input } : {}),
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
