// Unit generation (src/deploy): what the files say, what is refused, and — with the real
// systemd-analyze — that the quoting and the time spans mean to systemd what we intend.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { execLine, quoteEnvironment, quoteExecArg } from '../../src/deploy/systemd-quote.js';
import { buildUserUnits, isTimeSpan, UNIT_MARKER, type GeneratedUnit } from '../../src/deploy/user-units.js';
import { environmentOf, parseUnitFile, splitSystemdWords, systemdAnalyze, tempDir, values, verifyUnits } from './support.js';

const CMD = ['/usr/bin/node', '/opt/chezmoi sync/dist/cli/cli.js'];

const build = (input: Parameters<typeof buildUserUnits>[0]): GeneratedUnit[] => {
  const r = buildUserUnits(input);
  if (r.isErr()) throw new Error(r.error.message);
  return [...r.value];
};
const unit = (units: GeneratedUnit[], name: string) => {
  const u = units.find((x) => x.name === name);
  if (u === undefined) throw new Error(`no ${name} in ${units.map((x) => x.name).join(', ')}`);
  return { text: u.content, parsed: parseUnitFile(u.content) };
};

describe('buildUserUnits', () => {
  it('writes a oneshot service and an hourly timer by default, each marked as ours', () => {
    const units = build({ command: CMD });
    expect(units.map((u) => u.name)).toEqual(['chezmoi-sync.service', 'chezmoi-sync.timer']);
    for (const u of units) expect(u.content.split('\n')[0]).toBe(`# ${UNIT_MARKER}`);
    const service = unit(units, 'chezmoi-sync.service').parsed;
    expect(values(service, 'Service', 'Type')).toEqual(['oneshot']);
    expect(splitSystemdWords(values(service, 'Service', 'ExecStart')[0] ?? '', 'exec')).toEqual([...CMD, 'sync']);
    expect(environmentOf(service)).toEqual({ GIT_TERMINAL_PROMPT: '0', NODE_OPTIONS: '--max-semi-space-size=1' });
    expect(service.has('Install')).toBe(false);
    const timer = unit(units, 'chezmoi-sync.timer').parsed;
    expect(values(timer, 'Timer', 'OnUnitInactiveSec')).toEqual(['1h']);
    expect(values(timer, 'Timer', 'Unit')).toEqual(['chezmoi-sync.service']);
    expect(values(timer, 'Install', 'WantedBy')).toEqual(['timers.target']);
  });

  it('puts the sync settings on the ExecStart line as --flag=value words', () => {
    const units = build({
      command: ['/usr/local/bin/chezmoi-sync'],
      interval: '30min',
      sync: {
        source: '/home/me/my dotfiles',
        repoUrl: 'ssh://git@example.com/me/dot%files.git',
        backend: 'git',
        host: 'laptop',
        stateDir: '/home/me/.local/state/cs',
        notifyCommand: 'notify-send "chezmoi-sync: $CONFLICTS"',
        commit: false,
        push: false,
        apply: false,
        extraArgs: ['--verbose'],
      },
    });
    const service = unit(units, 'chezmoi-sync.service').parsed;
    expect(splitSystemdWords(values(service, 'Service', 'ExecStart')[0] ?? '', 'exec')).toEqual([
      '/usr/local/bin/chezmoi-sync',
      'sync',
      '--repo-url=ssh://git@example.com/me/dot%files.git',
      '--source=/home/me/my dotfiles',
      '--backend=git',
      '--host=laptop',
      '--state-dir=/home/me/.local/state/cs',
      '--notify-command=notify-send "chezmoi-sync: $CONFLICTS"',
      '--no-commit',
      '--no-push',
      '--no-apply',
      '--verbose',
    ]);
    expect(values(unit(units, 'chezmoi-sync.timer').parsed, 'Timer', 'OnUnitInactiveSec')).toEqual(['30min']);
  });

  it('exports SSH settings and extra variables, quoted for sh where git runs them', () => {
    const units = build({
      command: CMD,
      sshKeyFile: "/home/me/.ssh/id o'brien",
      sshAuthSock: '/run/user/1000/gnupg/S.gpg-agent.ssh',
      environment: { CHEZMOI_SYNC_JJ: '/home/me/.cargo/bin/jj', PATH: '/home/me/bin:/usr/bin' },
    });
    expect(environmentOf(unit(units, 'chezmoi-sync.service').parsed)).toEqual({
      GIT_TERMINAL_PROMPT: '0',
      NODE_OPTIONS: '--max-semi-space-size=1',
      GIT_SSH_COMMAND: "ssh -i '/home/me/.ssh/id o'\\''brien' -o IdentitiesOnly=yes -o BatchMode=yes",
      SSH_AUTH_SOCK: '/run/user/1000/gnupg/S.gpg-agent.ssh',
      CHEZMOI_SYNC_JJ: '/home/me/.cargo/bin/jj',
      PATH: '/home/me/bin:/usr/bin',
    });
    // What sh makes of GIT_SSH_COMMAND: the key path comes back as one word.
    const argv = spawnSync('sh', ['-c', `set -- ${"ssh -i '/home/me/.ssh/id o'\\''brien'"}; printf '%s\\n' "$@"`], { encoding: 'utf8' }).stdout;
    expect(argv).toBe("ssh\n-i\n/home/me/.ssh/id o'brien\n");
  });

  it('leaves out the timer when asked, and adds a path unit on the source dir', () => {
    expect(build({ command: CMD, timer: false }).map((u) => u.name)).toEqual(['chezmoi-sync.service']);
    const withPath = build({ command: CMD, watchSource: true });
    expect(withPath.map((u) => u.name)).toEqual(['chezmoi-sync.service', 'chezmoi-sync.timer', 'chezmoi-sync.path']);
    expect(values(unit(withPath, 'chezmoi-sync.path').parsed, 'Path', 'PathChanged')).toEqual(['%h/.local/share/chezmoi']);
    const explicit = build({ command: CMD, watchSource: true, sync: { source: '/data/100%/dots' } });
    expect(values(unit(explicit, 'chezmoi-sync.path').parsed, 'Path', 'PathChanged')).toEqual(['/data/100%%/dots']);
  });

  it('adds a long-running watch service beside the timer, with the same settings and its durations', () => {
    const units = build({ command: CMD, watch: { fetchInterval: '1m' }, sync: { host: 'laptop', push: false } });
    expect(units.map((u) => u.name)).toEqual(['chezmoi-sync.service', 'chezmoi-sync.timer', 'chezmoi-sync-watch.service']);
    const watch = unit(units, 'chezmoi-sync-watch.service').parsed;
    expect(splitSystemdWords(values(watch, 'Service', 'ExecStart')[0] ?? '', 'exec')).toEqual([...CMD, 'watch', '--host=laptop', '--no-push', '--fetch-interval=1m']);
    expect(values(watch, 'Service', 'Type')).toEqual(['exec']);
    expect(values(watch, 'Service', 'Restart')).toEqual(['on-failure']);
    expect(values(watch, 'Service', 'KillMode')).toEqual(['mixed']);
    expect(values(watch, 'Install', 'WantedBy')).toEqual(['default.target']);
    expect(environmentOf(watch)).toEqual({ GIT_TERMINAL_PROMPT: '0', NODE_OPTIONS: '--max-semi-space-size=1' });
  });

  it.each([
    [{ command: CMD, watch: { debounce: '2 seconds' } }, 'debounce'],
    [{ command: CMD, watch: { fetchInterval: '0s' } }, 'fetchInterval'],
    [{ command: [] }, 'command'],
    [{ command: ['chezmoi-sync'] }, 'command'],
    [{ command: ['/bin/x', 'a\nExecStartPre=/bin/evil'] }, 'command'],
    [{ command: ['/opt/say "hi"/chezmoi-sync'] }, 'command'],
    [{ command: ["/opt/it's/chezmoi-sync"] }, 'command'],
    [{ command: ['/opt/back\\slash/chezmoi-sync'] }, 'command'],
    [{ command: CMD, interval: 'hourly' }, 'interval'],
    [{ command: CMD, timeout: '5 parsecs' }, 'timeout'],
    [{ command: CMD, sync: { repoUrl: '--upload-pack=touch /tmp/x' } }, 'url'],
    [{ command: CMD, sync: { repoUrl: 'ext::sh -c evil' } }, 'url'],
    [{ command: CMD, sync: { source: 'relative/dir' } }, 'source'],
    [{ command: CMD, sync: { host: 'bad host' } }, 'host'],
    [{ command: CMD, sync: { notifyCommand: 'x\ny' } }, 'notifyCommand'],
    [{ command: CMD, sshKeyFile: '~/.ssh/id' }, 'sshKeyFile'],
    [{ command: CMD, environment: { 'BAD-NAME': 'x' } }, 'environment'],
    [{ command: CMD, environment: { OK: 'line\nbreak' } }, 'environment'],
  ] as const)('refuses %j (field %s) before writing anything', (input, field) => {
    const r = buildUserUnits(input);
    expect(r.isErr() && r.error.kind === 'invalid-input' && r.error.field).toBe(field);
  });
});

describe('systemd agrees', () => {
  it('on which strings are time spans', () => {
    const samples = ['1h', '30min', '1h 30min', '90s', '2d', '5m', '10', 'hourly', '1 fortnight', '', '1hh', '-5min'];
    for (const s of samples) {
      const real = spawnSync(systemdAnalyze(), ['timespan', s], { encoding: 'utf8' }).status === 0 && s.trim() !== '';
      expect(isTimeSpan(s), `"${s}"`).toBe(real);
    }
  });

  it('on what a quoted ExecStart word means: it finds executables with awkward names', () => {
    const dir = tempDir('quote-');
    const names = ['a b', '100%', '$HOME', '$$x', 'ünïcödé', '%h', 'semi;colon', '${x}'];
    const files: string[] = [];
    names.forEach((n, i) => {
      const exe = join(dir, 'bin', n, 'tool');
      mkdirSync(dirname(exe), { recursive: true });
      writeFileSync(exe, '#!/bin/sh\n');
      chmodSync(exe, 0o755);
      const unitFile = join(dir, `probe${i}.service`);
      writeFileSync(
        unitFile,
        `[Service]\nType=oneshot\nExecStart=${execLine([exe, 'arg'])}\nEnvironment=${quoteEnvironment('X', n)}\n`,
      );
      files.push(unitFile);
    });
    expect(verifyUnits(files, 'system')).toEqual({ status: 0, output: '' });
    // And a wrongly quoted one is caught: the check is not vacuous.
    const broken = join(dir, 'broken.service');
    writeFileSync(broken, `[Service]\nType=oneshot\nExecStart=${join(dir, 'bin', 'a b', 'tool')}\n`);
    expect(verifyUnits([broken], 'system').status).not.toBe(0);
    expect(quoteExecArg('100%')).toBe('"100%%"');
  });
});
