// The fetch that runs beside capture: reads go at once, every change to the repository and every
// question about the remote waits until the fetch has ended (on the in-memory backend).
import { ResultAsync, type Result } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import type { SyncError } from '../../../src/core/errors.js';
import { fetchAhead } from '../../../src/core/sync/fetch-ahead.js';
import type { Vcs } from '../../../src/core/vcs.js';
import { MemoryFs, MemoryRemote, memoryFactory } from '../../../src/testing.js';

/** A host's repository whose fetch ends only when `release` is called. */
const withHeldFetch = async () => {
  const fs = new MemoryFs();
  const remote = new MemoryRemote({ files: { f: 'seed\n' } });
  const vcs = (await memoryFactory({ fs, remotes: { origin: remote } }).clone('memory://origin', '/repo'))._unsafeUnwrap();
  let release: () => void = () => undefined;
  const gate = new Promise<void>((r) => {
    release = r;
  });
  const fetches: string[] = [];
  const held = new Proxy(vcs, {
    get: (t, p) =>
      p === 'fetch'
        ? (remoteName: string) => {
            fetches.push(remoteName);
            return new ResultAsync(gate.then(() => t.fetch(remoteName)));
          }
        : (Reflect.get(t, p, t) as unknown),
  }) as Vcs;
  return { fs, vcs: held, fetches, release: () => release() };
};

const settledWithin = async <T>(p: PromiseLike<T>, ticks = 20): Promise<boolean> => {
  let done = false;
  void Promise.resolve(p).then(() => (done = true));
  for (let i = 0; i < ticks && !done; i++) await new Promise((r) => setImmediate(r));
  return done;
};

describe('fetchAhead', () => {
  it('starts the fetch at once, answers reads meanwhile, and holds every change until the fetch ends', async () => {
    const h = await withHeldFetch();
    const ahead = fetchAhead(h.vcs, 'origin');
    expect(h.fetches).toEqual(['origin']);
    h.fs.write('/repo/f', 'edited\n');

    const status = await ahead.vcs.status();
    expect(status._unsafeUnwrap().changes.map((c) => c.path)).toEqual(['f']);
    expect(await ahead.vcs.inLine?.('0'.repeat(40))).toBeDefined();

    const committing = ahead.vcs.commitAll('sync');
    const checkpointing = ahead.vcs.checkpoint();
    const divergence = ahead.vcs.divergence('origin', 'main');
    expect(await settledWithin(committing)).toBe(false);
    expect(await settledWithin(checkpointing)).toBe(false);
    expect(await settledWithin(divergence)).toBe(false);
    expect(await settledWithin(ahead.fetched)).toBe(false);

    h.release();
    expect((await ahead.fetched).isOk()).toBe(true);
    const c: Result<{ committed: boolean }, SyncError> = await committing;
    expect(c._unsafeUnwrap().committed).toBe(true);
    expect((await checkpointing).isOk()).toBe(true);
    expect((await divergence)._unsafeUnwrap().ahead).toHaveLength(1);
    // Only the one fetch ran.
    expect(h.fetches).toEqual(['origin']);
  });

  it('holds the reads too when the backend says they may not run beside a fetch (jj)', async () => {
    const h = await withHeldFetch();
    const exclusive = new Proxy(h.vcs, { get: (t, p) => (p === 'readsDuringFetch' ? false : (Reflect.get(t, p, t) as unknown)) }) as Vcs;
    const ahead = fetchAhead(exclusive, 'origin');
    const status = ahead.vcs.status();
    expect(await settledWithin(status)).toBe(false);
    h.release();
    expect((await status).isOk()).toBe(true);
    expect((await ahead.fetched).isOk()).toBe(true);
  });

  it('keeps what the backend has and lacks (optional methods stay optional)', async () => {
    const h = await withHeldFetch();
    const ahead = fetchAhead(h.vcs, 'origin');
    expect(ahead.vcs.kind).toBe(h.vcs.kind);
    expect(ahead.vcs.root).toBe('/repo');
    expect(ahead.vcs.inLine === undefined).toBe(h.vcs.inLine === undefined);
    expect(ahead.vcs.beginMerge === undefined).toBe(h.vcs.beginMerge === undefined);
    h.release();
    expect((await ahead.fetched).isOk()).toBe(true);
  });
});
