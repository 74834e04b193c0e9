// Installs the systemd user units (user-units.ts) into the unit directory, or removes them.
// Idempotent (same content: no write), atomic (temp file + rename), and it only ever touches
// files that carry its marker. It runs no systemctl itself: the report lists the commands to
// run next, as data.
import { errAsync, okAsync, ResultAsync } from 'neverthrow';
import { join } from 'node:path';
import { invalidInput, type SyncError } from '../core/errors.js';
import { cliCommand, userUnitDir, type UnitDirOptions } from './unit-dir.js';
import { makeDir, nodeUnitFs, type UnitFs } from './unit-fs.js';
import { ALL_UNIT_NAMES, buildUserUnits, UNIT_MARKER, UNIT_NAMES, type GeneratedUnit, type UserUnitsInput } from './user-units.js';

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

/** `installUnits` options: the units' content (command defaults to this CLI) and where they go. */
export interface InstallUnitsOptions extends UnitDirOptions, Omit<UserUnitsInput, 'command'> {
  /** Absolute argv that runs chezmoi-sync; default {@link cliCommand}(). */
  readonly command?: readonly string[];
  /** Overwrite a unit file of the same name that this tool did not write (default false). */
  readonly force?: boolean;
}

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
        const enable = [UNIT_NAMES.timer, UNIT_NAMES.path].filter((n) => wanted.has(n));
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
