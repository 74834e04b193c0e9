// The CLI's vocabulary as data: commands, settings and output flags. Parsing, the config file,
// the environment, `config`, completions and docs/cli.md all follow this one table.
import { MARKER_STYLES } from '../../backends/jj/marker-style.js';

/** How a setting's raw text becomes a value. */
export type SettingType = 'string' | 'path' | 'bool' | 'argv' | 'backend' | 'seconds' | 'choice' | 'days';

/** One configurable value: a flag, an environment variable and a config-file key. */
export interface SettingSpec {
  /** Key in the effective configuration and in config.toml. */
  readonly key: SettingKey;
  readonly type: SettingType;
  /** Long flag without `--`; for a default-true bool this is the `no-` flag that turns it off. */
  readonly flag?: string;
  readonly env: string;
  /** false: not accepted in config.toml (per-run settings). */
  readonly inFile: boolean;
  /** Placeholder shown in help. */
  readonly metavar?: string;
  readonly help: string;
  /** The accepted values of a `choice` setting. */
  readonly choices?: readonly string[];
}

export type SettingKey =
  | 'source'
  | 'repoUrl'
  | 'remote'
  | 'trunk'
  | 'backend'
  | 'host'
  | 'commit'
  | 'push'
  | 'apply'
  | 'applyScripts'
  | 'holdCode'
  | 'allowProtocols'
  | 'dryRun'
  | 'stateDir'
  | 'notifyCommand'
  | 'strict'
  | 'messageTemplate'
  | 'branchPrefix'
  | 'timeout'
  | 'lockTimeout'
  | 'chezmoiConfig'
  | 'markerStyle'
  | 'fleetStaleAfter'
  | 'jj'
  | 'git'
  | 'chezmoi';

export const SETTINGS: readonly SettingSpec[] = [
  { key: 'source', type: 'path', flag: 'source', env: 'CHEZMOI_SYNC_SOURCE', inFile: true, metavar: 'DIR', help: 'chezmoi source dir (default: `chezmoi source-path`)' },
  { key: 'repoUrl', type: 'string', flag: 'repo-url', env: 'CHEZMOI_SYNC_REPO_URL', inFile: true, metavar: 'URL', help: 'dotfiles repository: cloned when the source dir is missing, must match the remote otherwise' },
  { key: 'remote', type: 'string', flag: 'remote', env: 'CHEZMOI_SYNC_REMOTE', inFile: true, metavar: 'NAME', help: 'remote name (default: origin)' },
  { key: 'trunk', type: 'string', flag: 'trunk', env: 'CHEZMOI_SYNC_TRUNK', inFile: true, metavar: 'BRANCH', help: "trunk branch (default: the remote's default branch, else main)" },
  { key: 'backend', type: 'backend', flag: 'backend', env: 'CHEZMOI_SYNC_BACKEND', inFile: true, metavar: 'auto|jj|git', help: 'VCS engine (default: auto — jj when usable, else git)' },
  { key: 'host', type: 'string', flag: 'host', env: 'CHEZMOI_SYNC_HOST', inFile: true, metavar: 'NAME', help: "this machine's name in commit messages and its conflict branch (default: the host name)" },
  { key: 'commit', type: 'bool', flag: 'no-commit', env: 'CHEZMOI_SYNC_COMMIT', inFile: true, help: 'do not capture and commit local edits' },
  { key: 'push', type: 'bool', flag: 'no-push', env: 'CHEZMOI_SYNC_PUSH', inFile: true, help: 'do not push' },
  { key: 'apply', type: 'bool', flag: 'no-apply', env: 'CHEZMOI_SYNC_APPLY', inFile: true, help: 'do not apply incoming changes to HOME' },
  { key: 'applyScripts', type: 'bool', flag: 'apply-scripts', env: 'CHEZMOI_SYNC_APPLY_SCRIPTS', inFile: true, help: 'run chezmoi run_ scripts when applying (off by default)' },
  { key: 'holdCode', type: 'bool', flag: 'hold-code', env: 'CHEZMOI_SYNC_HOLD_CODE', inFile: true, help: 'hold back incoming modify_ scripts and command-running templates until `chezmoi-sync apply` (off by default)' },
  { key: 'allowProtocols', type: 'string', flag: 'allow-protocols', env: 'CHEZMOI_SYNC_ALLOW_PROTOCOLS', inFile: true, metavar: 'LIST', help: 'git transports allowed, ":"-separated (default: file:git:ssh:http:https)' },
  { key: 'dryRun', type: 'bool', flag: 'dry-run', env: 'CHEZMOI_SYNC_DRY_RUN', inFile: false, help: 'report what would happen; change nothing' },
  { key: 'stateDir', type: 'path', flag: 'state-dir', env: 'CHEZMOI_SYNC_STATE_DIR', inFile: true, metavar: 'DIR', help: 'state directory (default: $XDG_STATE_HOME/chezmoi-sync)' },
  { key: 'notifyCommand', type: 'argv', flag: 'notify-command', env: 'CHEZMOI_SYNC_NOTIFY_COMMAND', inFile: true, metavar: 'CMD', help: 'command run (no shell) when conflicts are preserved' },
  { key: 'strict', type: 'bool', flag: 'strict', env: 'CHEZMOI_SYNC_STRICT', inFile: true, help: 'exit 75 when a sync degrades (offline, push or auth failed, conflicts preserved)' },
  { key: 'messageTemplate', type: 'string', flag: 'message-template', env: 'CHEZMOI_SYNC_MESSAGE_TEMPLATE', inFile: true, metavar: 'TEXT', help: 'commit message; {host} and {time} are replaced' },
  { key: 'branchPrefix', type: 'string', flag: 'branch-prefix', env: 'CHEZMOI_SYNC_BRANCH_PREFIX', inFile: true, metavar: 'PREFIX', help: 'prefix of per-host conflict branches (default: sync/)' },
  { key: 'timeout', type: 'seconds', flag: 'timeout', env: 'CHEZMOI_SYNC_TIMEOUT', inFile: true, metavar: 'SECONDS', help: 'time limit of each network command (default: 120)' },
  { key: 'lockTimeout', type: 'seconds', flag: 'lock-timeout', env: 'CHEZMOI_SYNC_LOCK_TIMEOUT', inFile: true, metavar: 'SECONDS', help: 'how long to wait for another sync to finish (default: 30)' },
  { key: 'chezmoiConfig', type: 'path', flag: 'chezmoi-config', env: 'CHEZMOI_SYNC_CHEZMOI_CONFIG', inFile: true, metavar: 'FILE', help: "chezmoi's config file (default: chezmoi's own lookup)" },
  { key: 'markerStyle', type: 'choice', choices: MARKER_STYLES, flag: 'marker-style', env: 'CHEZMOI_SYNC_MARKER_STYLE', inFile: true, metavar: 'git|diff|snapshot', help: 'conflict markers `resolve` writes with jj (default: git, the <<<<<<< ======= >>>>>>> style git users know)' },
  { key: 'fleetStaleAfter', type: 'days', flag: 'fleet-stale-after', env: 'CHEZMOI_SYNC_FLEET_STALE_AFTER', inFile: true, metavar: 'AGE', help: '`doctor` warns about hosts whose last sync is older than this: days, or 12h, 30d, 2w (default: 30d)' },
  { key: 'jj', type: 'path', env: 'CHEZMOI_SYNC_JJ', inFile: true, help: 'jj binary (default: jj on PATH)' },
  { key: 'git', type: 'path', env: 'CHEZMOI_SYNC_GIT', inFile: true, help: 'git binary (default: git on PATH)' },
  { key: 'chezmoi', type: 'path', env: 'CHEZMOI_SYNC_CHEZMOI', inFile: true, help: 'chezmoi binary (default: chezmoi on PATH)' },
];

/** Flags that shape output and are never read from env or file. */
export interface OutputFlagSpec {
  readonly flag: string;
  readonly short?: string;
  readonly type: 'boolean' | 'string';
  readonly metavar?: string;
  readonly help: string;
}

export const GLOBAL_FLAGS: readonly OutputFlagSpec[] = [
  { flag: 'json', type: 'boolean', help: 'print one JSON document on stdout (logs go to stderr)' },
  { flag: 'quiet', short: 'q', type: 'boolean', help: 'print only problems and the summary of a degraded run' },
  { flag: 'verbose', short: 'v', type: 'boolean', help: 'print every step, the backend choice and stack traces' },
  { flag: 'config', type: 'string', metavar: 'FILE', help: 'config file (default: $XDG_CONFIG_HOME/chezmoi-sync/config.toml; env CHEZMOI_SYNC_CONFIG)' },
  { flag: 'help', short: 'h', type: 'boolean', help: 'print help' },
  { flag: 'version', short: 'V', type: 'boolean', help: 'print the version' },
];

export type CommandName =
  | 'sync'
  | 'status'
  | 'conflicts'
  | 'log'
  | 'doctor'
  | 'config'
  | 'demo'
  | 'completion'
  | 'install-units'
  | 'resolve'
  | 'undo'
  | 'apply'
  | 'fleet'
  | 'help';

export interface CommandSpec {
  readonly name: CommandName;
  readonly summary: string;
  /** Usage after the command name. */
  readonly usage?: string;
  /** Flags only this command accepts. */
  readonly flags?: readonly OutputFlagSpec[];
  /** Reads the effective configuration (a broken config file fails these commands only). */
  readonly needsConfig: boolean;
  /** Positional arguments accepted (after the command name). */
  readonly positionals?: { readonly min: number; readonly max: number; readonly choices?: readonly string[]; readonly name: string };
}

export const COMMANDS: readonly CommandSpec[] = [
  { name: 'sync', summary: 'capture, integrate, publish and apply (the default)', needsConfig: true },
  { name: 'status', summary: 'last sync, pending pushes, conflicts, local changes, recent history', needsConfig: true, flags: [{ flag: 'limit', short: 'n', type: 'string', metavar: 'N', help: 'how many recent commits to show (default: 5)' }] },
  { name: 'conflicts', summary: 'the preserved conflicts and exactly what to do next', needsConfig: true },
  { name: 'log', summary: 'the last runs recorded in the state file', needsConfig: true, flags: [{ flag: 'limit', short: 'n', type: 'string', metavar: 'N', help: 'how many runs to show (default: 10)' }] },
  { name: 'doctor', summary: 'check tools, repository, remote, SSH, state dir, lock and chezmoi settings', needsConfig: true },
  { name: 'config', summary: 'print the effective configuration and where each value came from', needsConfig: true },
  {
    name: 'demo',
    summary: 'run two simulated machines through a clean edit and a real conflict, in a temp dir',
    needsConfig: false,
    usage: '[--keep] [--backend auto|jj|git]',
    flags: [{ flag: 'keep', type: 'boolean', help: 'keep the demo world on disk and print its path' }],
  },
  { name: 'completion', summary: 'print a shell completion script', usage: 'bash|zsh|fish', needsConfig: false, positionals: { min: 1, max: 1, choices: ['bash', 'zsh', 'fish'], name: 'shell' } },
  {
    name: 'install-units',
    summary: 'write (or remove) the systemd user units for a timer-driven sync',
    usage: '[--uninstall] [--interval SPAN] [--force]',
    needsConfig: true,
    flags: [
      { flag: 'uninstall', type: 'boolean', help: 'remove the units this tool wrote instead' },
      { flag: 'interval', type: 'string', metavar: 'SPAN', help: 'timer period as a systemd time span (default: 1h)' },
      { flag: 'force', type: 'boolean', help: 'overwrite unit files of the same name not written by chezmoi-sync' },
    ],
  },
  {
    name: 'resolve',
    summary: 'bring this host\'s conflicted work onto trunk for you to fix by hand',
    usage: '[--continue|--abort]',
    needsConfig: true,
    flags: [
      { flag: 'continue', type: 'boolean', help: 'check that no markers remain, publish, clean up, apply' },
      { flag: 'abort', type: 'boolean', help: 'return to where `resolve` started' },
    ],
  },
  {
    name: 'fleet',
    summary: 'every host syncing this repository: last sync, status, how far behind trunk, conflicts',
    usage: '[--forget HOST]',
    needsConfig: true,
    flags: [{ flag: 'forget', type: 'string', metavar: 'HOST', help: "delete that host's record on the remote (a machine that is gone)" }],
  },
  { name: 'apply', summary: 'apply the incoming targets a sync held back because they run code (--hold-code)', needsConfig: true },
  { name: 'undo', summary: 'return the repository to its state before the last sync', needsConfig: true },
  { name: 'help', summary: 'print help for a command', usage: '[COMMAND]', needsConfig: false, positionals: { min: 0, max: 1, name: 'command' } },
];

export const commandSpec = (name: string): CommandSpec | undefined => COMMANDS.find((c) => c.name === name);

/** `--no-commit` and friends: the bools whose flag turns them off. */
export const isNegatedFlag = (s: SettingSpec): boolean => s.type === 'bool' && (s.flag?.startsWith('no-') ?? false);

/** Names the binary may be installed as, and the command each implies. */
export const ALIASES: Readonly<Record<string, CommandName>> = {
  'chezmoi-status': 'status',
  'chezmoi-show-conflicts': 'conflicts',
};
