// The Nix side: every .nix file parses, and nix/module.nix — evaluated with the stub lib in
// test/deploy/nix/ (no nixpkgs offline) — generates the units we mean for two users.
import { chmodSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { execLine } from '../../src/deploy/systemd-quote.js';
import { syncArgs, watchArgs } from '../../src/deploy/sync-args.js';
import { evalNixosModule, mkdirp, nix, nixEval, nixString, REPO, splitSystemdWords, tempDir, verifyUnits } from './support.js';

interface NixService {
  description: string;
  wants?: string[];
  after?: string[];
  before?: string[];
  wantedBy?: string[];
  environment: Record<string, string>;
  restartIfChanged: boolean;
  serviceConfig: Record<string, string | number | boolean>;
}
interface NixTimer {
  description: string;
  wantedBy: string[];
  timerConfig: Record<string, string>;
}
interface Evaluated {
  systemd: { services: Record<string, NixService>; timers: Record<string, NixTimer>; tmpfiles: string[] };
  systemPackages: string[];
  failedAssertions: string[];
  warnings: string[];
  options: string[];
}

const evalModule = (configuration: unknown, autoUpgrade = true): Evaluated => evalNixosModule<Evaluated>(configuration, autoUpgrade);

const nixFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return ['node_modules', '.git', '.tools', 'dist'].includes(e.name) ? [] : nixFiles(p);
    return e.name.endsWith('.nix') ? [p] : [];
  });

/** A package stand-in whose bin/chezmoi-sync exists, so systemd-analyze can check ExecStart=. */
const fakePackage = (): string => {
  const pkg = tempDir('pkg-');
  const bin = join(mkdirp(join(pkg, 'bin')), 'chezmoi-sync');
  writeFileSync(bin, '#!/bin/sh\nexit 0\n');
  chmodSync(bin, 0o755);
  return pkg;
};

/** The seed role config: a desktop user syncing before upgrades and hourly, and a second user. */
const twoUsers = (pkg: string) => ({
  services: {
    'chezmoi-sync': {
      enable: true,
      package: { outPath: pkg },
      repoUrl: 'git@example.com:me/dotfiles.git',
      users: {
        alice: { syncBeforeUpdate: true, interval: '1h', sshKeyFile: '/home/alice/.ssh/id_dotfiles', host: 'desk' },
        bob: {
          autoPush: false,
          autoCommit: false,
          stateDir: '/var/lib/chezmoi-sync/bob',
          notifyCommand: 'notify-send chezmoi-sync',
          extraArgs: ['--verbose'],
          sshAuthSock: '/run/user/1001/ssh-agent.socket',
        },
        carol: { enable: false, interval: '5min' },
      },
    },
  },
});

/** The module's services and timers written as NixOS writes unit files; returns their paths. */
const renderNixUnits = (out: Evaluated): string[] => {
  const dir = tempDir('nixos-units-');
  const files: string[] = [];
  for (const [name, s] of Object.entries(out.systemd.services)) {
    const text = [
      '[Unit]',
      `Description=${s.description}`,
      ...(s.wants ?? []).map((w) => `Wants=${w}`),
      ...(s.after ?? []).map((w) => `After=${w}`),
      ...(s.before ?? []).map((w) => `Before=${w}`),
      '',
      '[Service]',
      // NixOS writes each variable as one quoted Environment= assignment.
      ...Object.entries(s.environment).map(([k, v]) => `Environment=${JSON.stringify(`${k}=${v}`).replace(/%/g, '%%')}`),
      ...Object.entries(s.serviceConfig).map(([k, v]) => `${k}=${String(v)}`),
      '',
      '[Install]',
      ...(s.wantedBy ?? []).map((w) => `WantedBy=${w}`),
    ].join('\n');
    files.push(join(dir, `${name}.service`));
    writeFileSync(join(dir, `${name}.service`), `${text}\n`);
  }
  for (const [name, t] of Object.entries(out.systemd.timers)) {
    const text = ['[Unit]', `Description=${t.description}`, '', '[Timer]', ...Object.entries(t.timerConfig).map(([k, v]) => `${k}=${v}`), '', '[Install]', ...t.wantedBy.map((w) => `WantedBy=${w}`)];
    files.push(join(dir, `${name}.timer`));
    writeFileSync(join(dir, `${name}.timer`), `${text.join('\n')}\n`);
  }
  return files;
};

const execArgv = (s: NixService): string[] => splitSystemdWords(String(s.serviceConfig['ExecStart']), 'exec');

describe('nix files', () => {
  it('every .nix file in the repository parses with nix-instantiate --parse', () => {
    const files = nixFiles(REPO);
    expect(files.map((f) => relative(REPO, f)).sort()).toEqual(
      expect.arrayContaining(['flake.nix', 'nix/lib.nix', 'nix/module.nix', 'nix/package.nix', 'nix/tests/vm.nix']),
    );
    for (const f of files) expect(nix(['--parse', f]).length, f).toBeGreaterThan(0);
  });
});

describe('NixOS module (stub lib)', () => {
  it('generates per-user services running as each user, with the flags their settings ask for', () => {
    const pkg = fakePackage();
    const out = evalModule(twoUsers(pkg));
    expect(out.failedAssertions).toEqual([]);
    expect(Object.keys(out.systemd.services).sort()).toEqual(['chezmoi-sync-alice', 'chezmoi-sync-bob', 'chezmoi-sync-pre-upgrade-alice']);
    expect(out.systemPackages).toEqual([pkg]);

    const alice = out.systemd.services['chezmoi-sync-alice'];
    const bob = out.systemd.services['chezmoi-sync-bob'];
    expect(alice?.serviceConfig['User']).toBe('alice');
    expect(bob?.serviceConfig['User']).toBe('bob');
    expect(alice?.serviceConfig['Type']).toBe('oneshot');
    expect(execArgv(alice as NixService)).toEqual([`${pkg}/bin/chezmoi-sync`, 'sync', '--repo-url=git@example.com:me/dotfiles.git', '--host=desk']);
    expect(execArgv(bob as NixService)).toEqual([
      `${pkg}/bin/chezmoi-sync`,
      'sync',
      '--repo-url=git@example.com:me/dotfiles.git',
      '--state-dir=/var/lib/chezmoi-sync/bob',
      '--notify-command=notify-send chezmoi-sync',
      '--no-commit',
      '--no-push',
      '--verbose',
    ]);
    // bob's state dir is created by systemd and owned by bob; alice keeps her XDG state dir.
    expect(bob?.serviceConfig['StateDirectory']).toBe('chezmoi-sync/bob');
    expect(alice?.serviceConfig['StateDirectory']).toBeUndefined();
    expect(alice?.environment['GIT_SSH_COMMAND']).toBe(
      "/nix/store/00000000000000000000000000000000-openssh-10.0p2/bin/ssh -i '/home/alice/.ssh/id_dotfiles' -o IdentitiesOnly=yes -o BatchMode=yes",
    );
    expect(bob?.environment['SSH_AUTH_SOCK']).toBe('/run/user/1001/ssh-agent.socket');
    expect(bob?.environment['GIT_SSH_COMMAND']).toBeUndefined();
    // Every sync a unit starts runs with small V8 semi-spaces (a lower memory peak).
    expect(alice?.environment['NODE_OPTIONS']).toBe('--max-semi-space-size=1');
    expect(alice?.restartIfChanged).toBe(false);
  });

  it('orders the pre-upgrade service before nixos-upgrade.service, wanted (not required) by it', () => {
    const out = evalModule(twoUsers(fakePackage()));
    const pre = out.systemd.services['chezmoi-sync-pre-upgrade-alice'];
    expect(pre?.before).toEqual(['nixos-upgrade.service']);
    expect(pre?.wantedBy).toEqual(['nixos-upgrade.service']);
    expect(pre).not.toHaveProperty('requiredBy');
    expect(pre?.serviceConfig['User']).toBe('alice');
    expect(pre?.serviceConfig['TimeoutStartSec']).toBe('15min');
    expect(pre?.serviceConfig['ExecStart']).toBe(out.systemd.services['chezmoi-sync-alice']?.serviceConfig['ExecStart']);
    // No "-" prefix: a real failure shows in `systemctl --failed`; Wants= keeps the upgrade going.
    expect(String(pre?.serviceConfig['ExecStart']).startsWith('"')).toBe(true);
  });

  it('has a timer only for users with an interval', () => {
    const out = evalModule(twoUsers(fakePackage()));
    expect(Object.keys(out.systemd.timers)).toEqual(['chezmoi-sync-alice']);
    expect(out.systemd.timers['chezmoi-sync-alice']).toMatchObject({
      wantedBy: ['timers.target'],
      timerConfig: { OnUnitInactiveSec: '1h', Unit: 'chezmoi-sync-alice.service', OnBootSec: '5min' },
    });
  });

  it('generates nothing when disabled, and the top-level settings are every user\'s defaults', () => {
    expect(evalModule({ services: { 'chezmoi-sync': { users: { alice: {} } } } }).systemd.services).toEqual({});
    const out = evalModule({
      services: { 'chezmoi-sync': { enable: true, package: { outPath: '/p' }, interval: '30min', autoPush: false, users: { alice: {}, bob: { autoPush: true } } } },
    });
    expect(Object.keys(out.systemd.timers).sort()).toEqual(['chezmoi-sync-alice', 'chezmoi-sync-bob']);
    expect(execArgv(out.systemd.services['chezmoi-sync-alice'] as NixService)).toEqual(['/p/bin/chezmoi-sync', 'sync', '--no-push']);
    expect(execArgv(out.systemd.services['chezmoi-sync-bob'] as NixService)).toEqual(['/p/bin/chezmoi-sync', 'sync']);
  });

  it('a state dir outside /var/lib gets a tmpfiles rule owned by the user', () => {
    const out = evalModule({
      services: { 'chezmoi-sync': { enable: true, package: { outPath: '/p' }, users: { alice: { stateDir: '/srv/state/alice' } } } },
    });
    expect(out.systemd.tmpfiles).toEqual(['d /srv/state/alice 0700 alice - - -']);
  });

  it('refuses bad settings with assertions, and an undeclared option with an error', () => {
    const base = { enable: true, package: { outPath: '/p' } };
    expect(evalModule({ services: { 'chezmoi-sync': base } }).failedAssertions).toEqual([
      'services.chezmoi-sync.enable is set but services.chezmoi-sync.users names no (enabled) user',
    ]);
    const bad = evalModule({ services: { 'chezmoi-sync': { ...base, users: { 'a b': {}, bob: { interval: 'hourly', repoUrl: '--upload-pack=x' } } } } });
    expect(bad.failedAssertions).toHaveLength(3);
    expect(bad.failedAssertions.join('\n')).toMatch(/users\.a b: the name/);
    expect(bad.failedAssertions.join('\n')).toMatch(/bob\.interval: "hourly" is not a systemd time span/);
    expect(bad.failedAssertions.join('\n')).toMatch(/bob\.repoUrl must not start with '-'/);
    expect(() => evalModule({ services: { 'chezmoi-sync': { ...base, users: { bob: { intervall: '1h' } } } } })).toThrow(
      /services\.chezmoi-sync\.users\.bob\.intervall' does not exist/,
    );
    expect(() => evalModule({ services: { 'chezmoi-sync': { ...base, autoPush: 'yes' } } })).toThrow(/autoPush' is not a boolean/);
  });

  it('warns when syncBeforeUpdate is set without system.autoUpgrade', () => {
    expect(evalModule(twoUsers('/p'), false).warnings).toEqual([
      'services.chezmoi-sync: syncBeforeUpdate runs before nixos-upgrade.service, which only exists with system.autoUpgrade.enable = true',
    ]);
    expect(evalModule(twoUsers('/p'), true).warnings).toEqual([]);
  });

  it('rendered as NixOS renders them, the units pass systemd-analyze verify', () => {
    const r = verifyUnits(renderNixUnits(evalModule(twoUsers(fakePackage()))), 'system');
    expect(r).toEqual({ status: 0, output: '' });
  });

  it('runs a long-running watch service for users with watch, beside their timer and pre-upgrade service', () => {
    const pkg = fakePackage();
    const out = evalModule({
      services: { 'chezmoi-sync': { enable: true, package: { outPath: pkg }, users: { alice: { watch: true, interval: '1h', syncBeforeUpdate: true, fetchInterval: '1m', host: 'desk' }, bob: {} } } },
    });
    expect(out.failedAssertions).toEqual([]);
    expect(Object.keys(out.systemd.services).sort()).toEqual(['chezmoi-sync-alice', 'chezmoi-sync-bob', 'chezmoi-sync-pre-upgrade-alice', 'chezmoi-sync-watch-alice']);
    expect(Object.keys(out.systemd.timers)).toEqual(['chezmoi-sync-alice']);
    const w = out.systemd.services['chezmoi-sync-watch-alice'] as NixService;
    expect(execArgv(w)).toEqual([`${pkg}/bin/chezmoi-sync`, 'watch', '--host=desk', '--fetch-interval=1m']);
    expect(w.serviceConfig).toMatchObject({ Type: 'exec', User: 'alice', Restart: 'on-failure', KillMode: 'mixed', TimeoutStopSec: '15min' });
    expect(w.serviceConfig).not.toHaveProperty('TimeoutStartSec');
    expect(w.wantedBy).toEqual(['multi-user.target']);
    expect(w.restartIfChanged).toBe(true);
    expect(w.environment['NODE_OPTIONS']).toBe('--max-semi-space-size=1');
    expect(verifyUnits(renderNixUnits(out), 'system')).toEqual({ status: 0, output: '' });

    const bad = evalModule({ services: { 'chezmoi-sync': { enable: true, package: { outPath: '/p' }, users: { bob: { watch: true, debounce: '2 seconds', fetchInterval: '0s' } } } } });
    expect(bad.failedAssertions.join('\n')).toMatch(/bob\.debounce: "2 seconds" is not a duration/);
    expect(bad.failedAssertions.join('\n')).toMatch(/bob\.fetchInterval: "0s" is not a duration/);
  });

  it('builds the same sync argv and ExecStart quoting as install-units', () => {
    const settings = {
      user: 'u', repoUrl: 'ssh://git@h/x%y.git', sourceDir: '/home/u/dot files', backend: 'jj', host: 'h1', stateDir: '/s',
      notifyCommand: 'notify "$X"', autoCommit: false, autoPush: false, apply: false, holdCode: true, allowProtocols: 'ssh:https', extraArgs: ['--quiet'],
    };
    const fromNix = nixEval<string[]>(`(import ./nix/lib.nix).syncArgs (builtins.fromJSON ${nixString(JSON.stringify(settings))})`);
    expect(fromNix).toEqual(
      syncArgs({
        repoUrl: settings.repoUrl, source: settings.sourceDir, backend: 'jj', host: 'h1', stateDir: '/s',
        notifyCommand: settings.notifyCommand, commit: false, push: false, apply: false, holdCode: true, allowProtocols: 'ssh:https', extraArgs: ['--quiet'],
      }),
    );
    const watch = { ...settings, debounce: '500ms', fetchInterval: '30s' };
    expect(nixEval<string[]>(`(import ./nix/lib.nix).watchArgs (builtins.fromJSON ${nixString(JSON.stringify(watch))})`)).toEqual(
      watchArgs(
        {
          repoUrl: settings.repoUrl, source: settings.sourceDir, backend: 'jj', host: 'h1', stateDir: '/s',
          notifyCommand: settings.notifyCommand, commit: false, push: false, apply: false, holdCode: true, allowProtocols: 'ssh:https', extraArgs: ['--quiet'],
        },
        { debounce: '500ms', fetchInterval: '30s' },
      ),
    );
    const tricky = ['/opt/100% $x/bin', 'plain', 'a b', '100%', '$HOME', 'say "hi"', "it's", 'back\\slash', 'ünïcödé', '%h${x}'];
    const line = nixEval<string>(`(import ./nix/lib.nix).execLine (builtins.fromJSON ${nixString(JSON.stringify(tricky))})`);
    expect(line).toBe(execLine(tricky));
  });

  it('docs/deploy.md lists every option of the module', () => {
    const options = evalModule({ services: { 'chezmoi-sync': {} } }).options;
    const doc = readFileSync(join(REPO, 'docs/deploy.md'), 'utf8');
    // Per-user options share their names with the top-level ones: the last component is enough.
    const names = [...new Set(options.map((o) => o.split('.').pop() ?? o))];
    expect(names).toContain('syncBeforeUpdate');
    const missing = names.filter((n) => !doc.includes(`| \`${n}\``));
    expect(missing).toEqual([]);
  });
});

describe('flake.nix (stand-in nixpkgs)', () => {
  it('exposes the package, the module with that package as default, and the VM test for Linux', () => {
    const f = nixEval<{
      outputs: string[];
      packages: Record<string, string[]>;
      checks: Record<string, string[]>;
      moduleImports: string[];
      moduleDefaultPackage: { type: string; path: string };
      vm: { name: string; users: string[]; hasTestScript: boolean; units: { services: string[]; timers: string[] } };
    }>('import ./test/deploy/nix/eval-flake.nix');
    expect(f.outputs).toEqual(['checks', 'devShells', 'nixosModules', 'overlays', 'packages']);
    expect(f.packages['x86_64-linux']).toEqual(['chezmoi-sync', 'default']);
    expect(Object.keys(f.checks).sort()).toEqual(['aarch64-linux', 'x86_64-linux']);
    expect(f.checks['x86_64-linux']).toEqual(['package', 'vm']);
    expect(f.moduleImports).toEqual([join(REPO, 'nix/module.nix')]);
    // mkDefault of this flake's package for the machine's own system.
    expect(f.moduleDefaultPackage).toEqual({ type: 'override', path: '/nix/store/00000000000000000000000000000000-package.nix-aarch64-linux' });
    // The units the VM test asserts on are the ones the module makes for its settings.
    expect(f.vm).toMatchObject({ name: 'chezmoi-sync', users: ['alice', 'bob'], hasTestScript: true });
    expect(f.vm.units).toEqual({
      services: ['chezmoi-sync-alice', 'chezmoi-sync-bob', 'chezmoi-sync-pre-upgrade-alice'],
      timers: ['chezmoi-sync-alice'],
    });
  });
});
