// install-units on a real filesystem: idempotent, atomic, only ever touching its own files;
// the units pass `systemd-analyze --user verify`, and their ExecStart= runs in a throwaway world.
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { errAsync } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { ioError } from '../../src/core/errors.js';
import { installUnits, uninstallUnits, type InstallReport, type InstallUnitsOptions } from '../../src/deploy/install-units.js';
import { userUnitDir } from '../../src/deploy/unit-dir.js';
import { nodeUnitFs } from '../../src/deploy/unit-fs.js';
import { useWorld } from '../support/world.js';
import { environmentOf, parseUnitFile, runFile, splitSystemdWords, tempDir, values, verifyUnits } from './support.js';

const COMMAND = [process.execPath, '/opt/chezmoi-sync/dist/cli/cli.js'];

const install = async (o: InstallUnitsOptions): Promise<InstallReport> => {
  const r = await installUnits(o);
  if (r.isErr()) throw new Error(`${r.error.kind}: ${r.error.message}`);
  return r.value;
};
const actions = (r: InstallReport) => Object.fromEntries(r.units.map((u) => [u.name, u.action]));

describe('installUnits', () => {
  it('writes the units into $XDG_CONFIG_HOME/systemd/user, and a second run changes nothing', async () => {
    const xdg = tempDir('xdg-');
    const first = await install({ command: COMMAND, env: { XDG_CONFIG_HOME: xdg } });
    const dir = join(xdg, 'systemd/user');
    expect(first.unitDir).toBe(dir);
    expect(actions(first)).toEqual({ 'chezmoi-sync.service': 'created', 'chezmoi-sync.timer': 'created' });
    expect(first.followUp).toEqual([
      ['systemctl', '--user', 'daemon-reload'],
      ['systemctl', '--user', 'enable', '--now', 'chezmoi-sync.timer'],
    ]);
    // No temp file is left behind.
    expect(readdirSync(dir).sort()).toEqual(['chezmoi-sync.service', 'chezmoi-sync.timer']);
    const before = statSync(join(dir, 'chezmoi-sync.service'));

    const second = await install({ command: COMMAND, env: { XDG_CONFIG_HOME: xdg } });
    expect(actions(second)).toEqual({ 'chezmoi-sync.service': 'unchanged', 'chezmoi-sync.timer': 'unchanged' });
    const after = statSync(join(dir, 'chezmoi-sync.service'));
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
  });

  it('updates what changed and removes a unit of ours that is no longer wanted', async () => {
    const dir = join(tempDir('units-'), 'user');
    await install({ command: COMMAND, unitDir: dir, watchSource: true });
    expect(existsSync(join(dir, 'chezmoi-sync.path'))).toBe(true);

    const r = await install({ command: COMMAND, unitDir: dir, interval: '15min', sync: { push: false } });
    expect(actions(r)).toEqual({ 'chezmoi-sync.service': 'updated', 'chezmoi-sync.timer': 'updated', 'chezmoi-sync.path': 'removed' });
    expect(existsSync(join(dir, 'chezmoi-sync.path'))).toBe(false);
    expect(r.followUp[0]).toEqual(['systemctl', '--user', 'stop', 'chezmoi-sync.path']);
    expect(readFileSync(join(dir, 'chezmoi-sync.service'), 'utf8')).toContain('"--no-push"');
    expect(readFileSync(join(dir, 'chezmoi-sync.timer'), 'utf8')).toContain('OnUnitInactiveSec=15min');
  });

  it('refuses to overwrite a unit it did not write, unless forced', async () => {
    const dir = tempDir('units-');
    const mine = '[Service]\nExecStart=/bin/true\n';
    writeFileSync(join(dir, 'chezmoi-sync.service'), mine);
    const r = await installUnits({ command: COMMAND, unitDir: dir });
    expect(r.isErr() && r.error).toMatchObject({ kind: 'invalid-input', hint: 'move it away, or pass --force to overwrite it' });
    expect(readFileSync(join(dir, 'chezmoi-sync.service'), 'utf8')).toBe(mine);

    const forced = await install({ command: COMMAND, unitDir: dir, force: true });
    expect(actions(forced)['chezmoi-sync.service']).toBe('updated');
  });

  it('writes nothing at all when a setting is invalid', async () => {
    const xdg = tempDir('xdg-');
    const r = await installUnits({ command: COMMAND, env: { XDG_CONFIG_HOME: xdg }, interval: 'every hour' });
    expect(r.isErr() && r.error.kind).toBe('invalid-input');
    expect(existsSync(join(xdg, 'systemd'))).toBe(false);
  });

  it('returns a write failure as an io error, without throwing', async () => {
    const dir = tempDir('units-');
    const failing = { ...nodeUnitFs, writeAtomic: (path: string) => errAsync(ioError(`cannot write ${path}: disk full`, path)) };
    const r = await installUnits({ command: COMMAND, unitDir: dir }, failing);
    expect(r.isErr() && r.error).toMatchObject({ kind: 'io', path: join(dir, 'chezmoi-sync.service') });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('finds the unit dir from XDG_CONFIG_HOME, then HOME', () => {
    expect(userUnitDir({ env: { XDG_CONFIG_HOME: '/x/cfg', HOME: '/home/u' } })._unsafeUnwrap()).toBe('/x/cfg/systemd/user');
    expect(userUnitDir({ env: { XDG_CONFIG_HOME: 'relative', HOME: '/home/u' } })._unsafeUnwrap()).toBe('/home/u/.config/systemd/user');
    expect(userUnitDir({ env: {} }).isErr()).toBe(true);
    expect(userUnitDir({ unitDir: 'rel/dir' }).isErr()).toBe(true);
  });
});

describe('the watch service', () => {
  it('is enabled next to the timer, and an uninstall removes it and its default.target link', async () => {
    const dir = tempDir('units-');
    const r = await install({ command: COMMAND, unitDir: dir, watch: {} });
    expect(r.followUp.at(-1)).toEqual(['systemctl', '--user', 'enable', '--now', 'chezmoi-sync.timer', 'chezmoi-sync-watch.service']);
    mkdirSync(join(dir, 'default.target.wants'));
    symlinkSync(join(dir, 'chezmoi-sync-watch.service'), join(dir, 'default.target.wants/chezmoi-sync-watch.service'));
    const u = (await uninstallUnits({ unitDir: dir }))._unsafeUnwrap();
    expect(actions(u)['chezmoi-sync-watch.service']).toBe('removed');
    expect(u.removedLinks).toEqual([join(dir, 'default.target.wants/chezmoi-sync-watch.service')]);
    expect(readdirSync(dir).sort()).toEqual(['default.target.wants']);
  });
});

describe('uninstallUnits', () => {
  it('removes only the files it wrote, and their enable links', async () => {
    const dir = tempDir('units-');
    await install({ command: COMMAND, unitDir: dir });
    mkdirSync(join(dir, 'timers.target.wants'));
    symlinkSync(join(dir, 'chezmoi-sync.timer'), join(dir, 'timers.target.wants/chezmoi-sync.timer'));
    writeFileSync(join(dir, 'chezmoi-sync.path'), '[Path]\nPathChanged=/somewhere\n'); // not ours
    writeFileSync(join(dir, 'other.service'), '[Service]\nExecStart=/bin/true\n');

    const r = (await uninstallUnits({ unitDir: dir }))._unsafeUnwrap();
    expect(actions(r)).toEqual({ 'chezmoi-sync.service': 'removed', 'chezmoi-sync.timer': 'removed', 'chezmoi-sync.path': 'absent', 'chezmoi-sync-watch.service': 'absent' });
    expect(r.removedLinks).toEqual([join(dir, 'timers.target.wants/chezmoi-sync.timer')]);
    expect(readdirSync(dir).sort()).toEqual(['chezmoi-sync.path', 'other.service', 'timers.target.wants']);
    expect(readdirSync(join(dir, 'timers.target.wants'))).toEqual([]);
    expect(r.followUp).toEqual([
      ['systemctl', '--user', 'stop', 'chezmoi-sync.service', 'chezmoi-sync.timer'],
      ['systemctl', '--user', 'daemon-reload'],
    ]);

    const again = (await uninstallUnits({ unitDir: dir }))._unsafeUnwrap();
    expect(again.units.every((u) => u.action === 'absent')).toBe(true);
    expect(again.followUp).toEqual([]);
  });
});

describe('the installed units', () => {
  it('pass systemd-analyze --user verify', async () => {
    const xdg = tempDir('xdg-');
    const r = await install({
      // verify checks that the executable exists: node does; the script is only an argument.
      command: COMMAND,
      env: { XDG_CONFIG_HOME: xdg },
      watchSource: true,
      watch: { debounce: '500ms', fetchInterval: '5m' },
      sshKeyFile: '/home/me/.ssh/id_ed25519',
      sync: { source: '/home/me/.local/share/chezmoi', host: 'laptop', notifyCommand: 'notify-send "100% $X"' },
    });
    expect(verifyUnits(r.units.map((u) => u.path), 'user', xdg)).toEqual({ status: 0, output: '' });
  });

  it('run their ExecStart= with the argv and environment systemd would give them', async () => {
    const world = await useWorld({ hosts: ['alpha'] });
    const alpha = world.host('alpha');
    // A stand-in CLI that records how it was started.
    const record = join(world.root, 'record.json');
    const fake = join(world.root, 'fake cli.mjs');
    writeFileSync(
      fake,
      `import { writeFileSync } from 'node:fs';\n` +
        `writeFileSync(${JSON.stringify(record)}, JSON.stringify({ argv: process.argv.slice(2), env: process.env, cwd: process.cwd() }));\n`,
    );
    const r = await install({
      command: [process.execPath, fake],
      env: alpha.env,
      sshKeyFile: join(alpha.home, '.ssh/id key'),
      sync: { source: alpha.source, host: 'alpha', repoUrl: world.remoteUrl, push: false },
    });
    const service = parseUnitFile(readFileSync(join(alpha.env['XDG_CONFIG_HOME'] ?? '', 'systemd/user/chezmoi-sync.service'), 'utf8'));
    expect(r.unitDir).toBe(join(alpha.home, '.config/systemd/user'));
    const [exe, ...args] = splitSystemdWords(values(service, 'Service', 'ExecStart')[0] ?? '', 'exec');
    const ran = runFile(exe ?? '', args, { ...alpha.env, ...environmentOf(service) }, alpha.home);
    expect(ran.status).toBe(0);
    const seen = JSON.parse(readFileSync(record, 'utf8')) as { argv: string[]; env: Record<string, string> };
    expect(seen.argv).toEqual(['sync', `--repo-url=${world.remoteUrl}`, `--source=${alpha.source}`, '--host=alpha', '--no-push']);
    expect(seen.env['GIT_SSH_COMMAND']).toBe(`ssh -i '${join(alpha.home, '.ssh/id key')}' -o IdentitiesOnly=yes -o BatchMode=yes`);
    expect(seen.env['GIT_TERMINAL_PROMPT']).toBe('0');
    expect(seen.env['NODE_OPTIONS']).toBe('--max-semi-space-size=1');
    expect(seen.env['HOME']).toBe(alpha.home);
    expect(lstatSync(exe ?? '').isFile()).toBe(true);
  });
});
