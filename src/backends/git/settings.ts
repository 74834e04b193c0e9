// How every git process of this backend runs: which binary, which environment, which `-c`
// settings, how long a network command may stay silent. Pure: builds data, spawns nothing.
import { DEFAULT_ALLOWED_PROTOCOLS } from '../../core/remote/remote-url.js';
import type { BackendOptions } from '../../core/vcs.js';

/** Everything a runner needs to spawn git the same way every time. */
export interface GitSettings {
  /** The git executable: `options.binary`, else `$CHEZMOI_SYNC_GIT`, else `git` (looked up on the env's PATH). */
  readonly binary: string;
  /** The complete environment of every git process (nothing else is inherited). */
  readonly env: Readonly<Record<string, string>>;
  /** Inactivity timeout of network commands (fetch, push, clone), in ms. */
  readonly networkTimeoutMs: number;
  /** Where the git version is remembered between runs (see BackendOptions.cacheDir). */
  readonly cacheDir?: string;
}

/**
 * git settings that would sign what a sync writes (`commit.gpgsign`: commits, and the commits a
 * rebase or merge makes; `push.gpgsign`: pushes) or check signatures in what it reads
 * (`log.showSignature`: gpg run on every signed commit, its words mixed into the output we
 * parse), turned off for every git we run or jj runs.
 */
export const NO_SIGNING: readonly (readonly [key: string, value: string])[] = [
  ['commit.gpgsign', 'false'],
  ['push.gpgsign', 'false'],
  ['log.showSignature', 'false'],
];

/**
 * `NO_SIGNING` as `GIT_CONFIG_COUNT`/`GIT_CONFIG_KEY_n`/`GIT_CONFIG_VALUE_n` variables (git >= 2.31),
 * after the ones `env` already has: how settings reach a git that another tool runs (jj's fetch
 * and push). Pure.
 */
export const noSigningEnv = (env: Readonly<Record<string, string | undefined>>): Record<string, string> => {
  const given = Number(env['GIT_CONFIG_COUNT'] ?? '0');
  const from = Number.isInteger(given) && given >= 0 ? given : 0;
  const out: Record<string, string> = { GIT_CONFIG_COUNT: String(from + NO_SIGNING.length) };
  NO_SIGNING.forEach(([k, v], i) => {
    out[`GIT_CONFIG_KEY_${from + i}`] = k;
    out[`GIT_CONFIG_VALUE_${from + i}`] = v;
  });
  return out;
};

/** A silent fetch/push/clone is given up after this long without output. */
export const DEFAULT_NETWORK_TIMEOUT_MS = 60_000;

/**
 * `-c` settings for every command: stable machine output, no background gc or maintenance
 * that could hold locks after we return, and no signing — a timer has no agent or pinentry to
 * sign with, and a signature that fails would fail every sync (jj's settings drop it too).
 */
export const BASE_CONFIG: readonly string[] = [
  'core.quotepath=off',
  'color.ui=false',
  'gc.auto=0',
  'maintenance.auto=false',
  'advice.detachedHead=false',
  ...NO_SIGNING.map(([k, v]) => `${k}=${v}`),
];

// Variables that would redirect git to another repository, open an editor or pager, pop up an
// askpass window or run an external diff. simple-git refuses most of them, and an unattended
// sync wants none of them. Compared case-insensitively, like simple-git does.
const DROPPED = new Set([
  'git_dir',
  'git_work_tree',
  'git_index_file',
  'git_object_directory',
  'git_alternate_object_directories',
  'git_common_dir',
  'git_namespace',
  'git_prefix',
  'git_config_parameters',
  'editor',
  'visual',
  'git_sequence_editor',
  'pager',
  'git_pager',
  'git_askpass',
  'ssh_askpass',
  'git_external_diff',
  'git_template_dir',
]);

/** What we set ourselves: no prompts, no editor, English messages (classify reads stderr), no optional index locks. */
export const FIXED_ENV: Readonly<Record<string, string>> = {
  GIT_TERMINAL_PROMPT: '0',
  GCM_INTERACTIVE: 'never',
  GIT_EDITOR: 'true',
  GIT_MERGE_AUTOEDIT: 'no',
  GIT_OPTIONAL_LOCKS: '0',
  LC_ALL: 'C',
};

/**
 * The environment of every git process: `options.env` over `base` (the process environment),
 * minus the variables in `DROPPED`, plus `FIXED_ENV`. `undefined` values unset a variable.
 */
export const gitEnv = (
  base: Readonly<Record<string, string | undefined>>,
  extra: Readonly<Record<string, string | undefined>> = {},
): Record<string, string> => {
  const merged: Record<string, string | undefined> = { ...base, ...extra };
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(merged)) {
    if (v !== undefined && !DROPPED.has(k.toLowerCase())) out[k] = v;
  }
  return { ...out, ...FIXED_ENV };
};

/** Resolves binary, environment and timeout from the options and the process environment. */
export const gitSettings = (
  options: BackendOptions = {},
  processEnv: Readonly<Record<string, string | undefined>> = process.env,
): GitSettings => {
  // git itself refuses every other transport, even one a repository's config allows.
  const env = { ...gitEnv(processEnv, options.env), GIT_ALLOW_PROTOCOL: options.allowProtocols ?? DEFAULT_ALLOWED_PROTOCOLS };
  const fromEnv = options.env?.['CHEZMOI_SYNC_GIT'] ?? processEnv['CHEZMOI_SYNC_GIT'];
  const binary = options.binary ?? (fromEnv !== undefined && fromEnv !== '' ? fromEnv : 'git');
  return { binary, env, networkTimeoutMs: options.timeoutMs ?? DEFAULT_NETWORK_TIMEOUT_MS, ...(options.cacheDir !== undefined ? { cacheDir: options.cacheDir } : {}) };
};
