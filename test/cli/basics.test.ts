// The built CLI without a sync: version, help, usage errors, config precedence and bad input,
// each in human and --json mode with its documented exit code.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useWorld } from '../support/world.js';
import { cli, ensureBuilt, expectPlain, jsonOf } from './support/cli.js';

beforeAll(() => ensureBuilt());

describe('chezmoi-sync basics (built CLI)', () => {
  it('prints the version, alone and as JSON', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const env = w.host('alpha').env;
    const r = cli(['--version'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+\S*\n$/);
    const j = jsonOf(cli(['--version', '--json'], { env }));
    expect(j).toMatchObject({ command: 'version', ok: true, version: r.stdout.trim() });
  });

  it('prints help for the program and for a command', async () => {
    const env = (await useWorld({ hosts: ['alpha'] })).host('alpha').env;
    const r = cli(['--help'], { env });
    expect(r.code).toBe(0);
    for (const c of ['sync', 'status', 'conflicts', 'resolve', 'undo', 'doctor', 'log', 'demo', 'completion', 'install-units', 'config']) expect(r.stdout).toContain(c);
    expect(cli(['help', 'log'], { env }).stdout).toContain('--limit N');
    expect(jsonOf(cli(['status', '--help', '--json'], { env }))).toMatchObject({ command: 'help', ok: true });
  });

  it('rejects an unknown flag with one line and exit 2, in both modes', async () => {
    const env = (await useWorld({ hosts: ['alpha'] })).host('alpha').env;
    const r = cli(['sync', '--frobnicate'], { env });
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'chezmoi-sync: unknown option --frobnicate (see chezmoi-sync --help)\n' });
    const j = cli(['sync', '--frobnicate', '--json'], { env });
    expect(jsonOf(j)).toMatchObject({ ok: false, exitCode: 2, error: { kind: 'usage', message: 'unknown option --frobnicate' } });
    expect(cli(['frobnicate'], { env }).stderr).toBe('chezmoi-sync: unknown command "frobnicate" (commands: sync, watch, status, conflicts, log, doctor, config, demo, completion, install-units, resolve, fleet, apply, undo, help)\n');
  });

  it('suggests the command or option a typo meant; an unknown option is an error of its command', async () => {
    const env = (await useWorld({ hosts: ['alpha'] })).host('alpha').env;
    expect(cli(['sycn'], { env })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'chezmoi-sync: unknown command "sycn" (did you mean sync? commands: sync, watch, status, conflicts, log, doctor, config, demo, completion, install-units, resolve, fleet, apply, undo, help)\n',
    });
    expect(cli(['help', 'stauts'], { env }).stderr).toMatch(/^chezmoi-sync: unknown command "stauts" \(did you mean status\? /);
    expect(cli(['--dry-rn'], { env })).toEqual({ code: 2, stdout: '', stderr: 'chezmoi-sync: unknown option --dry-rn (did you mean --dry-run?)\n' });
    const typo = jsonOf(cli(['sycn', '--json'], { env }));
    expect(typo).toMatchObject({ command: 'unknown', ok: false, exitCode: 2, error: { kind: 'usage', hint: expect.stringMatching(/^did you mean sync\? /) as unknown } });
    expect(jsonOf(cli(['status', '--frob', '--json'], { env }))).toMatchObject({ command: 'status', ok: false, exitCode: 2, error: { kind: 'usage', message: 'unknown option --frob' } });
    expect(jsonOf(cli(['--json', '--frob', 'doctor'], { env }))).toMatchObject({ command: 'doctor', ok: false, exitCode: 2 });
    expect(jsonOf(cli(['--frob', '--json'], { env }))).toMatchObject({ command: 'sync', ok: false, exitCode: 2 });
    expect(jsonOf(cli(['--frob', '--json'], { env, as: 'chezmoi-status' }))).toMatchObject({ command: 'status', ok: false, exitCode: 2 });
  });

  it('reports a malformed config file and an unknown key in one line, exit 2', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const h = w.host('alpha');
    const file = join(h.home, '.config/chezmoi-sync/config.toml');
    mkdirSync(join(h.home, '.config/chezmoi-sync'), { recursive: true });
    writeFileSync(file, 'host = "alpha\n');
    const r = cli(['status'], { env: h.env });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')).toHaveLength(2);
    expect(r.stderr).toMatch(new RegExp(`^chezmoi-sync: malformed config file ${file}: `));
    expect(jsonOf(cli(['status', '--json'], { env: h.env }))).toMatchObject({ ok: false, error: { kind: 'usage' } });
    writeFileSync(file, 'hots = "alpha"\n');
    expect(cli(['sync'], { env: h.env }).stderr).toBe(
      `chezmoi-sync: unknown key "hots" in ${file} (did you mean host? known keys: source, repoUrl, remote, trunk, backend, host, commit, push, apply, applyScripts, holdCode, allowProtocols, stateDir, notifyCommand, strict, messageTemplate, branchPrefix, timeout, lockTimeout, chezmoiConfig, markerStyle, debounce, fetchInterval, fleetStaleAfter, jj, git, chezmoi)\n`,
    );
  });

  it('refuses a hostile repository URL before anything runs', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const h = w.host('alpha');
    const pwned = join(w.root, 'pwned');
    for (const url of [`ext::sh -c touch% ${pwned}`, `--upload-pack=touch ${pwned}`]) {
      const r = cli(['sync', `--repo-url=${url}`, '--source', join(w.root, 'fresh')], { env: h.env });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^chezmoi-sync: invalid repository URL .* \(set by --repo-url\)\n$/);
      expect(r.stdout).toBe('');
    }
    expect(existsSync(pwned)).toBe(false);
    expect(existsSync(join(w.root, 'fresh'))).toBe(false);
    expect(jsonOf(cli(['sync', '--repo-url=ext::x', '--json'], { env: h.env }))).toMatchObject({ exitCode: 2, error: { kind: 'invalid-input', field: 'url' } });
  });

  it('says a missing source dir is missing (exit 3) and creates nothing', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const h = w.host('alpha');
    const missing = join(w.root, 'no/such/dir');
    for (const cmd of ['sync', 'status', 'conflicts']) {
      const r = cli([cmd, '--source', missing], { env: h.env });
      expect(r.code, cmd).toBe(3);
      expect(r.stderr.trim().split('\n'), cmd).toHaveLength(1);
      expect(r.stderr).toContain(`${missing} is not a repository`);
    }
    expect(existsSync(join(w.root, 'no'))).toBe(false);
    expect(jsonOf(cli(['sync', '--source', missing, '--json'], { env: h.env }))).toMatchObject({ ok: false, exitCode: 3, error: { kind: 'not-a-repo', path: missing } });
  });

  it('needs HOME only for defaults that use it', async () => {
    const env = { ...(await useWorld({ hosts: ['alpha'] })).host('alpha').env, HOME: undefined, XDG_STATE_HOME: undefined, XDG_CONFIG_HOME: undefined };
    const r = cli(['log'], { env });
    expect(r).toMatchObject({ code: 2, stderr: 'chezmoi-sync: HOME is not set, so there is no default state directory (set HOME or XDG_STATE_HOME, or pass --state-dir (CHEZMOI_SYNC_STATE_DIR))\n' });
  });

  it('config: shows every value and where it came from (flag > env > file > default)', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const h = w.host('alpha');
    mkdirSync(join(h.home, '.config/chezmoi-sync'), { recursive: true });
    writeFileSync(join(h.home, '.config/chezmoi-sync/config.toml'), 'remote = "upstream"\ntrunk = "trunk-from-file"\nnotifyCommand = ["notify-send", "hi there"]\n');
    const env = { ...h.env, CHEZMOI_SYNC_REMOTE: 'envremote' };
    const r = cli(['config', '--trunk', 'flagtrunk'], { env });
    expect(r.code).toBe(0);
    expectPlain(r.stdout);
    expect(r.stdout).toMatch(/^trunk\s+flagtrunk\s+--trunk$/m);
    expect(r.stdout).toMatch(/^remote\s+envremote\s+CHEZMOI_SYNC_REMOTE$/m);
    expect(r.stdout).toMatch(/^host\s+alpha\s+CHEZMOI_SYNC_HOST$/m);
    expect(r.stdout).toMatch(/^notifyCommand\s+\["notify-send","hi there"\]\s+file$/m);
    expect(r.stdout).toMatch(/^branchPrefix\s+sync\/\s+default \(built in\)$/m);
    const j = jsonOf(cli(['config', '--json'], { env }));
    expect(j['settings']).toMatchObject({
      remote: { value: 'envremote', source: 'env', from: 'CHEZMOI_SYNC_REMOTE' },
      trunk: { value: 'trunk-from-file', source: 'file' },
      stateDir: { value: h.stateDir, source: 'default' },
      source: { value: null, source: 'default' },
    });
  });

  it('completion: prints a script for each shell, and the JSON form', async () => {
    const env = (await useWorld({ hosts: ['alpha'] })).host('alpha').env;
    expect(cli(['completion', 'bash'], { env }).stdout).toContain('complete -F _chezmoi_sync chezmoi-sync chezmoi-status chezmoi-show-conflicts');
    expect(cli(['completion', 'zsh'], { env }).stdout).toMatch(/^#compdef chezmoi-sync/);
    expect(cli(['completion', 'fish'], { env }).stdout).toContain('complete -c chezmoi-sync -n __fish_use_subcommand -a sync');
    expect(jsonOf(cli(['completion', 'fish', '--json'], { env }))).toMatchObject({ command: 'completion', shell: 'fish', ok: true });
    expect(cli(['completion', 'tcsh'], { env })).toMatchObject({ code: 2, stderr: 'chezmoi-sync: unknown shell "tcsh": use bash, zsh, fish\n' });
  });
});
