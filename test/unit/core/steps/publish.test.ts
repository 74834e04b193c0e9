// The publish and preserve steps on their own, and the engine's retry when the remote moves.
import { describe, expect, it } from 'vitest';
import { runSync } from '../../../../src/core/sync/engine.js';
import { preserve } from '../../../../src/core/sync/steps/preserve.js';
import { cleanUpHostBranch, publish } from '../../../../src/core/sync/steps/publish.js';
import { BASHRC, stepWorld, URL } from './world.js';

/** Alpha with one local commit, fetched and integrated. */
const ahead = async (content = '# alpha\n') => {
  const w = await stepWorld();
  const ctx = await w.context(w.a);
  w.fs.write(`${w.a.source}/dot_bashrc`, content);
  (await ctx.vcs.commitAll('local'))._unsafeUnwrap();
  (await ctx.vcs.fetch('origin'))._unsafeUnwrap();
  const d = (await ctx.vcs.divergence('origin', 'main'))._unsafeUnwrap();
  return { w, ctx, input: { head: d.head, ahead: d.ahead.length, remoteHead: d.remoteHead } };
};

describe('publish step', () => {
  it('moves the trunk to the head and pushes it', async () => {
    const { w, ctx, input } = await ahead();
    expect((await publish(ctx, input))._unsafeUnwrap()).toBe(1);
    expect(w.remote.read('main', 'dot_bashrc')).toBe('# alpha\n');
    expect(ctx.checkpoint.taken()).toBeDefined();
  });

  it('pushes nothing when nothing is ahead', async () => {
    const { w, ctx, input } = await ahead(BASHRC);
    expect((await publish(ctx, { ...input, ahead: 0 }))._unsafeUnwrap()).toBe(0);
    expect(ctx.checkpoint.taken()).toBeUndefined();
    expect(w.remote.read('main', 'dot_bashrc')).toBe(BASHRC);
  });

  it('says rejected when the remote moved; the engine integrates again and publishes', async () => {
    const { w, ctx, input } = await ahead();
    w.remote.rejectNextPush();
    expect((await publish(ctx, input))._unsafeUnwrapErr().kind).toBe('rejected');
    expect(w.remote.read('main', 'dot_bashrc')).toBe(BASHRC);
    w.remote.rejectNextPush();
    const r = (await runSync(w.a.deps, { host: 'alpha', sourceDir: w.a.source, repoUrl: URL, stateDir: '/state/alpha' }))._unsafeUnwrap();
    expect(r).toMatchObject({ status: 'success', published: 1, pendingPushes: 0 });
    expect(w.remote.read('main', 'dot_bashrc')).toBe('# alpha\n');
  });

  it('gives up after the retries: push-failed, the commit kept for the next run', async () => {
    const { w } = await ahead();
    w.remote.rejectNextPush(2);
    const r = (await runSync(w.a.deps, { host: 'alpha', sourceDir: w.a.source, repoUrl: URL, stateDir: '/state/alpha', pushRetries: 1 }))._unsafeUnwrap();
    expect(r).toMatchObject({ status: 'push-failed', published: 0, pendingPushes: 1, error: { kind: 'rejected' } });
    expect(w.remote.read('main', 'dot_bashrc')).toBe(BASHRC);
  });
});

describe('preserve step', () => {
  it('pushes this host’s line to its host branch, leaves the trunk, and notifies', async () => {
    const { w, ctx } = await ahead();
    const notified = { ...ctx, o: { ...ctx.o, notifyCommand: ['notify-send'] } };
    const r = (await preserve(notified, ['dot_bashrc']))._unsafeUnwrap();
    expect(r).toMatchObject({ conflicts: { paths: ['dot_bashrc'], branch: 'sync/alpha' }, pendingPushes: 1 });
    expect(w.remote.read('sync/alpha', 'dot_bashrc')).toBe('# alpha\n');
    expect(w.remote.read('main', 'dot_bashrc')).toBe(BASHRC);
    expect(w.a.notifications).toEqual([{ argv: ['notify-send'], env: expect.objectContaining({ CHEZMOI_SYNC_BRANCH: 'sync/alpha', CHEZMOI_SYNC_CONFLICTS: 'dot_bashrc' }) }]);
  });

  it('with push off, keeps the host branch local', async () => {
    const { w, ctx } = await ahead();
    const r = (await preserve({ ...ctx, o: { ...ctx.o, autoPush: false } }, ['dot_bashrc']))._unsafeUnwrap();
    expect(r.conflicts?.branch).toBe('sync/alpha');
    expect(w.remote.read('sync/alpha', 'dot_bashrc')).toBeUndefined();
  });

  it('after a clean publish, a host branch goes once the trunk has its work', async () => {
    const { w, ctx, input } = await ahead();
    (await preserve(ctx, ['dot_bashrc']))._unsafeUnwrap();
    (await publish(ctx, input))._unsafeUnwrap();
    expect(await cleanUpHostBranch(ctx, input.head, ['dot_bashrc'])).toEqual({});
    expect(w.remote.read('sync/alpha', 'dot_bashrc')).toBeUndefined();
  });
});
