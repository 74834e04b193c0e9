import { okAsync } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { parseInvocation } from '../../../src/cli/args/parse.js';
import { sanitizeHostName } from '../../../src/cli/config/defaults.js';
import { loadConfig } from '../../../src/cli/config/load.js';

const HOME = '/home/me';
const FILE = `${HOME}/.config/chezmoi-sync/config.toml`;

const load = (argv: string[], env: Record<string, string | undefined> = {}, files: Record<string, string> = {}) =>
  loadConfig({
    invocation: parseInvocation(argv)._unsafeUnwrap(),
    env: { HOME, ...env },
    cwd: '/work',
    readText: (p) => okAsync(files[p]),
    hostname: () => 'Box.local',
  });

describe('loadConfig', () => {
  it('fills defaults and says where each came from', async () => {
    const c = (await load([]))._unsafeUnwrap();
    expect(c.values).toMatchObject({ remote: 'origin', backend: 'auto', host: 'Box.local', commit: true, push: true, apply: true, strict: false, branchPrefix: 'sync/', stateDir: `${HOME}/.local/state/chezmoi-sync`, timeout: 120, lockTimeout: 30 });
    expect(c.values.source).toBeUndefined();
    expect(c.origins.host).toEqual({ layer: 'default', name: 'the host name' });
    expect(c.origins.source).toEqual({ layer: 'default', name: 'chezmoi source-path' });
    expect(c.file).toMatchObject({ path: FILE, found: false });
  });

  it('takes flags over env over file over defaults', async () => {
    const files = { [FILE]: 'host = "fromfile"\nremote = "upstream"\ntrunk = "trunkf"\npush = false\n' };
    const env = { CHEZMOI_SYNC_HOST: 'fromenv', CHEZMOI_SYNC_REMOTE: 'envremote' };
    const c = (await load(['--host', 'fromflag'], env, files))._unsafeUnwrap();
    expect(c.values).toMatchObject({ host: 'fromflag', remote: 'envremote', trunk: 'trunkf', push: false, commit: true });
    expect(c.origins.host).toEqual({ layer: 'flag', name: '--host' });
    expect(c.origins.remote).toEqual({ layer: 'env', name: 'CHEZMOI_SYNC_REMOTE' });
    expect(c.origins.trunk).toEqual({ layer: 'file', name: `trunk in ${FILE}` });
    expect(c.file.found).toBe(true);
  });

  it('reads XDG_CONFIG_HOME and XDG_STATE_HOME, and --config / CHEZMOI_SYNC_CONFIG', async () => {
    const c = (await load([], { XDG_STATE_HOME: '/s', XDG_CONFIG_HOME: '/c' }, { '/c/chezmoi-sync/config.toml': 'host = "x"\n' }))._unsafeUnwrap();
    expect(c.values.stateDir).toBe('/s/chezmoi-sync');
    expect(c.values.host).toBe('x');
    expect((await load(['--config', '/etc/cs.toml'], {}, { '/etc/cs.toml': 'host = "y"\n' }))._unsafeUnwrap().values.host).toBe('y');
    expect((await load([], { CHEZMOI_SYNC_CONFIG: '/etc/cs.toml' }, { '/etc/cs.toml': 'host = "z"\n' }))._unsafeUnwrap().values.host).toBe('z');
  });

  it('fails clearly when an explicit config file is missing', async () => {
    expect((await load(['--config', '/nope.toml']))._unsafeUnwrapErr()).toMatchObject({ kind: 'usage', message: 'config file /nope.toml does not exist' });
  });

  it('names an unknown key, a per-run key and a wrong type in the file', async () => {
    expect((await load([], {}, { [FILE]: 'hots = "x"\n' }))._unsafeUnwrapErr()).toMatchObject({ kind: 'usage', message: `unknown key "hots" in ${FILE}`, hint: expect.stringMatching(/^did you mean host\? known keys: source, /) as unknown });
    expect((await load([], {}, { [FILE]: 'dryRun = true\n' }))._unsafeUnwrapErr().message).toBe(`"dryRun" cannot be set in ${FILE}`);
    expect((await load([], {}, { [FILE]: 'push = "no"\n' }))._unsafeUnwrapErr().message).toBe(`push in ${FILE} must be true or false (got "no")`);
  });

  it('reports malformed TOML in one line', async () => {
    const e = (await load([], {}, { [FILE]: 'host = "unterminated\n' }))._unsafeUnwrapErr();
    expect(e.kind).toBe('usage');
    expect(e.message).toMatch(new RegExp(`^malformed config file ${FILE}: `));
    expect(e.message).not.toContain('\n');
  });

  it('parses booleans from env and refuses nonsense', async () => {
    expect((await load([], { CHEZMOI_SYNC_PUSH: 'off', CHEZMOI_SYNC_STRICT: 'YES' }))._unsafeUnwrap().values).toMatchObject({ push: false, strict: true });
    expect((await load([], { CHEZMOI_SYNC_PUSH: 'maybe' }))._unsafeUnwrapErr().message).toBe('CHEZMOI_SYNC_PUSH must be one of 1, 0, true, false, yes, no, on, off (got "maybe")');
  });

  it('takes the conflict-marker style from flag, env or file (default git) and refuses others', async () => {
    expect((await load([]))._unsafeUnwrap()).toMatchObject({ values: { markerStyle: 'git' }, origins: { markerStyle: { layer: 'default', name: 'built in' } } });
    expect((await load(['--marker-style', 'snapshot']))._unsafeUnwrap().values.markerStyle).toBe('snapshot');
    expect((await load([], { CHEZMOI_SYNC_MARKER_STYLE: 'diff' }))._unsafeUnwrap().values.markerStyle).toBe('diff');
    expect((await load([], {}, { [FILE]: 'markerStyle = "diff"\n' }))._unsafeUnwrap().values.markerStyle).toBe('diff');
    expect((await load([], {}, { [FILE]: 'markerStyle = "zdiff3"\n' }))._unsafeUnwrapErr().message).toBe(`markerStyle in ${FILE} must be git, diff or snapshot (got "zdiff3")`);
  });

  it('takes the notify command as an array or a split string, never through a shell', async () => {
    expect((await load([], {}, { [FILE]: 'notifyCommand = ["notify-send", "a b"]\n' }))._unsafeUnwrap().values.notifyCommand).toEqual(['notify-send', 'a b']);
    expect((await load(['--notify-command', `notify-send 'x y' $HOME`]))._unsafeUnwrap().values.notifyCommand).toEqual(['notify-send', 'x y', '$HOME']);
    expect((await load(['--notify-command', `a 'b`]))._unsafeUnwrapErr().message).toBe('--notify-command cannot be split into words: a single quote is not closed');
  });

  it('resolves paths: relative flags from the cwd, ~ from HOME; the file wants absolute paths', async () => {
    expect((await load(['--source', 'dots']))._unsafeUnwrap().values.source).toBe('/work/dots');
    expect((await load([], {}, { [FILE]: 'source = "~/dots"\n' }))._unsafeUnwrap().values.source).toBe(`${HOME}/dots`);
    expect((await load([], {}, { [FILE]: 'source = "dots"\n' }))._unsafeUnwrapErr().message).toBe(`source in ${FILE} must be an absolute path or start with ~/ (got "dots")`);
    expect((await load([], { CHEZMOI_SYNC_JJ: 'jj-0.46' }))._unsafeUnwrap().values.jj).toBe('jj-0.46');
  });

  it('refuses a hostile repository URL before anything runs', async () => {
    const e = (await load(['--repo-url', 'ext::sh -c touch% /tmp/pwned']))._unsafeUnwrapErr();
    expect(e).toMatchObject({ kind: 'invalid-input', field: 'url', hint: 'set by --repo-url' });
    expect((await load(['--repo-url=--upload-pack=evil']))._unsafeUnwrapErr()).toMatchObject({ kind: 'invalid-input', field: 'url' });
  });

  it('validates names and templates with the origin in the hint', async () => {
    expect((await load([], { CHEZMOI_SYNC_HOST: 'bad host' }))._unsafeUnwrapErr()).toMatchObject({ kind: 'invalid-input', field: 'host', hint: 'set by CHEZMOI_SYNC_HOST' });
    expect((await load(['--trunk=-x']))._unsafeUnwrapErr()).toMatchObject({ field: 'trunk' });
    expect((await load(['--message-template', 'sync {user}']))._unsafeUnwrapErr()).toMatchObject({ field: 'messageTemplate' });
    expect((await load(['--backend', 'svn']))._unsafeUnwrapErr().message).toBe('--backend must be auto, jj or git (got "svn")');
    expect((await load(['--timeout', '0']))._unsafeUnwrapErr().message).toBe('--timeout must be a number of seconds above 0, at most 86400 (got "0")');
  });

  it('needs HOME only when a default depends on it', async () => {
    const noHome = (argv: string[], env: Record<string, string>) =>
      loadConfig({ invocation: parseInvocation(argv)._unsafeUnwrap(), env, cwd: '/', readText: () => okAsync(undefined), hostname: () => 'h' });
    expect((await noHome([], {}))._unsafeUnwrapErr()).toEqual({
      kind: 'usage',
      message: 'HOME is not set, so there is no default state directory',
      hint: 'set HOME or XDG_STATE_HOME, or pass --state-dir (CHEZMOI_SYNC_STATE_DIR)',
    });
    expect((await noHome(['--state-dir', '/s'], {}))._unsafeUnwrap().values.stateDir).toBe('/s');
  });
});

describe('sanitizeHostName', () => {
  it('turns any OS host name into a valid one', () => {
    expect(sanitizeHostName('laptop')).toBe('laptop');
    expect(sanitizeHostName('Jane’s MacBook Pro.local')).toBe('Jane-s-MacBook-Pro.local');
    expect(sanitizeHostName('-x..y.lock')).toBe('x.y');
    expect(sanitizeHostName('***')).toBe('host');
    expect(sanitizeHostName('a'.repeat(80))).toHaveLength(63);
  });
});
