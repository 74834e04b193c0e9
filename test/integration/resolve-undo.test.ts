// Guided resolution and undo on real tools: nothing lost at any point.
import { describe, expect, it } from 'vitest';
import { abortResolve, continueResolve, startResolve } from '../../src/core/resolve.js';
import { undoLastSync } from '../../src/core/undo.js';
import type { SyncOptions } from '../../src/core/sync/types.js';
import { okReport, realDeps, setUpHost, syncHost, type RealBackend } from '../support/engine.js';
import { preservedConflict } from '../support/conflict.js';
import { useWorld, type Host, type World } from '../support/world.js';

const MARKERS = /^(<<<<<<<|>>>>>>>|%%%%%%%|\+\+\+\+\+\+\+)/m;

const ctxFor = async (w: World, h: Host, backend: RealBackend) => {
  const options: SyncOptions = { host: h.name, stateDir: h.stateDir, sourceDir: h.source, repoUrl: w.remoteUrl, lockTimeoutMs: 5_000 };
  return { deps: await realDeps(h, backend), options };
};

/** A commit made by hand in the source dir, the way a person does it on each backend. */
const commitByHand = (w: World, h: Host, backend: RealBackend, message: string): void => {
  if (backend === 'jj') w.run(h, 'jj', ['--repository', h.source, '--config', 'user.name=A', '--config', 'user.email=a@example.com', 'commit', '-m', message]);
  else {
    w.run(h, 'git', ['-C', h.source, 'add', '-A']);
    w.run(h, 'git', ['-C', h.source, '-c', 'user.name=A', '-c', 'user.email=a@example.com', 'commit', '-q', '-m', message]);
  }
};

const GITCONFIG = '[core]\n\tautocrlf = input\n';

/** The person fixes dot_gitconfig in the source dir and commits it by hand. */
const gitconfigByHand = (w: World, h: Host, backend: RealBackend): void => {
  w.writeSource(h, 'dot_gitconfig', GITCONFIG);
  commitByHand(w, h, backend, 'gitconfig by hand');
};

/** One host whose offline sync committed a HOME edit to .bashrc (unpublished); `noOps` syncs follow it. */
const offlineSynced = async (backend: RealBackend, noOps = 0): Promise<{ w: World; a: Host }> => {
  const w = await useWorld({ hosts: ['alpha'] });
  const a = w.host('alpha');
  setUpHost(w, a);
  w.setNetwork(a, 'offline');
  w.writeHome(a, '.bashrc', '# offline edit\n');
  expect(okReport(await syncHost(w, a, backend)).committed).toBe(1);
  for (let i = 0; i < noOps; i++) expect(okReport(await syncHost(w, a, backend)).committed).toBe(0);
  return { w, a };
};

describe.each<RealBackend>(['jj', 'git'])('resolve and undo with %s', (backend) => {
  const conflicted = () => preservedConflict(backend);

  it('resolve → edit → continue publishes the resolution, removes the host branch and applies it', async () => {
    const { w, a, b, base } = await conflicted();
    const ctx = await ctxFor(w, b, backend);
    const started = await startResolve(ctx);
    expect(started._unsafeUnwrap().details['paths']).toEqual(['dot_bashrc']);
    expect(w.readSource(b, 'dot_bashrc')).toMatch(MARKERS);
    // A timer firing mid-resolution touches nothing.
    const timer = okReport(await syncHost(w, b, backend));
    expect(timer.status).toBe('conflicts-preserved');
    expect(w.readSource(b, 'dot_bashrc')).toMatch(MARKERS);
    // Continuing with markers left is refused.
    expect((await continueResolve(ctx))._unsafeUnwrapErr()).toMatchObject({ kind: 'conflict', paths: ['dot_bashrc'] });

    w.writeSource(b, 'dot_bashrc', `${base}export FROM=alpha\nexport FROM=beta\n`);
    const done = (await continueResolve(ctx))._unsafeUnwrap();
    expect(done.summary).toContain('success');
    expect(w.readRemote('dot_bashrc')).toBe(`${base}export FROM=alpha\nexport FROM=beta\n`);
    expect(w.remoteBranches()).toEqual(['main']);
    expect(w.readHome(b, '.bashrc')).toBe(`${base}export FROM=alpha\nexport FROM=beta\n`);
    okReport(await syncHost(w, a, backend));
    expect(w.readHome(a, '.bashrc')).toBe(`${base}export FROM=alpha\nexport FROM=beta\n`);
  });

  it('resolve → abort returns to where it started, with both sides still preserved', async () => {
    const { w, b, base } = await conflicted();
    const ctx = await ctxFor(w, b, backend);
    (await startResolve(ctx))._unsafeUnwrap();
    const aborted = (await abortResolve(ctx))._unsafeUnwrap();
    expect(aborted.summary).toContain('aborted');
    expect(w.readSource(b, 'dot_bashrc')).toBe(`${base}export FROM=beta\n`);
    expect(w.readHome(b, '.bashrc')).toBe(`${base}export FROM=beta\n`);
    expect(w.readRemote('dot_bashrc', 'sync/beta')).toContain('FROM=beta');
    expect(w.readRemote('dot_bashrc')).toContain('FROM=alpha');
    expect(okReport(await syncHost(w, b, backend)).status).toBe('conflicts-preserved');
  });

  it('undo returns the repository to before the last sync and keeps the edit', async () => {
    const { w, a } = await offlineSynced(backend);
    const r = (await undoLastSync(await ctxFor(w, a, backend)))._unsafeUnwrap();
    expect(r.summary).toContain('restored the repository');
    // The repository is as before the sync; the edit lives on in HOME and the next sync captures it again.
    expect(w.readSource(a, 'dot_bashrc')).not.toContain('offline edit');
    expect(w.readHome(a, '.bashrc')).toBe('# offline edit\n');
    expect((await undoLastSync(await ctxFor(w, a, backend)))._unsafeUnwrapErr().kind).toBe('invalid-input');
    w.setNetwork(a, 'online');
    expect(okReport(await syncHost(w, a, backend)).status).toBe('success');
    expect(w.readRemote('dot_bashrc')).toBe('# offline edit\n');
    expect(w.readHome(a, '.bashrc')).toBe('# offline edit\n');
  });

  it('undo gives back, as uncommitted edits, what the person had edited in the source dir before the undone sync', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    setUpHost(w, a);
    w.setNetwork(a, 'offline');
    // Edited in the source dir itself (not through HOME): the sync commits it, and cannot push it.
    w.writeSource(a, 'dot_inputrc', 'set editing-mode vi\n');
    w.writeSource(a, 'dot_bashrc', '# bashrc, edited in the source dir\n');
    expect(okReport(await syncHost(w, a, backend)).committed).toBe(1);
    (await undoLastSync(await ctxFor(w, a, backend)))._unsafeUnwrap();
    // The commit is undone; the edits are where the person left them, uncommitted, for the next sync.
    expect(w.readSource(a, 'dot_inputrc')).toBe('set editing-mode vi\n');
    expect(w.readSource(a, 'dot_bashrc')).toBe('# bashrc, edited in the source dir\n');
    w.setNetwork(a, 'online');
    expect(okReport(await syncHost(w, a, backend)).status).toBe('success');
    expect(w.readRemote('dot_inputrc')).toBe('set editing-mode vi\n');
    expect(w.readRemote('dot_bashrc')).toBe('# bashrc, edited in the source dir\n');
  });

  it('a source edit committed by hand after an undo is published, never reverted by the older HOME; the undone HOME edit is captured again', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    setUpHost(w, a);
    // A HOME edit, synced (published), then undone.
    w.writeHome(a, '.bashrc', '# bashrc\nexport EDITOR=hx\n');
    expect(okReport(await syncHost(w, a, backend)).published).toBeGreaterThan(0);
    (await undoLastSync(await ctxFor(w, a, backend)))._unsafeUnwrap();
    // The person then fixes another managed file in the source dir and commits it by hand.
    gitconfigByHand(w, a, backend);
    expect(okReport(await syncHost(w, a, backend)).status).toBe('success');
    expect(w.readRemote('dot_gitconfig')).toBe(GITCONFIG);
    expect(w.readHome(a, '.gitconfig')).toBe(GITCONFIG);
    expect(w.readRemote('dot_bashrc')).toBe('# bashrc\nexport EDITOR=hx\n');
    expect(w.readHome(a, '.bashrc')).toBe('# bashrc\nexport EDITOR=hx\n');
  });

  // Found by the model's undo step: `undo` goes back to before the last sync that changed the
  // repository, also when a no-op sync ran since, and a commit made by hand meanwhile left the
  // line with it (jj kept it only in its operation log, git in its reflog). undo now refuses
  // when the line moved since the sync it would undo.
  it('undo refuses when a commit was made by hand since the sync it would undo (a no-op sync between): the commit stays and the next sync publishes it', async () => {
    const { w, a } = await offlineSynced(backend, 1);
    gitconfigByHand(w, a, backend);
    const refused = (await undoLastSync(await ctxFor(w, a, backend)))._unsafeUnwrapErr();
    expect(refused).toMatchObject({ kind: 'unsafe-state', state: 'moved-since-sync' });
    expect(refused.message).toMatch(/moved since the sync of/);
    expect(w.readSource(a, 'dot_gitconfig')).toBe(GITCONFIG);
    expect(w.readSource(a, 'dot_bashrc')).toBe('# offline edit\n');
    w.setNetwork(a, 'online');
    expect(okReport(await syncHost(w, a, backend)).status).toBe('success');
    expect(w.readRemote('dot_gitconfig')).toBe(GITCONFIG);
    expect(w.readRemote('dot_bashrc')).toBe('# offline edit\n');
  });

  it('undo after a no-op sync still undoes the last sync that changed the repository', async () => {
    const { w, a } = await offlineSynced(backend, 1);
    expect((await undoLastSync(await ctxFor(w, a, backend)))._unsafeUnwrap().summary).toContain('restored the repository');
    expect(w.readSource(a, 'dot_bashrc')).not.toContain('offline edit');
    expect(w.readHome(a, '.bashrc')).toBe('# offline edit\n');
  });
});
