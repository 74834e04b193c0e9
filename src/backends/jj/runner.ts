import { errAsync, okAsync, ResultAsync } from 'neverthrow';
import type { SyncError } from '../../core/errors.js';
import { DEFAULT_ALLOWED_PROTOCOLS } from '../../core/remote/remote-url.js';
import type { Command, RunOutput } from '../process/runner.js';
import { classify, type ClassifyContext } from './classify.js';
import type { GitCommand, JjCommand } from './commands.js';
import { markerStyleConfig } from './marker-style.js';
import { noSigningEnv } from '../git/settings.js';
import { FORCED_CONFIG, LOCAL_TIMEOUT_MS, NETWORK_TIMEOUT_MS, type JjSettings } from './settings.js';

/** The global flags every jj run gets, then the command's own arguments. */
export const jjArgs = (settings: JjSettings, cmd: JjCommand, root: string | undefined): string[] => [
  ...(root !== undefined && cmd.cwd === undefined ? [`--repository=${root}`] : []),
  '--no-pager',
  '--color=never',
  ...FORCED_CONFIG.map(([k, v]) => `--config=${k}=${v}`),
  ...(settings.gitExplicit ? [`--config=git.executable-path=${JSON.stringify(settings.git)}`] : []),
  ...(settings.markerStyle !== undefined ? [markerStyleConfig(settings.markerStyle)] : []),
  ...cmd.args,
];

const env = (settings: JjSettings): Record<string, string | undefined> => ({
  // A credential prompt would wait for a person that an unattended sync does not have.
  GIT_TERMINAL_PROMPT: '0',
  // With no terminal and no COLUMNS, jj asks for the width by running `tput cols` and `tput lines`
  // (two processes, ~8 ms, on every `jj log`); 80 is what it falls back to anyway.
  ...(process.env['COLUMNS'] === undefined ? { COLUMNS: '80' } : {}),
  ...settings.env,
  // jj runs git for fetch and push: git refuses every other transport, whatever the repository's config allows.
  GIT_ALLOW_PROTOCOL: settings.allowProtocols ?? DEFAULT_ALLOWED_PROTOCOLS,
  // ... and signs no push (a `push.gpgsign` in the person's git config would fail unattended).
  ...noSigningEnv({ ...process.env, ...settings.env }),
});

const timeout = (settings: JjSettings, network: boolean): number =>
  settings.timeoutMs ?? (network ? NETWORK_TIMEOUT_MS : LOCAL_TIMEOUT_MS);

/** The process a jj command becomes (pure). `--version` gets no global flags. */
export const jjProcess = (settings: JjSettings, cmd: JjCommand, root: string | undefined): Command => {
  const bare = cmd.args.length === 1 && cmd.args[0] === '--version';
  const cwd = cmd.cwd ?? root;
  return {
    file: settings.jj,
    args: bare ? [...cmd.args] : jjArgs(settings, cmd, root),
    ...(cwd !== undefined ? { cwd } : {}),
    env: env(settings),
    timeoutMs: timeout(settings, cmd.network === true),
    tool: 'jj',
  };
};

/** The process a git query becomes (pure). */
export const gitProcess = (settings: JjSettings, cmd: GitCommand, cwd?: string): Command => ({
  file: settings.git,
  args: [...cmd.args],
  ...(cwd !== undefined ? { cwd } : {}),
  env: env(settings),
  timeoutMs: timeout(settings, false),
  tool: 'git',
});

const checked = (command: Command, ctx: ClassifyContext) => (out: RunOutput): ResultAsync<RunOutput, SyncError> =>
  out.exitCode === 0 ? okAsync(out) : errAsync(classify([command.file, ...command.args], out, ctx));

/**
 * Runs jj; Ok only for exit 0, otherwise the failure classified from stderr.
 * Paths printed by jj are relative to cwd, so it always runs in the repository root.
 */
export const runJj = (settings: JjSettings, cmd: JjCommand, root?: string, ctx: ClassifyContext = {}): ResultAsync<RunOutput, SyncError> => {
  const command = jjProcess(settings, cmd, root);
  const check = checked(command, { ...(root !== undefined ? { path: root } : {}), ...ctx });
  return settings.runner(command).andThen((out) =>
    // git stores commit times in whole seconds: redoing a rewrite undone within the same second
    // (a rebase after `jj op restore`) makes a commit jj already has. A second later it is new.
    out.exitCode !== 0 && SAME_SECOND_COMMIT.test(out.stderr)
      ? ResultAsync.fromSafePromise(new Promise((r) => setTimeout(r, 1100))).andThen(() => settings.runner(command)).andThen(check)
      : check(out),
  );
};

const SAME_SECOND_COMMIT = /Newly-created commit [0-9a-f]+ already exists/;

/** Runs jj and returns the whole output whatever the exit code (for commands where 1 is an answer). */
export const runJjRaw = (settings: JjSettings, cmd: JjCommand, root?: string): ResultAsync<RunOutput, SyncError> =>
  settings.runner(jjProcess(settings, cmd, root));

/** Runs git; the raw output, since `git config`/`symbolic-ref` exit 1 to say "not set". */
export const runGit = (settings: JjSettings, cmd: GitCommand, cwd?: string): ResultAsync<RunOutput, SyncError> =>
  settings.runner(gitProcess(settings, cmd, cwd));

/** Turns a non-zero exit of a raw run into a classified error. */
export const requireSuccess = (command: Command, ctx: ClassifyContext = {}) => checked(command, ctx);
