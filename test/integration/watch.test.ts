// `chezmoi-sync watch` as a user runs it: the built CLI, long-running, on worlds with real jj, git
// and chezmoi. Outcomes are polled with a generous deadline; nothing asserts how fast they come.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useWorld, type Host, type World } from '../support/world.js';
import { CLI, cli, ensureBuilt, expectPlain } from '../cli/support/cli.js';

beforeAll(() => ensureBuilt());

interface Watching {
  readonly proc: ChildProcess;
  /** Everything printed so far (stdout and stderr, in arrival order). */
  readonly output: () => string;
  /** Resolves with the exit code once the process ended. */
  readonly exited: Promise<number | null>;
  readonly running: () => boolean;
}

const watchers: Watching[] = [];
// A failed test leaves no watcher behind.
afterEach(() => {
  for (const w of watchers.splice(0)) if (w.running()) w.proc.kill('SIGKILL');
});

const startWatch = (h: Host, args: readonly string[] = []): Watching => {
  const proc = spawn(process.execPath, [CLI, 'watch', '--debounce', '200ms', ...args], { env: h.env, cwd: h.home, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  proc.stdout.on('data', (d: Buffer) => (text += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (text += d.toString()));
  let done = false;
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => ((done = true), resolve(code))));
  const w = { proc, output: () => text, exited, running: () => !done };
  watchers.push(w);
  return w;
};

/** Waits until `check` holds (checked every 50 ms, up to 90 s). */
const until = async (what: string, check: () => boolean, w?: Watching): Promise<void> => {
  const deadline = Date.now() + 90_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${w !== undefined ? `; watcher said:\n${w.output()}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

const stop = async (w: Watching): Promise<number | null> => {
  if (w.running()) w.proc.kill('SIGTERM');
  return w.exited;
};

const setUp = (w: World, ...hosts: Host[]): void => {
  for (const h of hosts) {
    w.cloneWithGit(h);
    w.chezmoiApply(h);
  }
};

const lockOf = (h: Host): string => `${h.home}/.local/share/.chezmoi.chezmoi-sync.lock`;
const ready = (w: Watching) => (): boolean => /watching \d+ directories/.test(w.output()) && /^start: /m.test(w.output());
const syncLines = (w: Watching): number => w.output().split('\n').filter((l) => /^(start|change|interval|retry): /.test(l)).length;

describe('chezmoi-sync watch (built CLI, real tools)', { timeout: 240_000 }, () => {
  it.each(['jj', 'git'])('%s: publishes a HOME edit and a source-dir edit, one sync per burst, one plain line per sync', async (backend) => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    setUp(w, a);
    const watch = startWatch(a, ['--backend', backend]);
    await until('the watcher to start', ready(watch), watch);

    for (const editor of ['nano', 'vim', 'emacs']) w.writeHome(a, '.bashrc', (w.readHome(a, '.bashrc') ?? '').replace(/EDITOR=\S+/, `EDITOR=${editor}`));
    await until('the HOME edit on the remote', () => w.readRemote('dot_bashrc')?.includes('EDITOR=emacs') === true, watch);
    await until('the sync line', () => /^change: success: committed 1, published 1/m.test(watch.output()), watch);

    w.writeSource(a, 'dot_gitconfig', '[user]\n\tname = Alpha\n');
    await until('the source edit on the remote', () => w.readRemote('dot_gitconfig') === '[user]\n\tname = Alpha\n', watch);
    await until('the source edit applied to HOME', () => w.readHome(a, '.gitconfig') === '[user]\n\tname = Alpha\n', watch);
    // Its own writes (re-add, apply, the commits) started nothing more: start + two changes.
    await new Promise((r) => setTimeout(r, 1500));
    expect(syncLines(watch)).toBe(3);
    expect(watch.running()).toBe(true);

    expect(await stop(watch)).toBe(0);
    expectPlain(watch.output());
    expect(existsSync(lockOf(a))).toBe(false);
    const log = JSON.parse(cli(['log', '--json'], { env: a.env }).stdout) as { runs: unknown[] };
    expect(log.runs.length).toBe(3);
  });

  it('an edit saved while a sync runs is published by the next sync, not left for the fetch interval', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    setUp(w, a);
    // The person saves ~/.gitconfig while the watcher's sync is re-adding ~/.bashrc (`chezmoi add`,
    // the capture of plain files): a chezmoi on PATH that makes that save (once) before running the real chezmoi.
    const shim = mkdtempSync(join(tmpdir(), 'watch-shim-'));
    const real = execFileSync('which', ['chezmoi'], { env: a.env, encoding: 'utf8' }).trim();
    const once = join(shim, 'saved');
    writeFileSync(
      join(shim, 'chezmoi'),
      `#!/bin/bash\nif [[ ( " $* " == *" add "* || " $* " == *" re-add "* ) && ! -e '${once}' ]]; then : > '${once}'; printf '[user]\\n\\tname = Mid Run\\n' >> '${a.home}/.gitconfig'; fi\nexec '${real}' "$@"\n`,
      { mode: 0o755 },
    );
    const env = { ...a.env, PATH: `${shim}:${a.env['PATH'] ?? ''}` };
    const watch = startWatch({ ...a, env }, ['--backend', 'git', '--fetch-interval', '1h']);
    await until('the watcher to start', ready(watch), watch);

    w.writeHome(a, '.bashrc', (w.readHome(a, '.bashrc') ?? '').replace(/EDITOR=\S+/, 'EDITOR=nano'));
    await until('the first edit on the remote', () => w.readRemote('dot_bashrc')?.includes('EDITOR=nano') === true, watch);
    expect(existsSync(once)).toBe(true);
    // The save made mid-run reaches the remote by itself (the fetch interval is an hour).
    await until('the mid-run edit on the remote', () => w.readRemote('dot_gitconfig')?.includes('name = Mid Run') === true, watch);
    expect(w.readHome(a, '.gitconfig')).toContain('name = Mid Run');
    expect(await stop(watch)).toBe(0);
    rmSync(shim, { recursive: true, force: true });
  });

  it('brings an edit made on another machine to a watching host through the fetch interval', async () => {
    const w = await useWorld({ hosts: ['alpha', 'beta'] });
    const [a, b] = [w.host('alpha'), w.host('beta')];
    setUp(w, a, b);
    const watch = startWatch(b, ['--fetch-interval', '1s']);
    await until('the watcher to start', ready(watch), watch);

    w.writeHome(a, '.bashrc', (w.readHome(a, '.bashrc') ?? '').replace(/EDITOR=\S+/, 'EDITOR=helix'));
    expect(cli(['sync', '-q'], { env: a.env }).code).toBe(0);
    await until("alpha's edit in beta's HOME", () => w.readHome(b, '.bashrc')?.includes('EDITOR=helix') === true, watch);
    expect(await stop(watch)).toBe(0);
  });

  it('outlives an outage: offline syncs are reported, and the edit is published once the network is back', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    setUp(w, a);
    const watch = startWatch(a, ['--fetch-interval', '1s']);
    await until('the watcher to start', ready(watch), watch);

    w.setNetwork(a, 'offline');
    w.writeHome(a, '.bashrc', '# edited offline\n');
    await until('an offline sync', () => /^(change|interval): fetch-failed: offline/m.test(watch.output()), watch);
    await new Promise((r) => setTimeout(r, 1500));
    expect(watch.running()).toBe(true);
    w.setNetwork(a, 'online');
    await until('the offline edit on the remote', () => w.readRemote('dot_bashrc') === '# edited offline\n', watch);
    expect(await stop(watch)).toBe(0);
  });

  it('SIGTERM during a sync: the sync finishes, exit 0, no lock left', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    setUp(w, a);
    const watch = startWatch(a);
    await until('the watcher to start', ready(watch), watch);

    w.writeHome(a, '.bashrc', '# stopped mid-sync\n');
    await until('a sync holding the lock', () => existsSync(lockOf(a)), watch);
    watch.proc.kill('SIGTERM');
    expect(await watch.exited).toBe(0);
    expect(existsSync(lockOf(a))).toBe(false);
    expect(w.readRemote('dot_bashrc')).toBe('# stopped mid-sync\n');
  });

  it('a sync started while the watcher syncs waits for the lock and succeeds', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    setUp(w, a);
    const watch = startWatch(a);
    await until('the watcher to start', ready(watch), watch);

    w.writeHome(a, '.bashrc', '# edit one\n');
    await until('a sync holding the lock', () => existsSync(lockOf(a)), watch);
    const r = cli(['sync', '--json'], { env: a.env });
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { status: string }).status).toBe('success');
    await until('the edit on the remote', () => w.readRemote('dot_bashrc') === '# edit one\n', watch);
    expect(watch.running()).toBe(true);
    expect(await stop(watch)).toBe(0);
  });

  it('ends with one clear line and a non-zero exit when the source dir is removed', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    setUp(w, a);
    const watch = startWatch(a);
    await until('the watcher to start', ready(watch), watch);

    rmSync(a.source, { recursive: true, force: true });
    const code = await watch.exited;
    expect(code).toBe(3);
    const last = watch.output().trim().split('\n').at(-1) ?? '';
    expect(last.startsWith(`chezmoi-sync: ${a.source} is not a repository`)).toBe(true);
    expect(watch.output().match(/is not a repository/g)?.length).toBe(1);
  });
});
