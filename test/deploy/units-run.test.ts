// End to end with the built CLI: `chezmoi-sync install-units` writes the units, systemd-analyze
// accepts them, and their ExecStart= — split as systemd splits it, with their Environment= over
// the host's own environment, as a user manager would start it — syncs a throwaway world.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, cli, ensureBuilt } from '../cli/support/cli.js';
import { DEFAULT_FILES, useWorld } from '../support/world.js';
import { environmentOf, evalNixosModule, parseUnitFile, runFile, splitSystemdWords, values, verifyUnits } from './support.js';

beforeAll(() => ensureBuilt());

describe('units written by chezmoi-sync install-units', () => {
  it('verify, and their ExecStart= clones, captures, publishes, and stays at exit 0 offline', async () => {
    const world = await useWorld({ hosts: ['alpha', 'beta'] });
    const alpha = world.host('alpha');
    const installed = cli(['install-units', '--interval=30min', `--repo-url=${world.remoteUrl}`, `--source=${alpha.source}`, '--host=alpha'], {
      env: alpha.env,
    });
    expect(installed.stderr).toBe('');
    expect(installed.code).toBe(0);

    const dir = join(alpha.home, '.config/systemd/user');
    const files = ['chezmoi-sync.service', 'chezmoi-sync.timer'].map((f) => join(dir, f));
    expect(verifyUnits(files, 'user', join(alpha.home, '.config'))).toEqual({ status: 0, output: '' });
    const service = parseUnitFile(readFileSync(join(dir, 'chezmoi-sync.service'), 'utf8'));
    const [exe, ...args] = splitSystemdWords(values(service, 'Service', 'ExecStart')[0] ?? '', 'exec');
    expect([exe, ...args]).toEqual([
      process.execPath,
      CLI,
      'sync',
      `--repo-url=${world.remoteUrl}`,
      `--source=${alpha.source}`,
      '--host=alpha',
    ]);
    const runUnit = () => runFile(exe ?? '', args, { ...alpha.env, ...environmentOf(service) }, alpha.home);

    // First run: the source dir is missing, so it clones and applies.
    const first = runUnit();
    expect(first.status, first.stderr).toBe(0);
    expect(world.readHome(alpha, '.bashrc')).toBe(world.readRemote('dot_bashrc'));

    // An edit in HOME is captured and published by the next run.
    world.writeHome(alpha, '.bashrc', '# bashrc\nexport EDITOR=nvim\n');
    const second = runUnit();
    expect(second.status, second.stderr).toBe(0);
    expect(world.readRemote('dot_bashrc')).toBe('# bashrc\nexport EDITOR=nvim\n');

    // Offline: the work is kept and the unit still succeeds (so a timer never reports failure).
    world.setNetwork(alpha, 'offline');
    world.writeHome(alpha, '.bashrc', '# bashrc\nexport EDITOR=hx\n');
    const offline = runUnit();
    expect(offline.status, offline.stderr).toBe(0);
    expect(world.readRemote('dot_bashrc')).toBe('# bashrc\nexport EDITOR=nvim\n');
    expect(readFileSync(join(alpha.stateDir, 'last-sync-status'), 'utf8').trim()).toBe('fetch-failed');
  });
});

describe('the NixOS module\'s ExecStart=', () => {
  it('is accepted by the real CLI and does what the options say', async () => {
    const world = await useWorld({ hosts: ['alpha'] });
    const alpha = world.host('alpha');
    // The package stand-in: bin/chezmoi-sync runs the built CLI, as nix/package.nix's wrapper does.
    const pkg = join(world.root, 'pkg');
    mkdirSync(join(pkg, 'bin'), { recursive: true });
    writeFileSync(join(pkg, 'bin/chezmoi-sync'), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} "$@"\n`);
    chmodSync(join(pkg, 'bin/chezmoi-sync'), 0o755);
    const stateDir = join(world.root, 'state', 'alpha');
    const out = evalNixosModule<{ systemd: { services: Record<string, { serviceConfig: { ExecStart: string }; environment: Record<string, string> }> } }>({
      services: {
        'chezmoi-sync': {
          enable: true,
          package: { outPath: pkg },
          users: {
            alpha: { repoUrl: world.remoteUrl, sourceDir: alpha.source, host: 'alpha', stateDir, autoPush: false, notifyCommand: 'true', extraArgs: ['--verbose'] },
          },
        },
      },
    });
    const unit = out.systemd.services['chezmoi-sync-alpha'];
    const [exe, ...args] = splitSystemdWords(unit?.serviceConfig.ExecStart ?? '', 'exec');
    const run = () => runFile(exe ?? '', args, { ...alpha.env, ...unit?.environment }, alpha.home);

    const first = run();
    expect(first.status, first.stderr).toBe(0);
    expect(world.readHome(alpha, '.bashrc')).toBe(world.readRemote('dot_bashrc'));
    expect(readFileSync(join(stateDir, 'last-sync-status'), 'utf8').trim()).toBe('success');

    // autoPush = false: the edit is committed locally and stays off the remote.
    world.writeHome(alpha, '.bashrc', '# bashrc\nexport EDITOR=nano\n');
    const second = run();
    expect(second.status, second.stderr).toBe(0);
    expect(world.readRemote('dot_bashrc')).toBe(DEFAULT_FILES['dot_bashrc']);
  });
});
