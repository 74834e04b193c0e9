// The chezmoi adapter's process path with fake executables: odd exit codes, garbage output,
// a busy state lock, a missing or old binary, argv hygiene.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chezmoiCli, type ChezmoiCliOptions } from '../../../src/backends/chezmoi/index.js';
import { SKIP_REASONS } from '../../../src/backends/chezmoi/source-names.js';
import { fakeChezmoi, type FakeChezmoi } from './fake-chezmoi.js';

const adapter = (f: FakeChezmoi, more: Partial<ChezmoiCliOptions> = {}) => {
  const sleeps: number[] = [];
  const cz = chezmoiCli({
    binary: f.binary,
    env: f.env,
    source: '/src',
    destination: '/nonexistent-home',
    config: '/cfg/chezmoi.toml',
    sleep: async (ms) => void sleeps.push(ms),
    ...more,
  });
  return { cz, sleeps };
};

describe('chezmoi runner path', () => {
  it('turns garbage on stdout into a parse error that names the command', async () => {
    const f = fakeChezmoi(`echo 'this is not json'`);
    const r = await adapter(f).cz.managed();
    const e = r._unsafeUnwrapErr();
    expect(e.kind).toBe('parse');
    expect(e.command?.[0]).toBe(f.binary);
    expect(e.command).toContain('managed');
  });

  it('reports an odd exit code with the stderr excerpt', async () => {
    const f = fakeChezmoi(`echo 'chezmoi: something broke' >&2; exit 3`);
    const e = (await adapter(f).cz.status())._unsafeUnwrapErr();
    expect(e).toMatchObject({ kind: 'command-failed', exitCode: 3, stderr: 'chezmoi: something broke', message: 'chezmoi status failed: something broke' });
  });

  it('reports a silent failure as such', async () => {
    const f = fakeChezmoi(`exit 1`);
    const e = (await adapter(f).cz.sourcePath())._unsafeUnwrapErr();
    expect(e.message).toBe('chezmoi source-path failed with exit code 1 and no message');
  });

  it("retries while chezmoi's state lock is busy, then succeeds", async () => {
    const f = fakeChezmoi(`
n=$(cat "$dir/n" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "$dir/n"
if [ $n -le 2 ]; then echo 'chezmoi: timeout obtaining persistent state lock, is another instance of chezmoi running?' >&2; exit 1; fi
echo ' M /nonexistent-home/.bashrc'`);
    const { cz, sleeps } = adapter(f);
    expect((await cz.status())._unsafeUnwrap()).toEqual([{ target: '/nonexistent-home/.bashrc', lastWritten: ' ', apply: 'M' }]);
    expect(f.calls()).toHaveLength(3);
    expect(sleeps).toEqual([250, 500]);
  });

  it('gives up with a `locked` error after the retries', async () => {
    const f = fakeChezmoi(`echo 'chezmoi: timeout obtaining persistent state lock, is another instance of chezmoi running?' >&2; exit 1`);
    const e = (await adapter(f, { lockRetries: 2 }).cz.status())._unsafeUnwrapErr();
    expect(e).toMatchObject({ kind: 'locked', lockPath: '/cfg/chezmoistate.boltdb' });
    expect(f.calls()).toHaveLength(3);
  });

  it('reports a missing binary as tool-missing, from options or from CHEZMOI_SYNC_CHEZMOI', async () => {
    const viaOption = (await chezmoiCli({ binary: '/nonexistent/chezmoi' }).version())._unsafeUnwrapErr();
    expect(viaOption).toMatchObject({ kind: 'tool-missing', tool: 'chezmoi' });
    expect(viaOption.hint).toContain('CHEZMOI_SYNC_CHEZMOI');
    const viaEnv = (await chezmoiCli({ env: { CHEZMOI_SYNC_CHEZMOI: '/nowhere/cz' } }).version())._unsafeUnwrapErr();
    expect(viaEnv.command?.[0]).toBe('/nowhere/cz');
  });

  it('refuses a chezmoi older than 2.71 and remembers a good version', async () => {
    const old = fakeChezmoi(`echo 'chezmoi version v2.60.1, built at 2024-01-01'`);
    expect((await adapter(old).cz.version())._unsafeUnwrapErr()).toMatchObject({ kind: 'tool-too-old', found: '2.60.1', required: '2.71.0' });
    const good = fakeChezmoi(`echo 'chezmoi version v2.73.3-1, built at 2026-10-24'`);
    const { cz } = adapter(good);
    expect((await cz.version())._unsafeUnwrap()).toBe('2.73.3');
    expect((await cz.version())._unsafeUnwrap()).toBe('2.73.3');
    expect(good.calls()).toHaveLength(1);
  });

  it('reads a missing flag as a chezmoi too old', async () => {
    const f = fakeChezmoi(`case "$sub" in state) echo '{}' ;; *) echo 'chezmoi: unknown flag: --error-on-conflict' >&2; exit 1 ;; esac`);
    const e = (await adapter(f).cz.apply({ targets: ['/nonexistent-home/.bashrc'] }))._unsafeUnwrapErr();
    expect(e.kind).toBe('tool-too-old');
  });

  it('kills a hung chezmoi after the timeout', async () => {
    const f = fakeChezmoi(`exec sleep 30`);
    const e = (await adapter(f, { timeoutMs: 300 }).cz.status())._unsafeUnwrapErr();
    expect(e.kind).toBe('command-failed');
    expect(e.message).toContain('timed out');
  });

  it('passes every value as one argument: options joined with "=", paths after "--", nothing interpreted', async () => {
    const f = fakeChezmoi(`echo '{}'`);
    const cz = chezmoiCli({ binary: f.binary, env: f.env, source: '/s/-rf', destination: '/h', config: '/c/x.toml' });
    const weird = '/h/$(touch pwned) --force';
    expect((await cz.reAdd([weird]))._unsafeUnwrap()).toEqual({ updated: [], skipped: [{ target: weird, reason: SKIP_REASONS.notManaged }] });
    const [managed] = f.calls();
    expect(managed).toEqual([
      '--no-tty',
      '--no-pager',
      '--color=off',
      '--refresh-externals=never',
      '--source=/s/-rf',
      '--destination=/h',
      '--config=/c/x.toml',
      'managed',
      '--path-style=all',
      '--format=json',
      '--exclude=externals',
      '--',
      weird,
    ]);
  });

  it('refuses bad inputs before any process runs', async () => {
    const f = fakeChezmoi(`echo '{}'`);
    expect((await chezmoiCli({ binary: f.binary, env: f.env, source: 'a\u0000b' }).managed())._unsafeUnwrapErr().kind).toBe('invalid-input');
    expect((await adapter(f).cz.apply({ targets: ['relative/.bashrc'] }))._unsafeUnwrapErr().kind).toBe('invalid-input');
    expect((await adapter(f).cz.reAdd(['.bashrc']))._unsafeUnwrapErr().kind).toBe('invalid-input');
    expect((await adapter(f).cz.targetPaths(['/abs']))._unsafeUnwrapErr().kind).toBe('invalid-input');
    expect(f.calls()).toEqual([]);
  });

  it('spawns nothing for empty target lists', async () => {
    const f = fakeChezmoi(`exit 1`);
    const { cz } = adapter(f);
    expect((await cz.apply({ targets: [] }))._unsafeUnwrap()).toEqual({ applied: [], keptLocal: [] });
    expect((await cz.reAdd([]))._unsafeUnwrap()).toEqual({ updated: [], skipped: [] });
    expect((await cz.targetPaths([]))._unsafeUnwrap()).toEqual([]);
    expect(f.calls()).toEqual([]);
  });
});

describe('apply when chezmoi refuses a target', () => {
  const t = (name: string) => join('/nonexistent-home', name);

  it('reports a target edited in HOME meanwhile (chezmoi refused it) as kept', async () => {
    const f = fakeChezmoi(`case "$sub" in
  state) echo '{}' ;;
  apply) echo 'chezmoi: .a: exit status 1' >&2; exit 1 ;;
  status) echo 'MM /nonexistent-home/.a' ;;
esac`);
    const r = await adapter(f).cz.apply({ targets: [t('.a'), t('.b')] });
    expect(r._unsafeUnwrap()).toEqual({ applied: ['/nonexistent-home/.b'], keptLocal: ['/nonexistent-home/.a'] });
  });

  it('fails, naming the target, when a target is still pending for another reason', async () => {
    const f = fakeChezmoi(`case "$sub" in
  state) echo '{}' ;;
  apply) echo 'chezmoi: .a: permission denied' >&2; exit 1 ;;
  status) echo ' M /nonexistent-home/.a' ;;
esac`);
    const e = (await adapter(f).cz.apply({ targets: [t('.a'), t('.b')] }))._unsafeUnwrapErr();
    expect(e.kind).toBe('command-failed');
    expect(e.message).toContain('/nonexistent-home/.a');
    expect(e.hint).toContain('applied: /nonexistent-home/.b');
  });

  it("returns apply's own error when status cannot explain it", async () => {
    const f = fakeChezmoi(`case "$sub" in
  state) echo '{}' ;;
  apply) echo 'chezmoi: /nonexistent-home/.a: not managed' >&2; exit 1 ;;
  status) echo 'chezmoi: /nonexistent-home/.a: not managed' >&2; exit 1 ;;
esac`);
    const e = (await adapter(f).cz.apply({ targets: [t('.a')] }))._unsafeUnwrapErr();
    expect(e).toMatchObject({ kind: 'command-failed', message: 'chezmoi failed: /nonexistent-home/.a: not managed' });
  });

  it('turns garbage status output into a parse error in reAdd', async () => {
    const f = fakeChezmoi(`echo 'Your status: fine'`);
    expect((await adapter(f).cz.reAdd())._unsafeUnwrapErr().kind).toBe('parse');
  });
});
