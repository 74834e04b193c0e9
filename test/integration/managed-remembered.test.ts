// chezmoi's managed list remembered between runs (src/backends/chezmoi/managed-memo.ts): a no-op
// sync on a settled source tree runs no `chezmoi managed`, and whatever changes the list — a file
// added by hand, one that comes in from another machine, an edited .chezmoiignore — is seen at once.
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { chezmoiCli } from '../../src/backends/chezmoi/index.js';
import { execaRunner, type Runner } from '../../src/backends/process/runner.js';
import { runSync } from '../../src/core/sync/engine.js';
import type { SyncReport } from '../../src/core/sync/types.js';
import { realDeps, setUpHost, type RealBackend } from '../support/engine.js';
import { clearOfTheHour } from '../support/hour.js';
import { useWorld, type Host, type World } from '../support/world.js';

/** The memo trusts nothing changed in the last 2 s (a change in the same timestamp tick would not show). */
const settle = () => new Promise((r) => setTimeout(r, 2_100));

beforeEach(clearOfTheHour, 90_000);

describe.each<RealBackend>(['jj', 'git'])("chezmoi's managed list, remembered, with %s", (backend) => {
  const machine = async (w: World, h: Host) => {
    const managedRuns: string[] = [];
    const runner: Runner = (c) => {
      if (c.args.includes('managed') && !c.args.some((a) => a.startsWith('/'))) managedRuns.push(h.name);
      return execaRunner(c);
    };
    const chezmoi = chezmoiCli({ source: h.source, destination: h.home, config: h.chezmoiConfig, env: h.env, cacheDir: join(h.stateDir, 'cache'), runner });
    const sync = async (): Promise<SyncReport> => {
      const r = await runSync({ ...(await realDeps(h, backend)), chezmoi }, { host: h.name, stateDir: h.stateDir, sourceDir: h.source, repoUrl: w.remoteUrl, lockTimeoutMs: 5_000 });
      if (r.isErr()) throw new Error(JSON.stringify(r.error));
      expect(r.value.status).toBe('success');
      return r.value;
    };
    /** `chezmoi managed` (the whole list) runs during `f`. */
    const managedDuring = async (f: () => Promise<unknown>): Promise<number> => {
      managedRuns.length = 0;
      await f();
      return managedRuns.length;
    };
    return { sync, managedDuring };
  };

  /** alpha and beta, each synced once, on a settled tree. */
  const twoMachines = async (files: Record<string, string>) => {
    const w = await useWorld({ hosts: ['alpha', 'beta'], files });
    const [a, b] = [w.host('alpha'), w.host('beta')];
    setUpHost(w, a);
    setUpHost(w, b);
    const [alpha, beta] = [await machine(w, a), await machine(w, b)];
    await alpha.sync();
    await beta.sync();
    await settle();
    return { w, a, b, alpha, beta };
  };

  it('skips chezmoi on a settled no-op, and sees a file added by hand, one that came in, and an edited .chezmoiignore', async () => {
    const { w, a, b, alpha, beta } = await twoMachines({ dot_bashrc: '# bashrc\n', dot_vimrc: 'set nu\n', dot_notes: 'ideas\n', '.chezmoiignore': '.notes\n' });
    expect(await alpha.managedDuring(alpha.sync)).toBe(1); // remembered now
    expect(await alpha.managedDuring(alpha.sync)).toBe(0);

    // A file added to the source dir by hand (as `chezmoi add` does) is published, and a later HOME
    // edit of it is captured: the remembered list (without it) is not used.
    w.writeHome(a, '.gitconfig', '[user]\n\tname = A\n');
    w.writeSource(a, 'dot_gitconfig', '[user]\n\tname = A\n');
    expect(await alpha.managedDuring(alpha.sync)).toBe(1);
    expect(w.readRemote('dot_gitconfig')).toBe('[user]\n\tname = A\n');
    w.writeHome(a, '.gitconfig', '[user]\n\tname = A, edited in HOME\n');
    await alpha.sync();
    expect(w.readRemote('dot_gitconfig')).toBe('[user]\n\tname = A, edited in HOME\n');

    // beta's list was remembered before the file existed: the incoming file still reaches beta's HOME.
    await beta.sync();
    expect(w.readHome(b, '.gitconfig')).toBe('[user]\n\tname = A, edited in HOME\n');

    // A file un-ignored by an edit of .chezmoiignore on beta reaches alpha, whose list was remembered.
    await settle();
    await alpha.sync();
    expect(await alpha.managedDuring(alpha.sync)).toBe(0);
    expect(w.readHome(a, '.notes')).toBeUndefined();
    w.writeSource(b, 'dot_notes', 'ideas, more\n');
    w.writeSource(b, '.chezmoiignore', '# nothing ignored\n');
    await beta.sync();
    expect(w.readRemote('.chezmoiignore')).toBe('# nothing ignored\n');
    await alpha.sync();
    expect(w.readHome(a, '.notes')).toBe('ideas, more\n');
  });

  it('keeps the list across a capture and an incoming edit (files rewritten, no name changed), and sees a rename at once', async () => {
    const { w, a, b, alpha, beta } = await twoMachines({ dot_bashrc: '# bashrc\n', dot_vimrc: 'set nu\n' });
    await alpha.sync(); // remembered now
    await beta.sync();

    // alpha captures a HOME edit (chezmoi rewrites the source file); beta takes it in (jj or git rewrites it there).
    w.writeHome(a, '.bashrc', '# bashrc, edited on alpha\n');
    expect(await alpha.managedDuring(alpha.sync)).toBe(0);
    expect(await beta.managedDuring(beta.sync)).toBe(0);
    expect(w.readHome(b, '.bashrc')).toBe('# bashrc, edited on alpha\n');
    await settle();
    expect(await alpha.managedDuring(alpha.sync)).toBe(0);
    expect(await beta.managedDuring(beta.sync)).toBe(0);

    // A rename by hand (same number of files, one name changed) is seen by the very next sync.
    w.writeHome(a, '.exrc', 'set nu\n');
    renameSync(join(a.source, 'dot_vimrc'), join(a.source, 'dot_exrc'));
    expect(await alpha.managedDuring(alpha.sync)).toBe(1);
    expect(w.readRemote('dot_exrc')).toBe('set nu\n');
    w.writeHome(a, '.exrc', 'set nu rnu\n');
    await alpha.sync();
    expect(w.readRemote('dot_exrc')).toBe('set nu rnu\n');
  });

  it('remembers each entry with its type, and computes a remembered list it cannot read again', async () => {
    const w = await useWorld({
      hosts: ['alpha'],
      files: { dot_bashrc: '# bashrc\n', 'dot_config/app/settings': 'x = 1\n', 'exact_dot_kept/file': 'k\n', symlink_dot_link: '.bashrc\n', 'run_once_hello.sh': '#!/bin/sh\ntrue\n' },
    });
    const a = w.host('alpha');
    setUpHost(w, a);
    const cacheDir = join(a.stateDir, 'cache');
    const chezmoi = chezmoiCli({ source: a.source, destination: a.home, config: a.chezmoiConfig, env: a.env, cacheDir });
    const list = async () => {
      const r = await chezmoi.managed();
      if (r.isErr()) throw new Error(JSON.stringify(r.error));
      return [...r.value].sort((x, y) => (x.target < y.target ? -1 : 1));
    };
    const computed = await list();
    const typeOf = (t: string) => computed.find((m) => m.target === join(a.home, t))?.type;
    expect([typeOf('.bashrc'), typeOf('.config'), typeOf('.config/app'), typeOf('.kept'), typeOf('.link'), typeOf('hello.sh')]).toEqual(['file', 'dir', 'dir', 'dir', 'symlink', 'script']);
    await settle();
    await list(); // remembered now (the tree had settled)
    const remembered = () => readdirSync(cacheDir).filter((f) => readFileSync(join(cacheDir, f), 'utf8').includes(join(a.home, '.bashrc')));
    expect(remembered()).toHaveLength(1);
    expect(await list()).toEqual(computed);

    // A remembered value this version cannot read (cut short, say) is computed again, never an error.
    const file = join(cacheDir, remembered()[0] ?? '');
    const entry = JSON.parse(readFileSync(file, 'utf8')) as { value: string };
    writeFileSync(file, JSON.stringify({ ...entry, value: `${entry.value.slice(0, entry.value.indexOf('\n') + 1)}["file",` }));
    expect(await list()).toEqual(computed);
  });
});
