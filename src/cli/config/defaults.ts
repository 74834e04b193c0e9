// Defaults that depend on the machine: the host name and the XDG directories.
import { isAbsolute, join } from 'node:path';
import { err, ok, type Result } from 'neverthrow';
import { usage, type UsageError } from '../errors.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Turns an OS host name into one that validateHostName accepts: other characters become "-",
 * it starts with a letter or digit, at most 63 characters.
 * @example sanitizeHostName('Jane’s MacBook Pro.local') // 'Jane-s-MacBook-Pro.local'
 */
export const sanitizeHostName = (raw: string): string => {
  let h = raw
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 63)
    .replace(/[.-]+$/, '');
  if (h.endsWith('.lock')) h = h.slice(0, -'.lock'.length);
  return h.length > 0 ? h : 'host';
};

/** An XDG base directory: the variable when it is set to an absolute path (the spec ignores others), else HOME/fallback. */
const xdg = (env: Env, variable: string, fallback: string, what: string, flagHint: string): Result<string, UsageError> => {
  const v = env[variable];
  if (v !== undefined && isAbsolute(v)) return ok(v);
  const home = env['HOME'];
  if (home === undefined || home.length === 0) {
    return err(usage(`HOME is not set, so there is no default ${what}`, `set HOME or ${variable}, or pass ${flagHint}`));
  }
  return ok(join(home, fallback));
};

/** $XDG_STATE_HOME/chezmoi-sync, or ~/.local/state/chezmoi-sync. */
export const defaultStateDir = (env: Env): Result<string, UsageError> =>
  xdg(env, 'XDG_STATE_HOME', '.local/state', 'state directory', '--state-dir (CHEZMOI_SYNC_STATE_DIR)').map((d) => join(d, 'chezmoi-sync'));

/** $XDG_CONFIG_HOME/chezmoi-sync/config.toml, or ~/.config/chezmoi-sync/config.toml. */
export const defaultConfigFile = (env: Env): Result<string, UsageError> =>
  xdg(env, 'XDG_CONFIG_HOME', '.config', 'config file', '--config (CHEZMOI_SYNC_CONFIG)').map((d) => join(d, 'chezmoi-sync', 'config.toml'));
