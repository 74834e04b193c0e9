// The property test's world with the real tools: one bare remote, N hosts (each its own HOME,
// chezmoi source dir, jj/git config and fake ssh), and "another tool" — a plain git clone that
// commits and pushes straight to the remote. Syncs run in-process through the SDK, or as the
// built CLI in a child process when they must be killed or run beside another.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { okAsync, ResultAsync } from 'neverthrow';
import type { SyncError } from '../../src/core/errors.js';
import { runSync } from '../../src/core/sync/engine.js';
import { undoLastSync } from '../../src/core/undo.js';
import type { SyncDeps, SyncEvent, SyncReport } from '../../src/core/sync/types.js';
import type { PushOptions, Vcs, VcsFactory } from '../../src/core/vcs.js';
import { CLI, ensureBuilt } from '../cli/support/cli.js';
import { okReport, realDeps, setUpHost, syncHost, type RealBackend } from '../support/engine.js';
import { createWorld, type Host, type World } from '../support/world.js';
import type { Driver, HostObservation, KillOutcome, Observation, OtherEdit, SyncOutcome } from './driver.js';
import { bytesName, isModelFile, seedFiles, setSlot, targetOf, tokensIn } from './model.js';
import { fsPath, objectStore, readOr, remoteTrees, storedIn, walk } from './real-observe.js';
import { realPerson, type TrunkName } from './real-person.js';
import { resolveFlow } from './resolve-flow.js';

const toOutcome = (r: Awaited<ReturnType<typeof runSync>>): SyncOutcome =>
  r.isOk()
    ? { kind: 'report', report: JSON.parse(JSON.stringify(r.value)) as SyncReport, via: 'sdk' }
    : { kind: 'error', error: r.error as SyncError & Record<string, unknown>, via: 'sdk' };

/** Wraps a factory so that every Vcs it hands out runs `before(push options)` ahead of each push. */
const withPushHook = (f: VcsFactory, before: (o: PushOptions) => ResultAsync<void, SyncError>): VcsFactory => {
  const wrap = (v: Vcs): Vcs =>
    new Proxy(v, {
      get(target, prop) {
        if (prop === 'push') return (o: PushOptions) => before(o).andThen(() => target.push(o));
        const x: unknown = Reflect.get(target, prop, target);
        return typeof x === 'function' ? (x as (...a: unknown[]) => unknown).bind(target) : x;
      },
    });
  return {
    kind: f.kind,
    check: () => f.check(),
    isRepo: (p) => f.isRepo(p),
    open: (p) => f.open(p).map(wrap),
    init: (p) => f.init(p).map(wrap),
    clone: (u, p) => f.clone(u, p).map(wrap),
  };
};

interface Child {
  readonly pid: number;
  readonly done: Promise<SyncOutcome>;
}

/**
 * A private copy of the built package for this driver's CLI runs: another build replacing dist/
 * meanwhile (a developer, a parallel test run) must not pull the CLI away mid-campaign. It lives
 * under node_modules/.cache so that the copy still resolves the package's dependencies.
 */
const privateCli = (): { cli: string; remove: () => void } => {
  ensureBuilt();
  const dist = dirname(dirname(CLI));
  const dir = mkdtempSync(join(dirname(dist), 'node_modules', '.cache', 'chezmoi-sync-property-'));
  mkdirSync(dir, { recursive: true });
  const r = spawnSync('cp', ['-a', dist, join(dir, 'dist')]);
  if (r.status !== 0) throw new Error(`cannot copy ${dist}: ${r.stderr.toString()}`);
  return { cli: join(dir, 'dist', 'cli', 'cli.js'), remove: () => rmSync(dir, { recursive: true, force: true }) };
};

export const realDriver = async (backend: RealBackend, hostNames: readonly string[]): Promise<Driver> => {
  mkdirSync(join(dirname(dirname(dirname(CLI))), 'node_modules', '.cache'), { recursive: true });
  const built = privateCli();
  const w: World = createWorld({ hosts: hostNames, files: seedFiles() });
  const template = `${w.root}.template`;
  const other = join(w.root, 'other');
  const host = (name: string): Host => w.host(name);
  const seedHost = w.hosts[0] as Host;

  for (const h of w.hosts) setUpHost(w, h);
  // The first sync of each host (jj: colocation) belongs to the template, not to every sequence.
  for (const h of w.hosts) okReport(await syncHost(w, h, backend));
  w.run(seedHost, 'git', ['clone', '-q', w.remote, other]);
  w.run(seedHost, 'git', ['config', 'user.name', 'Another Tool'], { cwd: other });
  spawnSync('cp', ['-a', w.root, template]);

  const deps = async (h: Host, before?: (o: PushOptions) => ResultAsync<void, SyncError>): Promise<SyncDeps> => {
    const d = await realDeps(h, backend);
    return {
      ...d,
      ...(before !== undefined ? { vcs: withPushHook(d.vcs, before) } : {}),
      // Push retries back off for up to seconds; the model does not need the wait.
      sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 100))),
    };
  };
  const debug = process.env['CHEZMOI_SYNC_PROPERTY_DEBUG'] === '1';
  const options = (h: Host) => ({
    host: h.name,
    stateDir: h.stateDir,
    sourceDir: h.source,
    repoUrl: w.remoteUrl,
    lockTimeoutMs: 30_000,
    ...(debug ? { onEvent: (e: SyncEvent) => e.type !== 'step-started' && console.log(`[${h.name}] ${e.type === 'info' ? e.message : `${e.step}: ${e.outcome}: ${e.detail}`}`) } : {}),
  });
  const sdkSync = async (h: Host, before?: (o: PushOptions) => ResultAsync<void, SyncError>): Promise<SyncOutcome> =>
    toOutcome(await runSync(await deps(h, before), options(h)));

  const cliSync = (h: Host, env: Readonly<Record<string, string>> = {}): Child => {
    const args = [built.cli, 'sync', '--json', '--quiet', '--source', h.source, '--host', h.name, '--state-dir', h.stateDir, '--backend', backend, '--repo-url', w.remoteUrl, '--chezmoi-config', h.chezmoiConfig, '--lock-timeout', '30'];
    // Its own process group, so that a kill takes jj/git/chezmoi down with it (as systemd would).
    const child = spawn(process.execPath, args, { env: { ...h.env, ...env }, cwd: h.home, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString('utf8')));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
    const done = new Promise<SyncOutcome>((resolve) => {
      child.on('close', (code, signal) => {
        try {
          const doc = JSON.parse(stdout) as { report?: SyncReport; error?: SyncError & Record<string, unknown> };
          if (doc.report !== undefined) resolve({ kind: 'report', report: doc.report, via: 'cli' });
          else resolve({ kind: 'error', error: doc.error ?? { kind: 'command-failed', message: `no report (exit ${code})` }, via: 'cli' });
        } catch {
          resolve({ kind: 'error', error: { kind: 'command-failed', message: `exit ${code} signal ${signal}: ${stdout.slice(0, 500)} ${stderr.slice(0, 2000)}` }, via: 'cli' });
        }
      });
    });
    return { pid: child.pid ?? -1, done };
  };

  // A stand-in for the backend's tool that counts its runs: the k-th does its work (jj records its
  // operation and leaves the working copy as it was, as when killed before updating it) and then
  // kills the sync's process group, as a unit's stop would.
  const killDir = mkdtempSync(join(tmpdir(), 'chezmoi-sync-kill-'));
  const wrapper = join(killDir, backend);
  writeFileSync(
    wrapper,
    `#!/bin/sh
n=$(( $(cat "$KILL_COUNT" 2>/dev/null || echo 0) + 1 ))
echo "$n" > "$KILL_COUNT"
sub=; skip=
for a in "$@"; do
  if [ -n "$skip" ]; then skip=; continue; fi
  case "$a" in -c|-C) skip=1 ;; -*) ;; git) [ "$KILL_TOOL" = jj ] || { sub=$a; break; } ;; *) sub=$a; break ;; esac
done
if [ "$n" = "$KILL_AT" ] || { [ -n "$KILL_ON" ] && [ "$sub" = "$KILL_ON" ]; }; then
  echo "$sub" > "$KILL_COUNT.cmd"
  if [ "$KILL_TOOL" = jj ] && [ "$sub" != clone ]; then "$REAL_TOOL" --ignore-working-copy "$@" >/dev/null 2>&1; else "$REAL_TOOL" "$@" >/dev/null 2>&1; fi
  kill -9 -"$PPID" 2>/dev/null || kill -9 "$PPID"
  exit 1
fi
exec "$REAL_TOOL" "$@"
`,
    { mode: 0o755 },
  );
  const realTool = spawnSync('sh', ['-c', `command -v ${backend}`], { env: seedHost.env, encoding: 'utf8' }).stdout.trim();
  /** A CLI sync of `h` killed inside its `k`-th tool command, or the first whose subcommand is `on`. */
  const killInTool = async (h: Host, at: { readonly k: number } | { readonly on: string }): Promise<KillOutcome> => {
    const count = join(killDir, 'count');
    rmSync(count, { force: true });
    rmSync(`${count}.cmd`, { force: true });
    const env = { REAL_TOOL: realTool, KILL_AT: 'k' in at ? String(at.k) : '', KILL_ON: 'on' in at ? at.on : '', KILL_COUNT: count, KILL_TOOL: backend, [backend === 'git' ? 'CHEZMOI_SYNC_GIT' : 'CHEZMOI_SYNC_JJ']: wrapper };
    const outcome = await cliSync(h, env).done;
    if (outcome.kind === 'error' && /signal SIGKILL/.test(outcome.error.message)) return { killed: true, at: `in ${backend} command ${'k' in at ? at.k : at.on} (${(readOr(`${count}.cmd`) ?? '?').trim()})` };
    return { killed: false, outcome };
  };

  /** `chezmoi-status` on `h` again and again until `done` settles; what it prints is not the point. */
  const statusUntil = async (h: Host, done: Promise<unknown>): Promise<void> => {
    let over = false;
    void done.finally(() => (over = true));
    const args = [built.cli, 'status', '--json', '--source', h.source, '--state-dir', h.stateDir, '--backend', backend, '--chezmoi-config', h.chezmoiConfig];
    while (!over) {
      await new Promise<void>((resolve) => spawn(process.execPath, args, { env: h.env, cwd: h.home, stdio: 'ignore' }).on('close', () => resolve()));
    }
  };

  // Another machine's tool: none of the settings a person gives the first host's git ('sign-commits').
  const OTHER_GIT = ['-c', 'commit.gpgsign=false', '-c', 'push.gpgsign=false', '-c', 'log.showSignature=false', '-c', 'core.hooksPath=/dev/null'];
  const gitOther = (args: string[], allowFail = false) => w.run(seedHost, 'git', [...OTHER_GIT, ...args], { cwd: other, allowFail });
  // The remote's default branch: `main` until a person action renames it.
  const trunk: TrunkName = { name: 'main' };

  const otherEdit = async (file: number, slot: number, token: string): Promise<OtherEdit | undefined> => {
    for (let attempt = 0; attempt < 3; attempt++) {
      gitOther(['fetch', '-q', 'origin']);
      gitOther(['reset', '-q', '--hard', `origin/${trunk.name}`]);
      const listed = spawnSync('git', ['ls-files', '-z'], { cwd: other, env: seedHost.env }).stdout;
      const files = listed.toString('latin1').split('\0').filter((n) => n !== '').map((n) => bytesName(Buffer.from(n, 'latin1'))).filter(isModelFile).sort();
      if (files.length === 0) return undefined;
      const f = files[file % files.length] as string;
      const r = setSlot(readFileSync(fsPath(other, f), 'utf8'), slot, token);
      if (r === undefined) return undefined;
      writeFileSync(fsPath(other, f), r.text);
      gitOther(['commit', '-q', '-a', '-m', `another tool edits ${f}`]);
      if (gitOther(['push', '-q', 'origin', `HEAD:refs/heads/${trunk.name}`], true).status === 0) return { file: f, slot, old: r.old };
    }
    throw new Error('another tool could not push three times in a row');
  };

  const observeHost = (h: Host): HostObservation => ({
    name: h.name,
    home: walk(h.home, ['.local', '.cache', '.config']),
    source: walk(h.source, ['.git', '.jj']),
    stateJson: readOr(join(h.stateDir, 'state.json')),
    lastStatus: readOr(join(h.stateDir, 'last-sync-status')),
    lockExists: existsSync(join(dirname(h.source), '.chezmoi.chezmoi-sync.lock')),
    localTokens: () => {
      const r = spawnSync('git', ['--git-dir', join(h.source, '.git'), 'log', '--all', '-p', '--format='], { encoding: 'utf8', env: h.env, maxBuffer: 256 * 1024 * 1024 });
      return Promise.resolve(new Set(tokensIn(r.stdout)));
    },
  });

  return {
    label: backend,
    hosts: hostNames,
    home: (name) => host(name).home,
    managed: (name) => [...walk(host(name).source, ['.git', '.jj']).keys()].filter(isModelFile).sort(),
    read: (name, where, file) => readOr(where === 'home' ? fsPath(host(name).home, targetOf(file)) : fsPath(host(name).source, file)),
    write: (name, where, file, text) => {
      const rel = where === 'home' ? targetOf(file) : file;
      const base = where === 'home' ? host(name).home : host(name).source;
      mkdirSync(fsPath(base, dirname(rel)), { recursive: true });
      writeFileSync(fsPath(base, rel), text);
    },
    // A name that is not UTF-8 cannot be an argument: its (UTF-8) directory is added instead.
    chezmoiAdd: (name, file) => {
      const h = host(name);
      const target = targetOf(file);
      const arg = target.includes('\\x') ? (target.split('/')[0] as string) : target;
      w.run(h, 'chezmoi', ['add', '--no-tty', '--no-pager', '--color=off', '--config', h.chezmoiConfig, '--source', h.source, '--destination', h.home, join(h.home, arg)]);
      return Promise.resolve();
    },
    removeSource: (name, file) => rmSync(fsPath(host(name).source, file), { force: true }),
    setNetwork: (name, mode) => w.setNetwork(host(name), mode),
    sync: (name) => sdkSync(host(name)),
    syncWithRace: async (name, run) => {
      let raced = false;
      const before = (o: PushOptions): ResultAsync<void, SyncError> => {
        if (raced || o.branch !== trunk.name) return okAsync(undefined);
        raced = true;
        return ResultAsync.fromSafePromise(run().then(() => undefined));
      };
      const outcome = await sdkSync(host(name), before);
      return { outcome, raced };
    },
    kill: async (name, point): Promise<KillOutcome> => {
      // Every third point kills inside a tool's command rather than at a time: a timed kill seldom
      // lands between jj recording an operation and updating the working copy. One in four of those
      // kills inside the rebase, whichever command it is (a sync with nothing incoming is not
      // killed): what a person then does on top (jj: a commit by hand; git: edits staged inside the
      // stopped rebase) is the recovery's hardest case.
      if (point % 12 === 0) return killInTool(host(name), { on: 'rebase' });
      if (point % 3 === 0) return killInTool(host(name), { k: 1 + (Math.floor(point / 3) % 12) });
      const child = cliSync(host(name));
      // Node starts in ~100 ms and a whole CLI sync takes ~0.25–0.6 s here: spread the kills over it.
      const afterMs = 80 + Math.round(point * 0.3);
      const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), afterMs));
      const first = await Promise.race([child.done, timer]);
      if (first !== 'timeout') return { killed: false, outcome: first };
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone: it finished just now.
      }
      const late = await child.done;
      return late.kind === 'error' && /signal SIGKILL/.test(late.error.message) ? { killed: true, at: `after ${afterMs} ms` } : { killed: false, outcome: late };
    },
    concurrent: async (name) => {
      const h = host(name);
      const child = cliSync(h);
      const both = Promise.all([sdkSync(h), child.done]);
      // A person's read-only command beside them, over and over until both end: it takes no lock,
      // so it must write nothing (it once backed out the rebase of a sync running beside it).
      await statusUntil(h, both);
      return both;
    },
    resolve: async (name, decide) => {
      const h = host(name);
      return resolveFlow({ deps: await deps(h), options: options(h) }, decide);
    },
    otherEdit,
    observe: (): Promise<Observation> => Promise.resolve({ remote: remoteTrees(w.remote), hosts: w.hosts.map(observeHost) }),
    person: realPerson(w, backend, trunk, {
      killedClone: async (h) => (await killInTool(h, { on: 'clone' })).killed,
      sync: (h) => cliSync(h).done,
      undo: async (h) => {
        const r = await undoLastSync({ deps: await deps(h), options: options(h) });
        return r.isOk() ? r.value.summary : `undo refused: ${r.error.message}`;
      },
    }),
    stored: (texts) => Promise.resolve(storedIn([w.remote, ...w.hosts.flatMap((h) => objectStore(h.source) ?? []), join(other, '.git')], texts)),
    reset: () => {
      trunk.name = 'main';
      rmSync(w.root, { recursive: true, force: true });
      const r = spawnSync('cp', ['-a', template, w.root]);
      if (r.status !== 0) throw new Error(`cp failed: ${r.stderr.toString()}`);
      return Promise.resolve();
    },
    dispose: () => {
      built.remove();
      rmSync(killDir, { recursive: true, force: true });
      w.cleanup();
      rmSync(template, { recursive: true, force: true });
    },
  };
};
