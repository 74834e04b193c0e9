// The capture step on its own: which HOME edits it copies into the source dir, which it keeps,
// what it leaves for apply, and that a secret stops it before the source dir changes.
import { okAsync } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { KEPT_BOTH } from '../../../../src/core/sync/capture.js';
import { capture } from '../../../../src/core/sync/steps/capture.js';
import type { Ledger } from '../../../../src/core/sync/steps/context.js';
import { BASHRC, stepWorld } from './world.js';

/** Capture starting from a record already read (no quiet digest: the memory fs has no fingerprints). */
const from = (ledger: Ledger) => ({ ledger: () => okAsync(ledger), quiet: undefined });

const KEY = ['-----BEGIN OPENSSH PRIVATE KEY-----', 'b3BlbnNzaC1rZXktdjEAAAAA', '-----END OPENSSH PRIVATE KEY-----', ''].join('\n');

describe('capture step', () => {
  it('re-adds and commits a HOME edit when the source did not move', async () => {
    const w = await stepWorld();
    w.edit(w.a, '.bashrc', '# edited in HOME\n');
    const ctx = await w.context(w.a);
    const ledger = await w.ledger(w.a);
    const r = (await capture({ ...ctx, ...from(ledger), previousHeld: [] }))._unsafeUnwrap();
    expect(r.learned).toMatchObject({ committed: 1, keptLocal: [], skippedReAdd: [] });
    expect(r.learned.head).toBeDefined();
    expect(r.pendingApply).toEqual([]);
    expect(w.fs.read(`${w.a.source}/dot_bashrc`)).toBe('# edited in HOME\n');
    // Committed locally only: publishing is another step's work.
    expect(w.remote.read('main', 'dot_bashrc')).toBe(BASHRC);
    expect((await ctx.vcs.status())._unsafeUnwrap().changes).toEqual([]);
    expect(ctx.checkpoint.taken()).toBeDefined();
  });

  it('keeps both sides when HOME and the source dir were both edited', async () => {
    const w = await stepWorld();
    w.fs.write(`${w.a.source}/dot_bashrc`, '# edited in the source dir\n');
    w.edit(w.a, '.bashrc', '# edited in HOME\n');
    const ctx = await w.context(w.a);
    const ledger = await w.ledger(w.a);
    const r = (await capture({ ...ctx, ...from(ledger), previousHeld: [] }))._unsafeUnwrap();
    expect(r.learned.keptLocal).toEqual([`${w.a.home}/.bashrc`]);
    expect(w.home(w.a, '.bashrc')).toBe('# edited in HOME\n');
    expect(w.fs.read(`${w.a.source}/dot_bashrc`)).toBe('# edited in the source dir\n');
    // The source-dir edit is committed; HOME's edit is not copied over it.
    expect(r.learned.committed).toBe(1);
    expect(ledger.files[`${w.a.home}/.bashrc`]).not.toBe(KEPT_BOTH);
  });

  it('leaves a newer source for apply when HOME was not edited', async () => {
    const w = await stepWorld();
    w.fs.write(`${w.a.source}/dot_bashrc`, '# edited in the source dir\n');
    const ctx = await w.context(w.a);
    const r = (await capture({ ...ctx, ...from(await w.ledger(w.a)), previousHeld: [] }))._unsafeUnwrap();
    expect(r.pendingApply).toEqual([`${w.a.home}/.bashrc`]);
    expect(w.home(w.a, '.bashrc')).toBe(BASHRC);
  });

  it('with auto-commit off, decides but commits nothing', async () => {
    const w = await stepWorld();
    w.edit(w.a, '.bashrc', '# edited in HOME\n');
    const ctx = await w.context(w.a, { autoCommit: false });
    const r = (await capture({ ...ctx, ...from(await w.ledger(w.a)), previousHeld: [] }))._unsafeUnwrap();
    expect(r.learned.committed).toBe(0);
    expect(w.fs.read(`${w.a.source}/dot_bashrc`)).toBe(BASHRC);
    expect(w.events).toContainEqual(expect.objectContaining({ type: 'step-finished', step: 'capture', outcome: 'skipped' }));
  });

  it('holds back a HOME edit holding a private key: the source dir is untouched, the run learns why', async () => {
    const w = await stepWorld();
    w.edit(w.a, '.bashrc', `${BASHRC}${KEY}`);
    const ctx = await w.context(w.a);
    const r = (await capture({ ...ctx, ...from(await w.ledger(w.a)), previousHeld: [] }))._unsafeUnwrap();
    expect(r.learned.secretsHeld).toMatchObject({ kind: 'secrets-found', files: [{ path: 'dot_bashrc' }] });
    expect(r.learned.committed).toBe(0);
    expect(w.fs.read(`${w.a.source}/dot_bashrc`)).toBe(BASHRC);
    expect((await ctx.vcs.status())._unsafeUnwrap().changes).toEqual([]);
  });

  it('scans whole files: a key after 100 KiB of filler is refused before the commit', async () => {
    const w = await stepWorld();
    w.fs.write(`${w.a.source}/dot_config/big.conf`, `${'# generated\n'.repeat(9000)}${KEY}`);
    const ctx = await w.context(w.a);
    const f = (await capture({ ...ctx, ...from(await w.ledger(w.a)), previousHeld: [] }))._unsafeUnwrapErr();
    expect(f.error).toMatchObject({ kind: 'secrets-found', files: [{ path: 'dot_config/big.conf', reason: 'OpenSSH private key' }] });
    expect((await ctx.vcs.status())._unsafeUnwrap().changes.map((c) => c.path)).toEqual(['dot_config/big.conf']);
    expect(w.remote.read('main', 'dot_config/big.conf')).toBeUndefined();
  });
});
