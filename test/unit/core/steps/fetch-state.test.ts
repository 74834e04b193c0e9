// The fetch and state steps, and the one way into a repository (source dir → lock → state → open).
import { err, ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { resolveOptions } from '../../../../src/core/sync/options.js';
import { lockPathFor } from '../../../../src/core/sync/repository.js';
import { readState, statePaths } from '../../../../src/core/sync/state.js';
import { initialFacts, progressOf } from '../../../../src/core/sync/steps/context.js';
import { fetchStep } from '../../../../src/core/sync/steps/fetch.js';
import { withRepository, type EntryFailure } from '../../../../src/core/sync/steps/repository.js';
import { failRun, finishRun, type RunInfo } from '../../../../src/core/sync/steps/state.js';
import { stepWorld } from './world.js';

describe('fetch step', () => {
  it('fetches; offline is a degraded end that counts the commits kept for later', async () => {
    const w = await stepWorld();
    const ctx = await w.context(w.a);
    expect((await fetchStep(ctx))._unsafeUnwrap()).toEqual({ kind: 'fetched' });
    w.fs.write(`${w.a.source}/dot_bashrc`, '# offline\n');
    (await ctx.vcs.commitAll('offline'))._unsafeUnwrap();
    w.remote.faults.inject({ kind: 'network', op: 'fetch' });
    const r = (await fetchStep(ctx))._unsafeUnwrap();
    expect(r).toMatchObject({ kind: 'unreachable', ended: { status: 'fetch-failed', error: { kind: 'network' } }, learned: { pendingPushes: 1 } });
    w.remote.faults.inject({ kind: 'auth', op: 'fetch' });
    expect((await fetchStep(ctx))._unsafeUnwrap()).toMatchObject({ ended: { status: 'auth-failed' } });
  });
});

describe('state step', () => {
  const runInfo = async () => {
    const w = await stepWorld();
    const ctx = await w.context(w.a);
    const run: RunInfo = { deps: ctx.deps, o: ctx.o, started: ctx.o.now(), progress: progressOf(ctx.o) };
    const state = (await readState(ctx.deps.fs, ctx.o.stateDir, new Date()))._unsafeUnwrap().state;
    return { w, run, state, facts: { ...initialFacts('jj', w.a.source), committed: 1 } };
  };

  it('writes the run and last-sync-status; a success with a chezmoi failure ends error', async () => {
    const { w, run, state, facts } = await runInfo();
    const chezmoiError = { kind: 'io', message: 'broken template', path: '/x' } as const;
    const r = (await finishRun(run, { status: 'success' }, { facts: { ...facts, chezmoiError }, state }))._unsafeUnwrap();
    expect(r).toMatchObject({ status: 'error', committed: 1, error: { kind: 'io', message: 'broken template' } });
    expect(w.fs.read(statePaths('/state/alpha').status)?.trim()).toBe('error');
    const saved = (await readState(run.deps.fs, '/state/alpha', new Date()))._unsafeUnwrap().state;
    expect(saved.lastRun).toMatchObject({ status: 'error', committed: 1 });
  });

  it('records a hard failure with what the failing step learnt, and returns the error', async () => {
    const { w, run, state, facts } = await runInfo();
    const error = { kind: 'io', message: 'disk full', path: '/x' } as const;
    const e = (await failRun(run, { step: 'capture', error, learned: { keptLocal: ['/k'] } }, { facts, state }))._unsafeUnwrapErr();
    expect(e).toBe(error);
    expect(w.fs.read(statePaths('/state/alpha').status)?.trim()).toBe('error');
    const saved = (await readState(run.deps.fs, '/state/alpha', new Date()))._unsafeUnwrap().state;
    expect(saved.lastRun).toMatchObject({ status: 'error', keptLocal: ['/k'], error: { message: 'disk full' } });
  });
});

describe('withRepository', () => {
  const enter = async (sourceDir: string, repoUrl?: string) => {
    const w = await stepWorld();
    const o = resolveOptions({ host: 'alpha', sourceDir, stateDir: '/state/alpha' })._unsafeUnwrap();
    const r = await withRepository<{ trunk: string; action: string }, EntryFailure>(
      w.a.deps,
      o,
      { dryRun: false, recover: true, at: new Date(), token: 't', ...(repoUrl !== undefined ? { repoUrl } : {}) },
      (s) => {
        expect(w.fs.exists(lockPathFor(s.vcs.root))).toBe(true);
        return Promise.resolve(ok({ trunk: s.trunk, action: s.action }));
      },
      (f) => Promise.resolve(err(f)),
    );
    return { w, r };
  };

  it('opens under the lock and releases it', async () => {
    const w0 = await stepWorld();
    const { w, r } = await enter(w0.a.source);
    expect(r._unsafeUnwrap()).toEqual({ trunk: 'main', action: 'opened' });
    expect(w.fs.exists(lockPathFor(w.a.source))).toBe(false);
  });

  it('a missing source dir fails before any lock file exists, with the one hint', async () => {
    const { w, r } = await enter('/nowhere/chezmoi');
    expect(r._unsafeUnwrapErr()).toMatchObject({ step: 'repository', error: { kind: 'not-a-repo', hint: expect.stringContaining('--repo-url') } });
    expect(w.fs.exists(lockPathFor('/nowhere/chezmoi'))).toBe(false);
  });
});
