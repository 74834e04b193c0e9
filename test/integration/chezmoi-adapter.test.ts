// The CLI adapter on a real chezmoi, beyond the shared contract: how many processes each
// operation spawns, chezmoi's state lock, scripts, symlinks, remove_, and network failures.
import { spawn } from 'node:child_process';
import { existsSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { ResultAsync } from 'neverthrow';
import { describe, expect, it, onTestFinished } from 'vitest';
import { chezmoiCli, type ChezmoiCliOptions } from '../../src/backends/chezmoi/index.js';
import { SKIP_REASONS } from '../../src/backends/chezmoi/source-names.js';
import { execaRunner, type Runner } from '../../src/backends/process/runner.js';
import type { SyncError } from '../../src/core/errors.js';
import { useWorld, type Host, type World } from '../support/world.js';

/** A world with one applied host and an adapter whose runner records each chezmoi subcommand. */
const setup = async (files?: Record<string, string>, more: Partial<ChezmoiCliOptions> = {}) => {
  const w = await useWorld({ hosts: ['alpha'], ...(files !== undefined ? { files } : {}) });
  const h = w.host('alpha');
  w.cloneWithGit(h);
  w.chezmoiApply(h);
  const calls: string[] = [];
  const runner: Runner = (c) => {
    calls.push(c.args.find((a) => !a.startsWith('-')) ?? c.args[c.args.length - 1] ?? '');
    return execaRunner(c);
  };
  const cz = chezmoiCli({ env: h.env, source: h.source, destination: h.home, config: h.chezmoiConfig, runner, ...more });
  /** The subcommands run by `step`. */
  const spawned = async (step: () => PromiseLike<unknown>): Promise<readonly string[]> => {
    calls.length = 0;
    await step();
    return [...calls];
  };
  return { w, h, cz, spawned, home: (rel: string) => join(h.home, rel) };
};

const unwrap = async <T>(r: ResultAsync<T, SyncError>): Promise<T> => {
  const x = await r;
  if (x.isErr()) throw new Error(JSON.stringify(x.error));
  return x.value;
};

describe('chezmoi CLI adapter', () => {
  it('spawns few processes: 1 to capture nothing, 1 per query, 2 to apply', async () => {
    const { w, h, cz, spawned, home } = await setup();
    expect(await spawned(async () => [await unwrap(cz.version()), await unwrap(cz.version())])).toEqual(['--version']);
    expect(await spawned(() => unwrap(cz.managed()))).toEqual(['managed']);
    expect(await spawned(() => unwrap(cz.status()))).toEqual(['status']);
    expect(await spawned(() => unwrap(cz.reAdd()))).toEqual(['status']);
    expect(await spawned(() => unwrap(cz.targetPaths(['dot_bashrc'])))).toEqual(['managed']);
    expect(await spawned(() => unwrap(cz.apply({ targets: [] })))).toEqual([]);

    w.writeHome(h, '.bashrc', 'edited\n');
    expect(await spawned(() => unwrap(cz.reAdd()))).toEqual(['status', 'managed', 'add']);
    w.writeHome(h, '.bashrc', 'edited again\n');
    expect(await spawned(() => unwrap(cz.reAdd([home('.bashrc')])))).toEqual(['managed', 'add']);
    // With the caller's managed list: no second lookup, the same outcome; a list without the target is not trusted.
    const known = await unwrap(cz.managed());
    w.writeHome(h, '.bashrc', 'edited a third time\n');
    expect(await spawned(async () => expect(await unwrap(cz.reAdd([home('.bashrc')], known))).toEqual({ updated: [home('.bashrc')], skipped: [] }))).toEqual(['add']);
    expect(w.readSource(h, 'dot_bashrc')).toBe('edited a third time\n');
    w.writeHome(h, '.bashrc', 'edited a fourth time\n');
    expect(await spawned(() => unwrap(cz.reAdd([home('.bashrc')], known.filter((m) => m.target !== home('.bashrc')))))).toEqual(['managed', 'add']);

    w.writeSource(h, 'dot_gitconfig', 'incoming\n');
    expect(await spawned(() => unwrap(cz.apply({ targets: [home('.gitconfig')] })))).toEqual(['state', 'apply']);
    w.writeHome(h, '.gitconfig', 'edited in HOME\n');
    w.writeSource(h, 'dot_gitconfig', 'incoming again\n');
    w.writeSource(h, 'dot_bashrc', 'incoming\n');
    expect(await spawned(() => unwrap(cz.apply({ targets: [home('.gitconfig'), home('.bashrc')] })))).toEqual(['state', 'status', 'managed', 'apply']);
    expect(w.readHome(h, '.gitconfig')).toBe('edited in HOME\n');
    expect(w.readHome(h, '.bashrc')).toBe('incoming\n');
  });

  it("re-adds without chezmoi's git.autoCommit/autoPush committing or pushing behind the sync", async () => {
    const { w, h, cz, home } = await setup();
    w.writeHome(h, '.config/chezmoi/chezmoi.toml', `${w.readHome(h, '.config/chezmoi/chezmoi.toml') ?? ''}[git]\nautoCommit = true\nautoPush = true\n`);
    const head = w.run(h, 'git', ['-C', h.source, 'rev-parse', 'HEAD']).stdout;
    w.writeHome(h, '.bashrc', 'edited in HOME\n');
    expect(await unwrap(cz.reAdd([home('.bashrc')]))).toEqual({ updated: [home('.bashrc')], skipped: [] });
    expect(w.readSource(h, 'dot_bashrc')).toBe('edited in HOME\n');
    expect(w.run(h, 'git', ['-C', h.source, 'rev-parse', 'HEAD']).stdout).toBe(head);
    expect(w.run(h, 'git', ['-C', h.source, 'status', '--porcelain']).stdout).toBe(' M dot_bashrc\n');
    expect(w.readRemote('dot_bashrc')).not.toContain('edited in HOME');
  });

  it("waits out chezmoi's state lock while another chezmoi runs", async () => {
    const { w, h, cz, spawned } = await setup();
    const marker = join(w.root, 'script-started');
    w.writeSource(h, 'run_zz-hold-lock.sh', `#!/bin/sh\ntouch ${JSON.stringify(marker)}\nsleep 3\n`);
    const other = holdLock(w, h);
    onTestFinished(() => {
      other.kill();
    });
    await waitFor(() => existsSync(marker));
    const runs = await spawned(() => unwrap(cz.status()));
    expect(runs.length).toBeGreaterThan(1);
    expect(runs.every((r) => r === 'status')).toBe(true);
  });

  it('runs scripts only when asked', async () => {
    const { w, h, cz, home } = await setup();
    w.writeSource(h, 'run_onchange_hello.sh', '#!/bin/sh\necho ran >> "$HOME/ran.txt"\n');
    expect(await unwrap(cz.apply({ targets: [home('hello.sh')] }))).toEqual({ applied: [home('hello.sh')], keptLocal: [] });
    expect(w.readHome(h, 'ran.txt')).toBeUndefined();
    await unwrap(cz.apply({ targets: [home('hello.sh')], scripts: true }));
    expect(w.readHome(h, 'ran.txt')).toBe('ran\n');
  });

  it('reports a symlink re-pointed in HOME as skipped', async () => {
    const { w, h, cz, home } = await setup();
    w.writeSource(h, 'symlink_dot_link', '.bashrc\n');
    await unwrap(cz.apply({ targets: [home('.link')] }));
    expect(readlinkSync(home('.link'))).toBe('.bashrc');
    rmSync(home('.link'));
    symlinkSync('.gitconfig', home('.link'));
    expect(await unwrap(cz.reAdd())).toEqual({ updated: [], skipped: [{ target: home('.link'), reason: SKIP_REASONS.symlink }] });
    expect(w.readSource(h, 'symlink_dot_link')).toBe('.bashrc\n');
  });

  it('removes a remove_ target chezmoi wrote, but keeps one it never wrote', async () => {
    const { w, h, cz, home } = await setup();
    rmSync(join(h.source, 'dot_gitconfig'));
    w.writeSource(h, 'remove_dot_gitconfig', '');
    w.writeSource(h, 'remove_dot_mine', '');
    w.writeHome(h, '.mine', 'a file chezmoi never wrote\n');
    expect(await unwrap(cz.apply({ targets: [home('.gitconfig'), home('.mine')] }))).toEqual({ applied: [home('.gitconfig')], keptLocal: [home('.mine')] });
    expect(w.readHome(h, '.gitconfig')).toBeUndefined();
    expect(w.readHome(h, '.mine')).toBe('a file chezmoi never wrote\n');
  });

  it('reports an unreachable archive external as a network error', async () => {
    const { w, h, cz } = await setup();
    w.writeSource(h, '.chezmoiexternal.toml', '[".ext"]\ntype = "archive"\nurl = "http://127.0.0.1:9/x.tar.gz"\n');
    const r = await cz.managed();
    expect(r.isErr() && r.error.kind).toBe('network');
  });

  it('fails cleanly when the source dir does not exist', async () => {
    const { h } = await setup();
    const cz = chezmoiCli({ env: h.env, source: join(h.home, 'missing'), destination: h.home, config: h.chezmoiConfig });
    const r = await cz.status();
    expect(r.isErr() && r.error.hint).toMatch(/clone the dotfiles repository/);
  });
});

/** Starts another chezmoi that runs the world's `run_` scripts (and holds the state lock meanwhile). */
const holdLock = (w: World, h: Host) =>
  spawn('chezmoi', ['apply', '--no-tty', '--include=scripts', `--config=${h.chezmoiConfig}`, `--source=${h.source}`, `--destination=${h.home}`], {
    env: h.env,
    stdio: 'ignore',
    cwd: w.root,
  });

const waitFor = async (cond: () => boolean): Promise<void> => {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 25));
  if (!cond()) throw new Error('condition never became true');
};
