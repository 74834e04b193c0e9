import { describe, expect, it } from 'vitest';
import { acquireLock, type LockDeps } from '../../../src/core/sync/lock.js';
import { MemoryFs } from '../../../src/backends/memory/fs.js';
import { memoryEngineFs } from '../../../src/backends/memory/memory-engine-fs.js';

// A fake clock that sleeping advances: the lock's waiting is exercised without real time.
const world = (alive: ReadonlySet<number>) => {
  const fs = new MemoryFs();
  let t = 0;
  const deps: LockDeps = {
    fs: memoryEngineFs(fs),
    isAlive: (pid) => alive.has(pid),
    sleep: async (ms) => {
      t += ms;
    },
    now: () => new Date(t),
  };
  return { fs, deps };
};
const holder = (pid: number) => ({ pid, host: 'h', startedAt: `t${pid}`, token: `k${pid}` });

describe('acquireLock', () => {
  it('takes a free lock and releases it', async () => {
    const { fs, deps } = world(new Set());
    const rel = (await acquireLock(deps, { path: '/l', holder: holder(1), timeoutMs: 1000 }))._unsafeUnwrap();
    expect(JSON.parse(fs.read('/l') ?? '')).toMatchObject({ pid: 1 });
    expect((await rel()).isOk()).toBe(true);
    expect(fs.exists('/l')).toBe(false);
  });

  it('ends with `locked` after the timeout while a live holder keeps it', async () => {
    const { fs, deps } = world(new Set([1]));
    fs.write('/l', JSON.stringify(holder(1)));
    const r = await acquireLock(deps, { path: '/l', holder: holder(2), timeoutMs: 1000 });
    expect(r._unsafeUnwrapErr()).toMatchObject({ kind: 'locked', holderPid: 1 });
    expect(JSON.parse(fs.read('/l') ?? '')).toMatchObject({ pid: 1 });
  });

  it('recovers a lock left by a killed process on this host', async () => {
    const { fs, deps } = world(new Set());
    fs.write('/l', JSON.stringify(holder(99)));
    const r = await acquireLock(deps, { path: '/l', holder: holder(2), timeoutMs: 1000 });
    expect(r.isOk()).toBe(true);
    expect(JSON.parse(fs.read('/l') ?? '')).toMatchObject({ pid: 2 });
  });

  it('recovers a truncated lock file once it is older than the timeout', async () => {
    const { fs, deps } = world(new Set());
    fs.write('/l', '{"pi');
    const r = await acquireLock(deps, { path: '/l', holder: holder(2), timeoutMs: 1000 });
    expect(r.isOk()).toBe(true);
  });

  it('does not remove a lock it no longer holds', async () => {
    const { fs, deps } = world(new Set());
    const rel = (await acquireLock(deps, { path: '/l', holder: holder(1), timeoutMs: 1000 }))._unsafeUnwrap();
    fs.write('/l', JSON.stringify(holder(7)));
    expect((await rel()).isOk()).toBe(true);
    expect(JSON.parse(fs.read('/l') ?? '')).toMatchObject({ pid: 7 });
  });
});
