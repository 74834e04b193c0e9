// Regression (found by the model-based test's person actions): B's side of a conflict is
// preserved on `sync/beta`; B then re-clones its source dir (rm -rf + git clone). The host branch
// must stay (B's side is in no trunk commit) — and the person must still be able to settle it:
// the guided resolution found nothing to resolve (the conflicting commits are no longer in the
// local repository) while every sync ended `conflicts-preserved` again, so the host was stuck
// for good. Expected: `resolve` offers the conflict, the person's resolution is published, the
// host branch goes, and both HOMEs get it.
import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { continueResolve, startResolve } from '../../src/core/resolve.js';
import type { SyncOptions } from '../../src/core/sync/types.js';
import { preservedConflict } from '../support/conflict.js';
import { okReport, realDeps, syncHost, type RealBackend } from '../support/engine.js';

describe.each<RealBackend>(['jj', 'git'])('a preserved conflict after a re-clone (%s)', (backend) => {
  it('can still be resolved with the guided resolution', { timeout: 180_000 }, async () => {
    const { w, a, b, base } = await preservedConflict(backend);

    rmSync(b.source, { recursive: true, force: true });
    w.cloneWithGit(b);
    await syncHost(w, b, backend);
    // B's side exists somewhere: its HOME or its host branch.
    expect([w.readHome(b, '.bashrc'), w.readRemote('dot_bashrc', 'sync/beta')].some((t) => t?.includes('FROM=beta') === true)).toBe(true);

    const options: SyncOptions = { host: b.name, stateDir: b.stateDir, sourceDir: b.source, repoUrl: w.remoteUrl, lockTimeoutMs: 5_000 };
    const ctx = { deps: await realDeps(b, backend), options };
    const started = (await startResolve(ctx))._unsafeUnwrap();
    expect(started.details['paths']).toEqual(['dot_bashrc']);

    const resolved = `${base}export FROM=alpha\nexport FROM=beta\n`;
    w.writeSource(b, 'dot_bashrc', resolved);
    expect((await continueResolve(ctx))._unsafeUnwrap().summary).toContain('success');
    expect(w.readRemote('dot_bashrc')).toBe(resolved);
    expect(w.remoteBranches()).toEqual(['main']);
    expect(w.readHome(b, '.bashrc')).toBe(resolved);
    okReport(await syncHost(w, a, backend));
    expect(w.readHome(a, '.bashrc')).toBe(resolved);
  });
});
