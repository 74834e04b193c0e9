// `chezmoi-sync install-units [--uninstall]`: writes the systemd user units (src/deploy/) into
// $XDG_CONFIG_HOME/systemd/user, or removes them. Idempotent (same content: no write), atomic
// (temp file + rename), and it only ever touches files that carry its marker. It runs no
// systemctl itself: the report lists the commands to run next, as data.
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readFile, readlink, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { err, errAsync, ok, okAsync, type Result, ResultAsync } from 'neverthrow';
import { invalidInput, ioError, type SyncError } from '../../core/errors.js';
import { ALL_UNIT_NAMES, buildUserUnits, UNIT_MARKER, UNIT_NAMES, type GeneratedUnit, type UserUnitsInput } from '../../deploy/user-units.js';

export type { SyncUnitSettings } from '../../deploy/sync-args.js';
export type { UserUnitsInput } from '../../deploy/user-units.js';

/** What happened to one unit file. */
export type UnitAction = 'created' | 'updated' | 'unchanged' | 'removed' | 'absent';

export interface UnitOutcome {
  readonly name: string;
  readonly path: string;
  readonly action: UnitAction;
}

/** The result of an install or uninstall. */
export interface InstallReport {
  readonly unitDir: string;
  readonly units: readonly UnitOutcome[];
  /** `enable` symlinks removed by an uninstall (…/timers.target.wants/chezmoi-sync.timer). */
  readonly removedLinks: readonly string[];
  /** systemctl argv lists to run next, in order (this function runs none of them). */
  readonly followUp: readonly (readonly string[])[];
}

/** Where the units go and how to find it. */
export interface UnitDirOptions {
  /** The unit directory; default `$XDG_CONFIG_HOME/systemd/user`, else `$HOME/.config/systemd/user`. */
  readonly unitDir?: string;
  /** Environment for that lookup (default process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** `installUnits` options: the units' content (command defaults to this CLI) and where they go. */
export interface InstallUnitsOptions extends UnitDirOptions, Omit<UserUnitsInput, 'command'> {
  /** Absolute argv that runs chezmoi-sync; default {@link cliCommand}(). */
  readonly command?: readonly string[];
  /** Overwrite a unit file of the same name that this tool did not write (default false). */
  readonly force?: boolean;
}

/** The small part of the filesystem used here: a port, so tests can inject failures. */
export interface UnitFs {
  readText(path: string): ResultAsync<string | undefined, SyncError>;
  /** Temp file in the same dir + rename: readers see the old or the new file, never a part. */
  writeAtomic(path: string, content: string): ResultAsync<void, SyncError>;
  remove(path: string): ResultAsync<void, SyncError>;
  /** Target of a symlink, or undefined when `path` is missing or not a symlink. */
  readLink(path: string): ResultAsync<string | undefined, SyncError>;
}

const io = (what: string, path: string) => (e: unknown): SyncError =>
  ioError(`cannot ${what} ${path}: ${(e as Error).message}`, path, { hint: 'check that the systemd user unit directory is writable by you' });

const missing = (e: unknown): boolean => ['ENOENT', 'ENOTDIR'].includes((e as NodeJS.ErrnoException).code ?? '');

const orUndefined = <T>(p: () => Promise<T>) => async (): Promise<T | undefined> => {
  try {
    return await p();
  } catch (e) {
    if (missing(e)) return undefined;
    throw e;
  }
};

/** The real filesystem (node:fs/promises); nothing throws out of it. */
export const nodeUnitFs: UnitFs = {
  readText: (path) => ResultAsync.fromThrowable(orUndefined(() => readFile(path, 'utf8')), io('read', path))(),
  writeAtomic: (path, content) =>
    ResultAsync.fromThrowable(async () => {
      // A dot name without a unit suffix: systemd never loads it, even if it were left behind.
      const tmp = join(dirname(path), `.${randomBytes(6).toString('hex')}.tmp`);
      try {
        await writeFile(tmp, content, { mode: 0o644, flag: 'wx' });
        await rename(tmp, path);
      } catch (e) {
        await rm(tmp, { force: true });
        throw e;
      }
    }, io('write', path))(),
  remove: (path) => ResultAsync.fromThrowable(() => rm(path, { force: true }), io('remove', path))(),
  readLink: (path) =>
    ResultAsync.fromThrowable(
      orUndefined(async () => ((await lstat(path)).isSymbolicLink() ? readlink(path) : undefined)),
      io('read', path),
    )(),
};

const makeDir = (dir: string): ResultAsync<void, SyncError> =>
  ResultAsync.fromThrowable(() => mkdir(dir, { recursive: true }), io('create', dir))().map(() => undefined);

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

const ours = (content: string | undefined): boolean => content?.split('\n', 1)[0] === `# ${UNIT_MARKER}`;

const writeOne = (fs: UnitFs, dir: string, unit: GeneratedUnit, force: boolean): ResultAsync<UnitOutcome, SyncError> => {
  const path = join(dir, unit.name);
  return fs.readText(path).andThen((current): ResultAsync<UnitOutcome, SyncError> => {
    if (current === unit.content) return okAsync({ name: unit.name, path, action: 'unchanged' });
    if (current !== undefined && !ours(current) && !force) {
      return errAsync(
        invalidInput('unit', path, `${path} exists and was not written by chezmoi-sync`, {
          hint: 'move it away, or pass --force to overwrite it',
        }),
      );
    }
    return fs.writeAtomic(path, unit.content).map(() => ({ name: unit.name, path, action: current === undefined ? 'created' : 'updated' }));
  });
};

/** Removes our unit `name` (only when it carries the marker) and its `enable` symlinks. */
const removeOne = (fs: UnitFs, dir: string, name: string): ResultAsync<{ outcome: UnitOutcome; links: string[] }, SyncError> => {
  const path = join(dir, name);
  const wants = ['timers.target.wants', 'paths.target.wants', 'default.target.wants'].map((w) => join(dir, w, name));
  return fs.readText(path).andThen((current) => {
    if (current === undefined || !ours(current)) return okAsync({ outcome: { name, path, action: 'absent' as const }, links: [] });
    const links = ResultAsync.combine(
      wants.map((w) => fs.readLink(w).andThen((target) => (target === undefined ? okAsync(undefined) : fs.remove(w).map(() => w)))),
    ).map((ws) => ws.filter((w): w is string => w !== undefined));
    return links.andThen((removed) => fs.remove(path).map(() => ({ outcome: { name, path, action: 'removed' as const }, links: removed })));
  });
};

const sequence = <T>(steps: readonly (() => ResultAsync<T, SyncError>)[]): ResultAsync<T[], SyncError> =>
  steps.reduce<ResultAsync<T[], SyncError>>((acc, step) => acc.andThen((done) => step().map((r) => [...done, r])), okAsync([]));

/**
 * Writes the user units and removes those of ours no longer wanted (e.g. the path unit after
 * `watchSource` was turned off). Nothing is written when the settings are invalid.
 *
 * @example
 * const r = await installUnits({ interval: '30min', sync: { push: false } });
 * // ok({ unitDir: '~/.config/systemd/user', units: [{ name: 'chezmoi-sync.service', action: 'created' }, …],
 * //      followUp: [['systemctl', '--user', 'daemon-reload'], ['systemctl', '--user', 'enable', '--now', 'chezmoi-sync.timer']] })
 */
export const installUnits = (options: InstallUnitsOptions = {}, fs: UnitFs = nodeUnitFs): ResultAsync<InstallReport, SyncError> => {
  const { unitDir: _d, env: _e, force = false, command, ...rest } = options;
  const dirResult = userUnitDir(options);
  if (dirResult.isErr()) return errAsync(dirResult.error);
  const built = buildUserUnits({ ...rest, command: command ?? cliCommand() });
  if (built.isErr()) return errAsync(built.error);
  const dir = dirResult.value;
  const units = built.value;
  const wanted = new Set(units.map((u) => u.name));
  const stale = ALL_UNIT_NAMES.filter((n) => !wanted.has(n));
  return makeDir(dir)
    .andThen(() => sequence(units.map((u) => () => writeOne(fs, dir, u, force))))
    .andThen((written) =>
      sequence(stale.map((n) => () => removeOne(fs, dir, n))).map((removed) => {
        const gone = removed.filter((r) => r.outcome.action === 'removed');
        const enable = [UNIT_NAMES.timer, UNIT_NAMES.path, UNIT_NAMES.watch].filter((n) => wanted.has(n));
        return {
          unitDir: dir,
          units: [...written, ...gone.map((r) => r.outcome)],
          removedLinks: gone.flatMap((r) => r.links),
          followUp: [
            ...(gone.length > 0 ? [['systemctl', '--user', 'stop', ...gone.map((r) => r.outcome.name)]] : []),
            ['systemctl', '--user', 'daemon-reload'],
            ...(enable.length > 0 ? [['systemctl', '--user', 'enable', '--now', ...enable]] : []),
          ],
        };
      }),
    );
};

/**
 * Removes the units this tool wrote (files with its marker only) and their `enable` symlinks.
 * @example await uninstallUnits() // ok({ units: [{ name: 'chezmoi-sync.timer', action: 'removed' }, …], … })
 */
export const uninstallUnits = (options: UnitDirOptions = {}, fs: UnitFs = nodeUnitFs): ResultAsync<InstallReport, SyncError> => {
  const dir = userUnitDir(options);
  if (dir.isErr()) return errAsync(dir.error);
  return sequence(ALL_UNIT_NAMES.map((n) => () => removeOne(fs, dir.value, n))).map((results) => {
    const removed = results.filter((r) => r.outcome.action === 'removed').map((r) => r.outcome.name);
    return {
      unitDir: dir.value,
      units: results.map((r) => r.outcome),
      removedLinks: results.flatMap((r) => r.links),
      followUp: removed.length > 0 ? [['systemctl', '--user', 'stop', ...removed], ['systemctl', '--user', 'daemon-reload']] : [],
    };
  });
};
