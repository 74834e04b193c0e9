import { errAsync, okAsync, ResultAsync } from 'neverthrow';
import type { SyncError } from '../../core/errors.js';
import { DEFAULT_ALLOWED_PROTOCOLS } from '../../core/remote/remote-url.js';
import type { Command, RunOutput, Runner } from '../process/runner.js';
import { classify, type ClassifyContext } from './classify.js';
import type { GitCommand, JjCommand } from './commands.js';
import { markerStyleConfig, type ConflictMarkerStyle } from './marker-style.js';

/** Everything a jj invocation depends on, fixed when the factory is made. */
export interface JjTools {
  readonly jj: string;
  readonly git: string;
  /** The git binary was chosen explicitly: hand it to jj with `git.executable-path`. */
  readonly gitExplicit: boolean;
  /** Environment added to the inherited one. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** `GIT_ALLOW_PROTOCOL` for the git that jj runs (fetch, push, clone). */
  readonly allowProtocols?: string;
  readonly timeoutMs?: number;
  readonly runner: Runner;
  /** Conflict markers jj writes into files; unset: the user's jj setting. */
  readonly markerStyle?: ConflictMarkerStyle;
  /** Where tool versions are remembered between runs (see BackendOptions.cacheDir). */
  readonly cacheDir?: string;
}

/** Local commands get this long unless `timeoutMs` says otherwise. */
export const LOCAL_TIMEOUT_MS = 120_000;
/** Fetch, push and clone get this long unless `timeoutMs` says otherwise. */
export const NETWORK_TIMEOUT_MS = 300_000;

/**
 * Settings forced on every jj run, because a user's value would break an unattended sync.
 * Values are TOML (jj parses `--config` values as TOML).
 */
export const FORCED_CONFIG: readonly (readonly [key: string, value: string])[] = [
  ['ui.paginate', '"never"'],
  // Anything that would open an editor fails instead of waiting for a person.
  ['ui.editor', '"false"'],
  // Signing could prompt for a passphrase or a hardware key.
  ['signing.behavior', '"drop"'],
  ['git.sign-on-push', 'false'],
  // git commits large files; jj would silently leave new files over 1 MiB untracked.
  ['snapshot.max-new-file-size', '"1TiB"'],
  // commitAll must commit every new file, as `git add -A` would.
  ['snapshot.auto-track', '"all()"'],
  // A user's wider immutable set would make the rebase of unpublished work fail forever.
  ['revset-aliases."immutable_heads()"', '"builtin_immutable_heads()"'],
  // A force-push that drops a published commit must not make the next fetch abandon our copy.
  ['git.abandon-unreachable-commits', 'false'],
];

/** The global flags every jj run gets, then the command's own arguments. */
export const jjArgs = (tools: JjTools, cmd: JjCommand, root: string | undefined): string[] => [
  ...(root !== undefined && cmd.cwd === undefined ? [`--repository=${root}`] : []),
  '--no-pager',
  '--color=never',
  ...FORCED_CONFIG.map(([k, v]) => `--config=${k}=${v}`),
  ...(tools.gitExplicit ? [`--config=git.executable-path=${JSON.stringify(tools.git)}`] : []),
  ...(tools.markerStyle !== undefined ? [markerStyleConfig(tools.markerStyle)] : []),
  ...cmd.args,
];

const env = (tools: JjTools): Record<string, string | undefined> => ({
  // A credential prompt would wait for a person that an unattended sync does not have.
  GIT_TERMINAL_PROMPT: '0',
  ...tools.env,
  // jj runs git for fetch and push: git refuses every other transport, whatever the repository's config allows.
  GIT_ALLOW_PROTOCOL: tools.allowProtocols ?? DEFAULT_ALLOWED_PROTOCOLS,
});

const timeout = (tools: JjTools, network: boolean): number =>
  tools.timeoutMs ?? (network ? NETWORK_TIMEOUT_MS : LOCAL_TIMEOUT_MS);

/** The process a jj command becomes (pure). `--version` gets no global flags. */
export const jjProcess = (tools: JjTools, cmd: JjCommand, root: string | undefined): Command => {
  const bare = cmd.args.length === 1 && cmd.args[0] === '--version';
  const cwd = cmd.cwd ?? root;
  return {
    file: tools.jj,
    args: bare ? [...cmd.args] : jjArgs(tools, cmd, root),
    ...(cwd !== undefined ? { cwd } : {}),
    env: env(tools),
    timeoutMs: timeout(tools, cmd.network === true),
    tool: 'jj',
  };
};

/** The process a git query becomes (pure). */
export const gitProcess = (tools: JjTools, cmd: GitCommand, cwd?: string): Command => ({
  file: tools.git,
  args: [...cmd.args],
  ...(cwd !== undefined ? { cwd } : {}),
  env: env(tools),
  timeoutMs: timeout(tools, false),
  tool: 'git',
});

const checked = (command: Command, ctx: ClassifyContext) => (out: RunOutput): ResultAsync<RunOutput, SyncError> =>
  out.exitCode === 0 ? okAsync(out) : errAsync(classify([command.file, ...command.args], out, ctx));

/**
 * Runs jj; Ok only for exit 0, otherwise the failure classified from stderr.
 * Paths printed by jj are relative to cwd, so it always runs in the repository root.
 */
export const runJj = (tools: JjTools, cmd: JjCommand, root?: string, ctx: ClassifyContext = {}): ResultAsync<RunOutput, SyncError> => {
  const command = jjProcess(tools, cmd, root);
  const check = checked(command, { ...(root !== undefined ? { path: root } : {}), ...ctx });
  return tools.runner(command).andThen((out) =>
    // git stores commit times in whole seconds: redoing a rewrite undone within the same second
    // (a rebase after `jj op restore`) makes a commit jj already has. A second later it is new.
    out.exitCode !== 0 && SAME_SECOND_COMMIT.test(out.stderr)
      ? ResultAsync.fromSafePromise(new Promise((r) => setTimeout(r, 1100))).andThen(() => tools.runner(command)).andThen(check)
      : check(out),
  );
};

const SAME_SECOND_COMMIT = /Newly-created commit [0-9a-f]+ already exists/;

/** Runs jj and returns the whole output whatever the exit code (for commands where 1 is an answer). */
export const runJjRaw = (tools: JjTools, cmd: JjCommand, root?: string): ResultAsync<RunOutput, SyncError> =>
  tools.runner(jjProcess(tools, cmd, root));

/** Runs git; the raw output, since `git config`/`symbolic-ref` exit 1 to say "not set". */
export const runGit = (tools: JjTools, cmd: GitCommand, cwd?: string): ResultAsync<RunOutput, SyncError> =>
  tools.runner(gitProcess(tools, cmd, cwd));

/** Turns a non-zero exit of a raw run into a classified error. */
export const requireSuccess = (command: Command, ctx: ClassifyContext = {}) => checked(command, ctx);
