// The `chezmoi-sync sync` argv a unit runs, from settings named like the CLI's own
// (src/cli/args/spec.ts). nix/lib.nix builds the same argv for the NixOS module.
import { err, ok, type Result } from 'neverthrow';
import { invalidInput, type InvalidInputError } from '../core/errors.js';
import { validateHostName, validatePath, validateRefName, validateRemoteName, validateRepoUrl } from '../core/validate.js';
import { validateAllowedProtocols } from '../core/remote/remote-url.js';
import { hasControl } from './systemd-quote.js';

/** Settings baked into a unit's ExecStart=. Unset ones are left to config.toml and defaults. */
export interface SyncUnitSettings {
  /** chezmoi source dir (`--source`), absolute. */
  readonly source?: string;
  /** `--repo-url`. */
  readonly repoUrl?: string;
  readonly remote?: string;
  readonly trunk?: string;
  readonly backend?: 'auto' | 'jj' | 'git';
  readonly host?: string;
  /** `--state-dir`, absolute. */
  readonly stateDir?: string;
  /** `--notify-command`, as the CLI reads it. */
  readonly notifyCommand?: string;
  /** false: `--no-commit`. */
  readonly commit?: boolean;
  /** false: `--no-push`. */
  readonly push?: boolean;
  /** false: `--no-apply`. */
  readonly apply?: boolean;
  /** true: `--hold-code`. */
  readonly holdCode?: boolean;
  /** `--allow-protocols`. */
  readonly allowProtocols?: string;
  /** Appended as they are (e.g. `--verbose`). */
  readonly extraArgs?: readonly string[];
}

const absolute = (field: string, path: string): Result<string, InvalidInputError> =>
  validatePath(path, field).andThen((p) =>
    p.startsWith('/') ? ok(p) : err(invalidInput(field, p, `the ${field} must be an absolute path: ${JSON.stringify(p)}`)),
  );

const noControl = (field: string, value: string): Result<string, InvalidInputError> =>
  hasControl(value) ? err(invalidInput(field, value, `the ${field} contains a control character`)) : ok(value);

/**
 * Checks every user value before it is written into a unit file.
 * @example validateSyncUnitSettings({ repoUrl: '--upload-pack=x' }) // err(invalid-input url)
 */
export const validateSyncUnitSettings = (s: SyncUnitSettings): Result<SyncUnitSettings, InvalidInputError> => {
  const checks: Result<unknown, InvalidInputError>[] = [
    ...(s.source !== undefined ? [absolute('source', s.source)] : []),
    ...(s.stateDir !== undefined ? [absolute('stateDir', s.stateDir)] : []),
    ...(s.repoUrl !== undefined ? [validateRepoUrl(s.repoUrl)] : []),
    ...(s.remote !== undefined ? [validateRemoteName(s.remote)] : []),
    ...(s.trunk !== undefined ? [validateRefName(s.trunk, 'trunk')] : []),
    ...(s.host !== undefined ? [validateHostName(s.host)] : []),
    ...(s.notifyCommand !== undefined ? [noControl('notifyCommand', s.notifyCommand)] : []),
    ...(s.allowProtocols !== undefined ? [validateAllowedProtocols(s.allowProtocols)] : []),
    ...(s.extraArgs ?? []).map((a) => noControl('extraArgs', a)),
  ];
  const bad = checks.find((c) => c.isErr());
  return bad !== undefined && bad.isErr() ? err(bad.error) : ok(s);
};

/** `watch` settings baked into its unit (durations as the CLI reads them: `2s`, `5m`). */
export interface WatchUnitSettings {
  readonly debounce?: string;
  readonly fetchInterval?: string;
}

/**
 * The argv after the binary for the long-running `watch`: the same settings as `sync`, then its own.
 * @example watchArgs({ host: 'laptop' }, { fetchInterval: '1m' }) // ['watch', '--host=laptop', '--fetch-interval=1m']
 */
export const watchArgs = (s: SyncUnitSettings, w: WatchUnitSettings): readonly string[] => [
  'watch',
  ...syncArgs(s).slice(1),
  ...(w.debounce !== undefined ? [`--debounce=${w.debounce}`] : []),
  ...(w.fetchInterval !== undefined ? [`--fetch-interval=${w.fetchInterval}`] : []),
];

/**
 * The argv after the binary: `sync` and one `--flag=value` per setting, so that no value can be
 * read as another option.
 * @example syncArgs({ push: false, host: 'laptop' }) // ['sync', '--host=laptop', '--no-push']
 */
export const syncArgs = (s: SyncUnitSettings): readonly string[] => [
  'sync',
  ...(s.repoUrl !== undefined ? [`--repo-url=${s.repoUrl}`] : []),
  ...(s.source !== undefined ? [`--source=${s.source}`] : []),
  ...(s.remote !== undefined ? [`--remote=${s.remote}`] : []),
  ...(s.trunk !== undefined ? [`--trunk=${s.trunk}`] : []),
  ...(s.backend !== undefined && s.backend !== 'auto' ? [`--backend=${s.backend}`] : []),
  ...(s.host !== undefined ? [`--host=${s.host}`] : []),
  ...(s.stateDir !== undefined ? [`--state-dir=${s.stateDir}`] : []),
  ...(s.notifyCommand !== undefined ? [`--notify-command=${s.notifyCommand}`] : []),
  ...(s.commit === false ? ['--no-commit'] : []),
  ...(s.push === false ? ['--no-push'] : []),
  ...(s.apply === false ? ['--no-apply'] : []),
  ...(s.holdCode === true ? ['--hold-code'] : []),
  ...(s.allowProtocols !== undefined ? [`--allow-protocols=${s.allowProtocols}`] : []),
  ...(s.extraArgs ?? []),
];
