// A host branch is never moved off work the new line lacks: after a re-clone or reset while a
// conflict is preserved, a new conflict keeps the earlier side on sync/<host> and puts the new
// line on sync/<host>-2; the clean publish after a resolution removes only what the trunk holds.
import { describe, expect, it } from 'vitest';
import { repoAt, writeWorkingCopy, type RepoState } from '../../../../src/backends/memory/state.js';
import { treeOf } from '../../../../src/backends/memory/model.js';
import { continueResolve, startResolve } from '../../../../src/core/resolve.js';
import { preserve } from '../../../../src/core/sync/steps/preserve.js';
import { cleanUpHostBranch } from '../../../../src/core/sync/steps/publish.js';
import type { MemoryFs, MemoryMachine } from '../../../../src/testing.js';
import { GITCONFIG, stepWorld, URL } from './world.js';

/** The source dir re-cloned: only the remote's trunk as last fetched, no local branch or commit kept. */
const reclone = (fs: MemoryFs, m: MemoryMachine): void => {
  const s = repoAt(fs, m.source) as RepoState;
  const head = s.tracking.get('origin')?.get('main');
  if (head === undefined) throw new Error('nothing fetched');
  s.branches.clear();
  s.head = head;
  s.branches.set('main', head);
  writeWorkingCopy(fs, s.root, treeOf(s.commits, head));
};

/** Alpha and beta edit ~/.gitconfig; beta's side ends on sync/beta; then beta's source dir is re-cloned. */
const preservedThenRecloned = async () => {
  const w = await stepWorld();
  w.edit(w.a, '.gitconfig', '[core]\n\tautocrlf = ALPHA\n');
  expect((await w.sync(w.a)).status).toBe('success');
  w.edit(w.b, '.gitconfig', '[core]\n\tautocrlf = BETA\n');
  expect((await w.sync(w.b)).status).toBe('conflicts-preserved');
  expect(w.remote.read('sync/beta', 'dot_gitconfig')).toContain('BETA');
  reclone(w.fs, w.b);
  return w;
};

describe('preserve step with an earlier side still on the host branch', () => {
  it('keeps sync/beta on the earlier side and pushes the new line to sync/beta-2', async () => {
    const w = await preservedThenRecloned();
    const ctx = await w.context(w.b);
    w.fs.write(`${w.b.source}/dot_bashrc`, '# BETA_SECOND\n');
    (await ctx.vcs.commitAll('second side'))._unsafeUnwrap();
    const r = (await preserve(ctx, ['dot_bashrc']))._unsafeUnwrap();
    expect(r.conflicts).toEqual({ paths: ['dot_bashrc'], branch: 'sync/beta-2' });
    expect(w.remote.read('sync/beta', 'dot_gitconfig')).toContain('BETA');
    expect(w.remote.read('sync/beta-2', 'dot_bashrc')).toBe('# BETA_SECOND\n');
    expect(w.remote.read('main', 'dot_gitconfig')).toContain('ALPHA');
  });

  it('whole runs: the earlier side survives a new conflict even when HOME no longer has it', async () => {
    const w = await preservedThenRecloned();
    // The person put the trunk's version back in HOME: sync/beta is the only copy of BETA.
    w.edit(w.b, '.gitconfig', w.home(w.a, '.gitconfig') ?? GITCONFIG);
    w.edit(w.a, '.bashrc', '# ALPHA_BASHRC\n');
    expect((await w.sync(w.a)).status).toBe('success');
    w.edit(w.b, '.bashrc', '# BETA_BASHRC\n');
    const r = await w.sync(w.b);
    expect(r.status).toBe('conflicts-preserved');
    expect(w.remote.read('sync/beta', 'dot_gitconfig')).toContain('BETA');
    expect(w.remote.read(r.conflicts?.branch ?? '', 'dot_bashrc')).toBe('# BETA_BASHRC\n');
    // Again: the same line goes to the same branch, nothing new is made.
    const again = await w.sync(w.b);
    expect(again.conflicts?.branch).toBe(r.conflicts?.branch);
    expect(w.remote.branches()).not.toContain('sync/beta-3');
    expect(w.remote.read('sync/beta', 'dot_gitconfig')).toContain('BETA');
  });

  it('after a clean publish removes only the host branches whose work the trunk holds', async () => {
    const w = await preservedThenRecloned();
    const ctx = await w.context(w.b);
    (await ctx.vcs.fetch('origin'))._unsafeUnwrap();
    const head = (await ctx.vcs.divergence('origin', 'main'))._unsafeUnwrap().head;
    // sync/beta-2 at the trunk: integrated; sync/beta: BETA, which the trunk lacks.
    (await ctx.vcs.setBranch('sync/beta-2', head))._unsafeUnwrap();
    (await ctx.vcs.push({ remote: 'origin', branch: 'sync/beta-2' }))._unsafeUnwrap();
    const kept = await cleanUpHostBranch(ctx, head, undefined);
    expect(kept.conflicts).toEqual({ paths: ['dot_gitconfig'], branch: 'sync/beta' });
    expect(w.remote.branches()).not.toContain('sync/beta-2');
    expect(w.remote.read('sync/beta', 'dot_gitconfig')).toContain('BETA');
  });

  it('the guided resolution brings up both sides; the clean publish after it removes both host branches', async () => {
    const w = await preservedThenRecloned();
    w.edit(w.b, '.gitconfig', w.home(w.a, '.gitconfig') ?? GITCONFIG);
    w.edit(w.a, '.bashrc', '# ALPHA_BASHRC\n');
    await w.sync(w.a);
    w.edit(w.b, '.bashrc', '# BETA_BASHRC\n');
    expect((await w.sync(w.b)).conflicts?.branch).toBe('sync/beta-2');
    const ctx = { deps: w.b.deps, options: { host: 'beta', sourceDir: w.b.source, repoUrl: URL, stateDir: '/state/beta' } };
    const seen = new Set<string>();
    for (let round = 0; round < 3 && w.remote.branches().some((x) => x.startsWith('sync/beta')); round++) {
      const started = (await startResolve(ctx))._unsafeUnwrap();
      const paths = (started.details['paths'] as readonly string[] | undefined) ?? [];
      for (const p of paths) {
        seen.add(p);
        w.fs.write(`${w.b.source}/${p}`, p === 'dot_gitconfig' ? '[core]\n\tautocrlf = BETA\n' : '# ALPHA_BASHRC\n# BETA_BASHRC\n');
      }
      if (paths.length > 0) (await continueResolve(ctx))._unsafeUnwrap();
    }
    expect([...seen].sort()).toEqual(['dot_bashrc', 'dot_gitconfig']);
    expect(w.remote.read('main', 'dot_gitconfig')).toContain('BETA');
    expect(w.remote.read('main', 'dot_bashrc')).toContain('BETA_BASHRC');
    expect(w.remote.branches().filter((x) => x.startsWith('sync/beta'))).toEqual([]);
  });
});
