// The integrate step on its own: up to date, rebased onto incoming work, or a conflict that
// changes nothing (the preserve step keeps this host's side).
import { describe, expect, it } from 'vitest';
import { integrate } from '../../../../src/core/sync/steps/integrate.js';
import { stepWorld } from './world.js';

describe('integrate step', () => {
  it('is up to date when nothing came in', async () => {
    const w = await stepWorld();
    const ctx = await w.context(w.a);
    (await ctx.vcs.fetch('origin'))._unsafeUnwrap();
    const r = (await integrate(ctx))._unsafeUnwrap();
    expect(r).toMatchObject({ kind: 'clean', incoming: 0, ahead: 0 });
    expect(r.kind === 'clean' && r.before === r.head).toBe(true);
    expect(ctx.checkpoint.taken()).toBeUndefined();
  });

  it('rebases local work onto what came in', async () => {
    const w = await stepWorld();
    w.edit(w.b, '.gitconfig', '[core]\n\tautocrlf = input\n');
    await w.sync(w.b);
    const ctx = await w.context(w.a);
    w.fs.write(`${w.a.source}/dot_bashrc`, '# alpha\n');
    (await ctx.vcs.commitAll('local'))._unsafeUnwrap();
    (await ctx.vcs.fetch('origin'))._unsafeUnwrap();
    const r = (await integrate(ctx))._unsafeUnwrap();
    expect(r).toMatchObject({ kind: 'clean', incoming: 1, ahead: 1 });
    expect(w.fs.read(`${w.a.source}/dot_gitconfig`)).toBe('[core]\n\tautocrlf = input\n');
    expect(w.fs.read(`${w.a.source}/dot_bashrc`)).toBe('# alpha\n');
    expect(ctx.checkpoint.taken()).toBeDefined();
  });

  it('reports a conflict and leaves the local line as it was', async () => {
    const w = await stepWorld();
    w.edit(w.b, '.bashrc', '# beta\n');
    await w.sync(w.b);
    const ctx = await w.context(w.a);
    w.fs.write(`${w.a.source}/dot_bashrc`, '# alpha\n');
    (await ctx.vcs.commitAll('local'))._unsafeUnwrap();
    const before = (await ctx.vcs.divergence('origin', 'main'))._unsafeUnwrap().head;
    (await ctx.vcs.fetch('origin'))._unsafeUnwrap();
    const r = (await integrate(ctx))._unsafeUnwrap();
    expect(r).toEqual({ kind: 'conflict', paths: ['dot_bashrc'], head: before });
    expect((await ctx.vcs.divergence('origin', 'main'))._unsafeUnwrap().head).toBe(before);
    expect(w.fs.read(`${w.a.source}/dot_bashrc`)).toBe('# alpha\n');
  });
});
