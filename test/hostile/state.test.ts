// Broken state on disk: a corrupted or truncated state.json, a state.json of the wrong shape or
// kind, a garbage "last agreed" record, a garbage lock, a state dir that cannot be written, and
// the CLI without HOME. The sync must go on (or end with one clear error) and lose nothing.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { okReport, syncHost } from '../support/engine.js';
import { cli, ensureBuilt, jsonOf } from '../cli/support/cli.js';
import { BACKENDS, syncedWorld } from './support.js';

beforeAll(() => ensureBuilt());

const stateOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as { schema: number; runs: { status: string }[]; lastRun: { status: string } };

describe.each(BACKENDS)('broken state (%s)', (backend) => {
  it('a corrupt, truncated or wrongly shaped state.json is moved aside and a fresh one started; the edit is synced', async () => {
    const { w, a } = await syncedWorld(backend);
    const good = readFileSync(join(a.stateDir, 'state.json'), 'utf8');
    const broken = [good.slice(0, Math.floor(good.length / 2)), '\u0000\u0001garbage', '', 'null', '[]', '{"schema":2,"runs":[]}', '{"schema":1,"runs":[{"status":"rm -rf"}]}'];
    for (const [i, text] of broken.entries()) {
      writeFileSync(join(a.stateDir, 'state.json'), text);
      w.writeHome(a, '.bashrc', `# bashrc\nexport ROUND=${i}\n`);
      const r = okReport(await syncHost(w, a, backend));
      expect(r.status, JSON.stringify(text)).toBe('success');
      expect(w.readRemote('dot_bashrc'), JSON.stringify(text)).toContain(`ROUND=${i}`);
      const s = stateOf(a.stateDir);
      expect(s.schema).toBe(1);
      expect(s.lastRun.status).toBe('success');
      expect(readFileSync(join(a.stateDir, 'last-sync-status'), 'utf8')).toBe('success\n');
    }
    // Every broken file is kept for a person to look at.
    const aside = readdirSync(a.stateDir).filter((f) => f.startsWith('state.json.corrupt-'));
    expect(aside.length).toBeGreaterThanOrEqual(1);
    expect(aside.map((f) => readFileSync(join(a.stateDir, f), 'utf8'))).toContain('\u0000\u0001garbage');
    // And the CLI reads the fresh state.
    expect(jsonOf(cli(['status', '--json'], { env: a.env }))).toMatchObject({ ok: true, lastRun: { status: 'success' } });
  });

  it('a garbage "last agreed" record counts as none: HOME edits are still captured, incoming changes still applied', async () => {
    const { w, a, b } = await syncedWorld(backend);
    const record = readdirSync(a.stateDir).find((f) => f.startsWith('synced-'));
    expect(record).toBeDefined();
    writeFileSync(join(a.stateDir, record ?? ''), '{"schema":1,"files":');
    w.writeHome(b, '.gitconfig', '[core]\n\tautocrlf = input\n');
    okReport(await syncHost(w, b, backend));
    w.writeHome(a, '.bashrc', '# bashrc\nexport WITH_BROKEN_RECORD=1\n');
    expect(okReport(await syncHost(w, a, backend)).status).toBe('success');
    expect(w.readRemote('dot_bashrc')).toContain('WITH_BROKEN_RECORD=1');
    expect(w.readHome(a, '.gitconfig')).toContain('autocrlf = input');
  });

  it('a garbage lock file is taken over once it is older than the lock wait; the run is not wedged', async () => {
    const { w, a } = await syncedWorld(backend);
    const lock = join(dirname(a.source), '.chezmoi.chezmoi-sync.lock');
    writeFileSync(lock, '{"pid": "not a number", truncated');
    w.writeHome(a, '.bashrc', '# bashrc\nexport AFTER_GARBAGE_LOCK=1\n');
    const r = okReport(await syncHost(w, a, backend, { lockTimeoutMs: 400 }));
    expect(r.status).toBe('success');
    expect(existsSync(lock)).toBe(false);
    expect(w.readRemote('dot_bashrc')).toContain('AFTER_GARBAGE_LOCK=1');
  });

  it('a state dir that cannot be written: one clear io error naming it, the edit still published, the next run fine', async () => {
    const { w, a } = await syncedWorld(backend);
    // A regular file where the directory should be: unwritable for every user (root included).
    const blocker = join(w.root, 'not-a-dir');
    writeFileSync(blocker, 'x');
    const stateDir = join(blocker, 'chezmoi-sync');
    w.writeHome(a, '.bashrc', '# bashrc\nexport STATE_UNWRITABLE=1\n');
    const r = await syncHost(w, a, backend, { stateDir });
    const e = r.result._unsafeUnwrapErr();
    expect(e.kind).toBe('io');
    expect(e.message).toContain(stateDir);
    expect(w.readRemote('dot_bashrc')).toContain('STATE_UNWRITABLE=1');
    expect(w.readHome(a, '.bashrc')).toContain('STATE_UNWRITABLE=1');
    // state.json itself a directory: the same.
    rmSync(join(a.stateDir, 'state.json'));
    mkdirSync(join(a.stateDir, 'state.json'));
    const r2 = await syncHost(w, a, backend);
    expect(r2.result.isErr()).toBe(true);
    expect(r2.result._unsafeUnwrapErr().message).toContain('state.json');
    rmSync(join(a.stateDir, 'state.json'), { recursive: true });
    expect(okReport(await syncHost(w, a, backend)).status).toBe('success');
  });

  it('the CLI with a state dir it cannot write exits non-zero with one error line', async () => {
    const { w, a } = await syncedWorld(backend);
    const blocker = join(w.root, 'not-a-dir');
    writeFileSync(blocker, 'x');
    const r = cli(['sync', '--backend', backend, '--state-dir', join(blocker, 'state')], { env: a.env });
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n').filter((l) => l.includes(blocker)).length).toBeGreaterThanOrEqual(1);
  });

  // Node's recursive mkdir never returned there (ENOENT for a directory whose parent exists):
  // every command spun at full CPU until killed, `status` too.
  it('a state dir on a pseudo-filesystem (/proc/self/…): sync and status end at once with one line naming it; the edit stays in HOME', async () => {
    const { w, a } = await syncedWorld(backend);
    const edited = `${w.readHome(a, '.bashrc') ?? ''}export PAGER=less\n`;
    w.writeHome(a, '.bashrc', edited);
    const dir = '/proc/self/chezmoi-sync-state';
    for (const args of [['sync', '--backend', backend, '--state-dir', dir], ['status', '--backend', backend, '--state-dir', dir]]) {
      const r = cli(args, { env: a.env });
      if (args[0] === 'sync') {
        expect(r.code, args[0]).toBe(9);
        expect(r.stderr.trim().split('\n').filter((l) => l.startsWith('chezmoi-sync:') && l.includes(dir)), args[0]).toHaveLength(1);
      }
    }
    expect(w.readHome(a, '.bashrc')).toBe(edited);
  });
});

describe('HOME unset', () => {
  it('the CLI gives one clear error and exit 2, touching nothing', async () => {
    const { w, a } = await syncedWorld('jj');
    const env = Object.fromEntries(Object.entries(a.env).filter(([k]) => k !== 'HOME' && !k.startsWith('XDG_')));
    const before = readFileSync(join(a.stateDir, 'state.json'), 'utf8');
    for (const args of [['sync'], ['status'], ['sync', '--json']]) {
      const r = cli(args, { env, cwd: w.root });
      expect(r.code, args.join(' ')).toBe(2);
      if (args.includes('--json')) expect(jsonOf(r)).toMatchObject({ ok: false, error: { message: expect.stringContaining('HOME is not set') } });
      else expect(r.stderr.trim().split('\n'), args.join(' ')).toEqual([expect.stringContaining('HOME is not set')]);
    }
    expect(readFileSync(join(a.stateDir, 'state.json'), 'utf8')).toBe(before);
  });

  // git backend: jj keeps per-repository metadata under the user's config dir, which without HOME
  // and XDG_CONFIG_HOME is the account's home from the password database — a real home.
  it('with every path given explicitly, a sync runs without HOME (git)', async () => {
    const { w, a } = await syncedWorld('git');
    const env = Object.fromEntries(Object.entries(a.env).filter(([k]) => k !== 'HOME' && !k.startsWith('XDG_')));
    // chezmoi's destination from its config, so that nothing can fall back to the real user's home.
    writeFileSync(a.chezmoiConfig, `sourceDir = ${JSON.stringify(a.source)}\ndestDir = ${JSON.stringify(a.home)}\n`);
    w.writeHome(a, '.bashrc', '# bashrc\nexport NO_HOME_VAR=1\n');
    const r = cli(['sync', '--json', '--backend', 'git', '--source', a.source, '--state-dir', a.stateDir, '--chezmoi-config', a.chezmoiConfig], { env, cwd: w.root });
    const doc = jsonOf(r);
    // Either it works, or it says clearly why it cannot: one error, or a sync that ends `error` naming what chezmoi could not do.
    if (r.code === 0) expect(w.readRemote('dot_bashrc')).toContain('NO_HOME_VAR=1');
    else if (doc['ok'] === false) expect(doc).toMatchObject({ error: { message: expect.any(String) } });
    else expect(doc).toMatchObject({ status: 'error', report: { error: { message: expect.any(String) } } });
  });
});
