// Where the systemd user units go, and the command they run.
import { isAbsolute, join, resolve } from 'node:path';
import { err, ok, type Result } from 'neverthrow';
import { invalidInput, type SyncError } from '../core/errors.js';

/** Where the units go and how to find it. */
export interface UnitDirOptions {
  /** The unit directory; default `$XDG_CONFIG_HOME/systemd/user`, else `$HOME/.config/systemd/user`. */
  readonly unitDir?: string;
  /** Environment for that lookup (default process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * The systemd user unit directory.
 * @example userUnitDir({ env: { XDG_CONFIG_HOME: '/home/a/.config' } }) // ok('/home/a/.config/systemd/user')
 */
export const userUnitDir = (o: UnitDirOptions = {}): Result<string, SyncError> => {
  if (o.unitDir !== undefined) {
    return isAbsolute(o.unitDir) ? ok(o.unitDir) : err(invalidInput('unitDir', o.unitDir, 'the unit directory must be an absolute path'));
  }
  const env = o.env ?? process.env;
  const xdg = env['XDG_CONFIG_HOME'];
  if (xdg !== undefined && isAbsolute(xdg)) return ok(join(xdg, 'systemd', 'user'));
  const home = env['HOME'];
  if (home !== undefined && isAbsolute(home)) return ok(join(home, '.config', 'systemd', 'user'));
  return err(invalidInput('unitDir', '', 'neither XDG_CONFIG_HOME nor HOME is an absolute path', { hint: 'set HOME, or pass the unit directory' }));
};

/**
 * The argv that runs this very CLI: the node binary and the script as invoked (not resolved,
 * so `chezmoi-sync` stays the name it runs under), or a given binary.
 * @example cliCommand('/usr/local/bin/chezmoi-sync') // ['/usr/local/bin/chezmoi-sync']
 */
export const cliCommand = (binary?: string): readonly string[] =>
  binary !== undefined ? [binary] : [process.execPath, resolve(process.argv[1] ?? 'chezmoi-sync')];
