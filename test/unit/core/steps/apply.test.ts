// The apply step on its own: incoming work reaches HOME, except where HOME holds the only copy of
// an edit (kept local, recorded so that later runs keep both).
import { describe, expect, it } from 'vitest';
import { KEPT_BOTH } from '../../../../src/core/sync/capture.js';
import { applyStep, type ApplyInput } from '../../../../src/core/sync/steps/apply.js';
import { stepWorld } from './world.js';

const NEW = '[core]\n\tautocrlf = input\n';

/** Alpha fetched and integrated beta's edit of .gitconfig; apply has not run yet. */
const incoming = async () => {
  const w = await stepWorld();
  w.edit(w.b, '.gitconfig', NEW);
  await w.sync(w.b);
  const ctx = await w.context(w.a);
  const before = (await ctx.vcs.divergence('origin', 'main'))._unsafeUnwrap().head;
  (await ctx.vcs.fetch('origin'))._unsafeUnwrap();
  const rb = (await ctx.vcs.rebase({ remote: 'origin', branch: 'main' }))._unsafeUnwrap();
  if (rb.status === 'conflict') throw new Error('unexpected conflict');
  const head = rb.head;
  const input: ApplyInput = { before, head, pendingApply: [], committedSources: [], storedSources: new Map(), previousHeld: [], keptLocal: [], chezmoiFailed: false };
  return { w, ctx, input, ledger: await w.ledger(w.a) };
};

describe('apply step', () => {
  it('applies what came in and records that HOME and source agree', async () => {
    const { w, ctx, input, ledger } = await incoming();
    const r = await applyStep({ ...ctx, ledger }, input);
    const { managed, ...facts } = r;
    expect(facts).toEqual({ applied: [`${w.a.home}/.gitconfig`], keptLocal: [], held: [] });
    // The managed list as it now is, for a later attempt of the same run.
    expect(managed?.map((m) => m.target).sort()).toEqual([`${w.a.home}/.bashrc`, `${w.a.home}/.gitconfig`]);
    expect(w.home(w.a, '.gitconfig')).toBe(NEW);
    expect(ledger.files[`${w.a.home}/.gitconfig`]).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps a HOME edit made after capture: it is the only copy', async () => {
    const { w, ctx, input, ledger } = await incoming();
    // Saved between capture and apply: neither the record nor the repository has this content.
    w.edit(w.a, '.gitconfig', '[core]\n\tautocrlf = mine\n');
    const target = `${w.a.home}/.gitconfig`;
    const r = await applyStep({ ...ctx, ledger: { ...ledger, files: { ...ledger.files } } }, input);
    expect(r.applied).toEqual([]);
    expect(r.keptLocal).toEqual([target]);
    expect(w.home(w.a, '.gitconfig')).toBe('[core]\n\tautocrlf = mine\n');
  });

  it('records a kept file as kept-both when nothing was recorded for it on a left line', async () => {
    const { w, ctx, input, ledger } = await incoming();
    w.edit(w.a, '.gitconfig', '[core]\n\tautocrlf = mine\n');
    const target = `${w.a.home}/.gitconfig`;
    const files = { ...ledger.files };
    delete files[target];
    const left = { ...ledger, files, leftLine: true };
    const r = await applyStep({ ...ctx, ledger: left }, input);
    expect(r.keptLocal).toEqual([target]);
    expect(left.files[target]).toBe(KEPT_BOTH);
  });

  it('applies nothing with apply off, in a dry run, or after chezmoi failed', async () => {
    for (const [extra, failed] of [[{ apply: false }, false], [{ dryRun: true }, false], [{}, true]] as const) {
      const { w, input, ledger } = await incoming();
      const ctx = await w.context(w.a, extra);
      const r = await applyStep({ ...ctx, ledger }, { ...input, keptLocal: ['/kept'], chezmoiFailed: failed });
      expect(r).toEqual({ applied: [], keptLocal: ['/kept'] });
      expect(w.home(w.a, '.gitconfig')).not.toBe(NEW);
    }
  });

  describe("capture's managed list", () => {
    /** Counts `chezmoi managed` on machine alpha from here on. */
    const counting = (ctx: Awaited<ReturnType<Awaited<ReturnType<typeof incoming>>['w']['context']>>) => {
      let calls = 0;
      const chezmoi = { ...ctx.deps.chezmoi, managed: () => ((calls += 1), ctx.deps.chezmoi.managed()) };
      return { ctx: { ...ctx, deps: { ...ctx.deps, chezmoi } }, calls: () => calls };
    };

    it('is used again when what came in only changed file contents', async () => {
      const { w, ctx, input, ledger } = await incoming();
      const known = (await ctx.deps.chezmoi.managed())._unsafeUnwrap();
      const c = counting(ctx);
      const r = await applyStep({ ...c.ctx, ledger }, { ...input, managed: known });
      expect(r.applied).toEqual([`${w.a.home}/.gitconfig`]);
      expect(w.home(w.a, '.gitconfig')).toBe(NEW);
      expect(c.calls()).toBe(0);
      expect(r.managed).toBe(known);
    });

    it('is read afresh when a file came in that was not managed before', async () => {
      const w = await stepWorld();
      w.fs.write(`${w.b.source}/dot_vimrc`, 'set nocompatible\n');
      await w.sync(w.b);
      const ctx = await w.context(w.a);
      const known = (await ctx.deps.chezmoi.managed())._unsafeUnwrap();
      const before = (await ctx.vcs.divergence('origin', 'main'))._unsafeUnwrap().head;
      (await ctx.vcs.fetch('origin'))._unsafeUnwrap();
      const rb = (await ctx.vcs.rebase({ remote: 'origin', branch: 'main' }))._unsafeUnwrap();
      if (rb.status === 'conflict') throw new Error('unexpected conflict');
      const c = counting(ctx);
      const input: ApplyInput = { before, head: rb.head, pendingApply: [], committedSources: [], storedSources: new Map(), previousHeld: [], keptLocal: [], chezmoiFailed: false, managed: known };
      const r = await applyStep({ ...c.ctx, ledger: await w.ledger(w.a) }, input);
      // The new file reaches HOME: the old list did not know it.
      expect(r.applied).toEqual([`${w.a.home}/.vimrc`]);
      expect(w.home(w.a, '.vimrc')).toBe('set nocompatible\n');
      expect(c.calls()).toBe(1);
    });
  });
});
