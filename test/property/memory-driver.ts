// The same world entirely in memory (chezmoi-sync/testing): the very engine, with the memory
// VCS and chezmoi fakes. Thousands of sequences run in seconds, so the engine's own logic is
// explored far beyond what the real tools allow. A "kill" stops the run before its N-th port
// call (that call and every later one never return) and marks its pid dead.
import { dirname } from 'node:path';
import { okAsync, ResultAsync } from 'neverthrow';
import { ancestors, treeOf } from '../../src/backends/memory/model.js';
import { repoAt } from '../../src/backends/memory/state.js';
import type { SyncError } from '../../src/core/errors.js';
import { runSync } from '../../src/core/sync/engine.js';
import { undoLastSync } from '../../src/core/undo.js';
import { undoNote } from './person.js';
import type { SyncDeps, SyncEvent, SyncReport } from '../../src/core/sync/types.js';
import type { PushOptions, Vcs, VcsFactory } from '../../src/core/vcs.js';
import { MemoryFs, MemoryRemote, memoryMachine, type MemoryMachine } from '../../src/testing.js';
import type { Driver, HostObservation, KillOutcome, Observation, OtherEdit, SyncOutcome } from './driver.js';
import { isModelFile, seedFiles, setSlot, targetOf, tokensIn } from './model.js';
import { memoryPerson } from './memory-person.js';
import { resolveFlow } from './resolve-flow.js';

const URL = 'ssh://git.example.com/me/dotfiles.git';
const never = <T>(): ResultAsync<T, SyncError> => new ResultAsync(new Promise(() => undefined));

/** Proxies every method of a port: `gate()` false → the call never returns (the process is gone). */
const gated = <T extends object>(port: T, gate: () => boolean, nested: (v: unknown) => unknown = (v) => v): T =>
  new Proxy(port, {
    get(target, prop) {
      const x: unknown = Reflect.get(target, prop, target);
      if (typeof x !== 'function') return x;
      return (...args: unknown[]) => {
        if (!gate()) return never();
        const r = (x as (...a: unknown[]) => unknown).apply(target, args);
        return r instanceof ResultAsync ? r.map(nested) : r;
      };
    },
  });

export const memoryDriver = (hostNames: readonly string[]): Driver => {
  let fs = new MemoryFs();
  let remote = new MemoryRemote({ files: seedFiles() });
  let machines = new Map<string, MemoryMachine>();
  const alive = new Set<number>();
  let nextPid = 100;
  let blobs = { commits: new Set<string>(), contents: new Set<string>() };
  const m = (h: string): MemoryMachine => machines.get(h) as MemoryMachine;
  const stateDir = (h: string): string => `/state/${h}`;

  const deps = (h: string, opts: { killAt?: number; onKill?: () => void; beforePush?: (o: PushOptions) => ResultAsync<void, SyncError> } = {}): SyncDeps => {
    const base = m(h).deps;
    const pid = nextPid++;
    alive.add(pid);
    let calls = 0;
    const gate = (): boolean => {
      calls++;
      if (opts.killAt === undefined || calls < opts.killAt) return true;
      if (alive.delete(pid)) opts.onKill?.();
      return false;
    };
    const hook = opts.beforePush;
    const wrapVcs = (v: unknown): unknown => {
      const vcs = gated(v as Vcs, gate);
      if (hook === undefined) return vcs;
      return new Proxy(vcs, {
        get(target, prop) {
          if (prop === 'push') return (o: PushOptions) => hook(o).andThen(() => target.push(o));
          return Reflect.get(target, prop, target) as unknown;
        },
      });
    };
    return {
      ...base,
      vcs: gated<VcsFactory>(base.vcs, gate, wrapVcs),
      chezmoi: gated(base.chezmoi, gate),
      fs: gated(base.fs, gate),
      pid,
      isAlive: (p) => alive.has(p),
      sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 2))),
    };
  };
  const debug = process.env['CHEZMOI_SYNC_PROPERTY_DEBUG'] === '1';
  const options = (h: string) => ({
    host: h,
    sourceDir: m(h).source,
    repoUrl: URL,
    stateDir: stateDir(h),
    lockTimeoutMs: 2_000,
    ...(debug ? { onEvent: (e: SyncEvent) => e.type !== 'step-started' && console.log(`[${h}] ${e.type === 'info' ? e.message : `${e.step}: ${e.outcome}: ${e.detail}`}`) } : {}),
  });
  const run = async (h: string, d: SyncDeps): Promise<SyncOutcome> => {
    const r = await runSync(d, options(h));
    return r.isOk()
      ? { kind: 'report', report: JSON.parse(JSON.stringify(r.value)) as SyncReport, via: 'sdk' }
      : { kind: 'error', error: r.error as SyncError & Record<string, unknown>, via: 'sdk' };
  };

  const reset = async (): Promise<void> => {
    blobs = { commits: new Set(), contents: new Set() };
    fs = new MemoryFs();
    remote = new MemoryRemote({ files: seedFiles() });
    machines = new Map(hostNames.map((h) => [h, memoryMachine({ fs, remotes: { [URL]: remote }, host: h })]));
    for (const h of hostNames) {
      const o = await run(h, deps(h));
      if (o.kind !== 'report' || o.report.status !== 'success') throw new Error(`first sync of ${h} failed: ${JSON.stringify(o)}`);
    }
  };

  const path = (h: string, where: 'home' | 'source', file: string): string => (where === 'home' ? `${m(h).home}/${targetOf(file)}` : `${m(h).source}/${file}`);
  const under = (dir: string, skip: readonly string[]): Map<string, string> =>
    new Map([...fs.snapshot(dir)].filter(([rel]) => !skip.some((s) => rel === s || rel.startsWith(`${s}/`))));

  const otherEdit = (file: number, slot: number, token: string): Promise<OtherEdit | undefined> => {
    const files = Object.keys(remote.files('main')).filter(isModelFile).sort();
    const f = files[file % Math.max(1, files.length)];
    if (f === undefined) return Promise.resolve(undefined);
    const r = setSlot(remote.read('main', f) ?? '', slot, token);
    if (r === undefined) return Promise.resolve(undefined);
    remote.commitDirect('main', { [f]: r.text }, `another tool edits ${f}`);
    return Promise.resolve({ file: f, slot, old: r.old });
  };

  const observeHost = (h: string): HostObservation => ({
    name: h,
    home: under(m(h).home, ['.local', '.config', '.cache']),
    source: under(m(h).source, []),
    stateJson: fs.read(`${stateDir(h)}/state.json`),
    lastStatus: fs.read(`${stateDir(h)}/last-sync-status`),
    lockExists: fs.exists(`${dirname(m(h).source)}/.chezmoi.chezmoi-sync.lock`),
    localTokens: () => {
      const repo = repoAt(fs, m(h).source);
      const found = new Set<string>();
      if (repo === undefined) return Promise.resolve(found);
      const tips = [repo.head, ...repo.branches.values()];
      for (const tip of tips) for (const id of ancestors(repo.commits, tip)) for (const text of treeOf(repo.commits, id).values()) for (const t of tokensIn(text)) found.add(t);
      return Promise.resolve(found);
    },
  });

  return {
    label: 'memory',
    hosts: hostNames,
    home: (h) => m(h).home,
    managed: (h) => [...fs.snapshot(m(h).source).keys()].filter(isModelFile).sort(),
    read: (h, where, file) => fs.read(path(h, where, file)),
    write: (h, where, file, text) => fs.write(path(h, where, file), text),
    // Like `chezmoi add`: the source gets HOME's content and chezmoi remembers what it saw.
    chezmoiAdd: async (h, file) => {
      fs.write(path(h, 'source', file), '');
      (await m(h).chezmoi.reAdd([path(h, 'home', file)]))._unsafeUnwrap();
    },
    removeSource: (h, file) => void fs.remove(path(h, 'source', file)),
    setNetwork: (h, mode) => {
      remote.faults.clear(h);
      remote.setReachable(mode !== 'offline', h);
      if (mode === 'auth') remote.faults.inject({ kind: 'auth', times: 'always', host: h });
      if (mode === 'push-offline') remote.faults.inject({ kind: 'network', op: 'push', times: 'always', host: h });
    },
    sync: (h) => run(h, deps(h)),
    syncWithRace: async (h, other) => {
      let raced = false;
      const beforePush = (o: PushOptions): ResultAsync<void, SyncError> => {
        if (raced || o.branch !== 'main') return okAsync(undefined);
        raced = true;
        return ResultAsync.fromSafePromise(other().then(() => undefined));
      };
      const outcome = await run(h, deps(h, { beforePush }));
      return { outcome, raced };
    },
    kill: async (h, point): Promise<KillOutcome> => {
      let killed = false;
      const killAt = 1 + (point % 60);
      const p = run(h, deps(h, { killAt, onKill: () => (killed = true) }));
      // A killed run never settles; give a finishing one the chance to.
      const first = await Promise.race([p, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 50))]);
      if (first === 'hung' && killed) return { killed: true, at: `at port call ${killAt}` };
      if (first === 'hung') return { killed: false, outcome: await p };
      return { killed: false, outcome: first };
    },
    concurrent: (h) => Promise.all([run(h, deps(h)), run(h, deps(h))]),
    resolve: (h, decide) => resolveFlow({ deps: deps(h), options: options(h) }, decide),
    otherEdit,
    observe: (): Promise<Observation> =>
      Promise.resolve({
        remote: new Map(remote.branches().map((b) => [b, new Map(Object.entries(remote.files(b)))])),
        hosts: hostNames.map(observeHost),
      }),
    person: memoryPerson(() => fs, m, async (h, between) =>
      undoNote(
        await run(h, deps(h)),
        async () => {
          const r = await undoLastSync({ deps: deps(h), options: options(h) });
          return r.isOk() ? r.value.summary : `undo refused: ${r.error.message}`;
        },
        between,
      ),
    ),
    // Every commit any repository or the remote holds, reachable or not.
    // Every commit any repository or the remote holds, reachable or not; commits never change,
    // so each is read once per sequence.
    stored: (texts) => {
      const visit = (id: string, tree: ReadonlyMap<string, string>): void => {
        if (blobs.commits.has(id)) return;
        blobs.commits.add(id);
        for (const text of tree.values()) blobs.contents.add(text);
      };
      for (const h of hostNames) for (const [id, c] of repoAt(fs, m(h).source)?.commits ?? []) visit(id, c.tree);
      const todo = remote.branches().map((b) => remote.head(b));
      for (let id = todo.pop(); id !== undefined; id = todo.pop()) {
        const c = remote.commit(id);
        if (c === undefined || blobs.commits.has(id)) continue;
        visit(id, c.tree);
        todo.push(...c.parents);
      }
      return Promise.resolve(new Set(texts.filter((t) => blobs.contents.has(t))));
    },
    reset,
    dispose: () => undefined,
  };
};
