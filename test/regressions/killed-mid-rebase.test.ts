// Regression (found by test/property, git long campaign seed 20241112): a sync SIGKILLed right
// after its rebase stopped on a conflict — before it could back the rebase out — leaves the git
// repository "in the middle of a rebase". Every later sync then refused to run (unsafe-state):
// the host never synced again. A rebase the sync started itself is safe to back out (it starts
// from a clean, fully committed tree); only a person's own rebase must be left alone.
// With jj the same kill leaves the rebased, conflicted commits in place: the next sync applied the
// conflicted file to HOME — conflict markers in ~/.bashrc — and then failed to push ("Won't push
// commit … since it has conflicts"), run after run.
// The kill is made exact with a wrapper around the VCS binary that kills the sync process as soon
// as the rebase command returns.
// Second regression (git short campaign seed 20241111): killed while git also held the index lock,
// the next sync stopped at it ("git rebase: another git process holds the index lock"): opening
// the repository backed the rebase out before the lock files a killed git of ours leaves were
// removed. And opening did that for a read-only command too (`chezmoi-status`, no sync lock),
// which would back out — or, with jj, undo — the rebase of a sync running beside it. Now opening
// writes nothing; the sync, under its lock, removes the lock files first, then backs out.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, ensureBuilt, jsonOf } from '../cli/support/cli.js';
import { okReport, syncHost, type RealBackend } from '../support/engine.js';
import { KILL_AFTER_REBASE, syncKilledByWrapper } from '../support/killing-wrapper.js';
import { conflictingEditPending } from '../support/conflicting-edit.js';
import { useWorld, type Host, type World } from '../support/world.js';

beforeAll(() => ensureBuilt());

const MARKERS = /^(<<<<<<<|>>>>>>>|%%%%%%%|\+\+\+\+\+\+\+)/m;

/** alpha and another tool edit the same line; alpha's next sync is killed right after its rebase conflicts. */
const killedAfterConflict = async (backend: RealBackend, holdIndexLock: boolean): Promise<{ w: World; a: Host }> => {
  const w = await useWorld({ hosts: ['alpha'] });
  const a = w.host('alpha');
  await conflictingEditPending(w, a, backend);
  expect(okReport(await syncHost(w, a, backend)).status).toBe('conflicts-preserved');

  syncKilledByWrapper(w, a, backend, KILL_AFTER_REBASE, holdIndexLock ? { HOLD_INDEX_LOCK: '1' } : {});
  return { w, a };
};

/** What the next sync must give: the conflict preserved, both sides kept, no markers anywhere. */
const expectConflictPreserved = async (w: World, a: Host, backend: RealBackend): Promise<void> => {
  const next = await syncHost(w, a, backend);
  // Whatever the next sync says, HOME never gets conflict markers.
  expect(w.readHome(a, '.bashrc')).not.toMatch(MARKERS);
  const r = okReport(next);
  expect(r.status).toBe('conflicts-preserved');
  expect(w.readHome(a, '.bashrc')).toContain('EDITOR=alpha');
  expect(w.readSource(a, 'dot_bashrc')).not.toMatch(MARKERS);
  expect(w.readRemote('dot_bashrc', 'sync/alpha')).toContain('EDITOR=alpha');
  expect(w.readRemote('dot_bashrc')).toContain('EDITOR=other-tool');
};

describe.each<RealBackend>(['git', 'jj'])('a sync killed right after a conflicting rebase (%s)', (backend) => {
  it('does not wedge the repository: the next sync preserves the conflict, nothing lost', async () => {
    const { w, a } = await killedAfterConflict(backend, false);
    await expectConflictPreserved(w, a, backend);
  });

  it('is left as it is by a read-only command, which takes no lock (a sync may be rebasing)', async () => {
    const { w, a } = await killedAfterConflict(backend, false);
    const marker = join(a.source, backend === 'git' ? '.git/chezmoi-sync-rebase' : '.jj/chezmoi-sync-rebase');
    const before = readFileSync(marker, 'utf8');
    const inRebase = join(a.source, '.git/rebase-merge');
    expect(existsSync(inRebase)).toBe(backend === 'git');
    // It says what the kill left, and that the next sync puts it back.
    const status = jsonOf(cli(['status', '--json', '--backend', backend], { env: a.env }));
    expect(status).toMatchObject({ ok: true, running: null });
    expect((status['interrupted'] as string[]).join('\n')).toMatch(/a rebase/);
    expect(cli(['status', '--backend', backend], { env: a.env }).stdout).toMatch(/^interrupted +a sync was stopped half-way and left a rebase .*: the next sync puts it back$/m);
    expect(existsSync(marker) ? readFileSync(marker, 'utf8') : 'gone').toBe(before);
    expect(existsSync(inRebase)).toBe(backend === 'git');
    await expectConflictPreserved(w, a, backend);
    expect(existsSync(marker)).toBe(false);
  });
});

describe('a sync killed after a conflicting rebase while git held the index lock (git)', () => {
  it('does not wedge the repository: the next sync removes the lock, backs the rebase out and preserves the conflict', async () => {
    const { w, a } = await killedAfterConflict('git', true);
    expect(existsSync(join(a.source, '.git/index.lock'))).toBe(true);
    expect(existsSync(join(a.source, '.git/rebase-merge'))).toBe(true);
    const status = jsonOf(cli(['status', '--json', '--backend', 'git'], { env: a.env }));
    expect(status['interrupted']).toEqual([`the lock file ${join(a.source, '.git/index.lock')}`, `a rebase in progress in ${a.source}`]);
    await expectConflictPreserved(w, a, 'git');
    expect(jsonOf(cli(['status', '--json', '--backend', 'git'], { env: a.env }))).toMatchObject({ interrupted: [], running: null });
    expect(existsSync(join(a.source, '.git/index.lock'))).toBe(false);
    expect(existsSync(join(a.source, '.git/rebase-merge'))).toBe(false);
  });
});

// Third regression (found by test/property, jj long campaign seed 7010): edits made in the source
// dir after the kill made the recovery refuse its restore ("would discard uncommitted edits"). The
// marker stayed, the sync committed the edits on top of the half-done rebase, and the next sync's
// recovery restored over that commit: the edits were gone from the source dir and never published.
// With git, `git rebase --abort` reset the edited tracked file. The edits are now kept across the
// back-out and written back; the marker goes in the same run.
describe.each<RealBackend>(['git', 'jj'])('a sync killed after a conflicting rebase, then the source dir edited (%s)', (backend) => {
  it('keeps the edits: written back after the rebase is undone, committed, and published with the preserved conflict', async () => {
    const { w, a } = await killedAfterConflict(backend, false);
    w.writeSource(a, 'dot_newrc', 'new after the kill\n');
    const gitconfig = (w.readSource(a, 'dot_gitconfig') ?? '').replace('autocrlf = false', 'autocrlf = input');
    w.writeSource(a, 'dot_gitconfig', gitconfig);
    // The first sync after the kill cannot publish: what it committed must survive the next one.
    w.setNetwork(a, 'offline');
    await syncHost(w, a, backend);
    w.setNetwork(a, 'online');
    await expectConflictPreserved(w, a, backend);
    expect(w.readSource(a, 'dot_newrc')).toBe('new after the kill\n');
    expect(w.readSource(a, 'dot_gitconfig')).toBe(gitconfig);
    expect(w.readRemote('dot_newrc', 'sync/alpha')).toBe('new after the kill\n');
    expect(w.readRemote('dot_gitconfig', 'sync/alpha')).toBe(gitconfig);
    const own = backend === 'git' ? '.git' : '.jj';
    expect(existsSync(join(a.source, own, 'chezmoi-sync-kept-edits.json'))).toBe(false);
    expect(existsSync(join(a.source, own, 'chezmoi-sync-rebase'))).toBe(false);
  });
});

// Fourth regression: a commit made by hand after the kill, before the next sync (jj: `jj commit`,
// which a person makes without knowing a sync was cut short). The recovery restored the operation
// before the rebase, which hid that commit: its file left the source dir and was never published.
// The recovery now reads what happened since the marker: when a person's operation follows the
// rebase, it reverts the rebase alone (`jj op revert`) and keeps everything done after it.
describe('a sync killed after a conflicting rebase, then a commit made by hand (jj)', () => {
  it('keeps the commit: the rebase alone is undone, the commit published with the preserved conflict', async () => {
    const { w, a } = await killedAfterConflict('jj', false);
    w.writeSource(a, 'dot_handrc', 'committed by hand after the kill\n');
    w.run(a, 'jj', ['commit', '-m', 'by hand'], { cwd: a.source });
    await expectConflictPreserved(w, a, 'jj');
    expect(w.readSource(a, 'dot_handrc')).toBe('committed by hand after the kill\n');
    expect(w.readRemote('dot_handrc', 'sync/alpha')).toBe('committed by hand after the kill\n');
    expect(existsSync(join(a.source, '.jj', 'chezmoi-sync-rebase'))).toBe(false);
    // The next sync is quiet: nothing divergent or conflicted was left behind.
    expect(okReport(await syncHost(w, a, 'jj')).status).toBe('conflicts-preserved');
    expect(w.readRemote('dot_handrc', 'sync/alpha')).toBe('committed by hand after the kill\n');
    expect(w.run(a, 'jj', ['log', '--no-graph', '-r', 'divergent() | conflicts()', '-T', 'change_id ++ "\\n"'], { cwd: a.source }).stdout).toBe('');
  });
});

// The same for git: a person who resolves the stopped rebase's conflict and commits (without
// `git rebase --continue`) makes commits on the rebase's detached HEAD, which `git rebase --abort`
// would leave behind (found only in the reflog). The recovery sees HEAD is no longer where the rebase
// left it and refuses: the person finishes the rebase or backs it out, and the next sync goes on.
describe('a sync killed after a conflicting rebase, then a commit made inside it (git)', () => {
  it('refuses to back the rebase out over the commit; once the person finishes it, the commit is published', async () => {
    const { w, a } = await killedAfterConflict('git', false);
    const resolved = (w.readSource(a, 'dot_bashrc') ?? '').replace(/^<<<<<<<[^\n]*\n[\s\S]*?^=======\n([\s\S]*?)^>>>>>>>[^\n]*\n/m, '$1');
    w.writeSource(a, 'dot_bashrc', resolved);
    w.writeSource(a, 'dot_handrc', 'committed by hand inside the rebase\n');
    w.run(a, 'git', ['add', 'dot_bashrc', 'dot_handrc'], { cwd: a.source });
    w.run(a, 'git', ['-c', 'user.name=Person', '-c', 'user.email=p@example.invalid', 'commit', '-q', '-m', 'by hand'], { cwd: a.source });
    const head = w.run(a, 'git', ['rev-parse', 'HEAD'], { cwd: a.source }).stdout.trim();

    const refused = await syncHost(w, a, 'git');
    expect(refused.result.isErr() && refused.result.error).toMatchObject({ kind: 'unsafe-state', state: 'rebase' });
    expect(w.run(a, 'git', ['rev-parse', 'HEAD'], { cwd: a.source }).stdout.trim()).toBe(head);
    expect(existsSync(join(a.source, '.git/rebase-merge'))).toBe(true);
    expect(w.readHome(a, '.bashrc')).not.toMatch(MARKERS);

    w.run(a, 'git', ['-c', 'user.name=Person', '-c', 'user.email=p@example.invalid', '-c', 'core.editor=true', 'rebase', '--continue'], { cwd: a.source });
    okReport(await syncHost(w, a, 'git'));
    expect(w.readSource(a, 'dot_handrc')).toBe('committed by hand inside the rebase\n');
    expect(w.readRemote('dot_handrc')).toBe('committed by hand inside the rebase\n');
    expect(w.readRemote('dot_bashrc')).toBe(resolved);
    expect(existsSync(join(a.source, '.git', 'chezmoi-sync-rebase'))).toBe(false);
  });
});

// Fifth: the person stages inside the stopped rebase (`git add`) without committing: a resolution
// of the conflicted file, a new file, an edit. `git rebase --abort` resets the index and the work
// tree to where the rebase started: all three were lost (a staged new file is deleted outright).
// Whatever differs from HEAD is now kept across the back-out — staged or not, a conflict resolved
// on disk too — but a file holding conflict markers; the rebase's own staged changes written back
// are the line's content merged with the remote's, which the next rebase finds already there.
describe('a sync killed after a conflicting rebase, then edits staged inside it (git)', () => {
  it('keeps what the person staged: written back after the back-out, committed and published', async () => {
    const { w, a } = await killedAfterConflict('git', false);
    const marked = w.readSource(a, 'dot_bashrc') ?? '';
    expect(marked).toMatch(MARKERS);
    const resolved = marked.replace(/^<<<<<<<[^\n]*\n[\s\S]*?^>>>>>>>[^\n]*\n/m, 'export EDITOR=alpha-and-other-tool\n');
    w.writeSource(a, 'dot_bashrc', resolved);
    w.writeSource(a, 'dot_stagedrc', 'staged inside the rebase\n');
    const gitconfig = (w.readSource(a, 'dot_gitconfig') ?? '').replace('autocrlf = false', 'autocrlf = input');
    w.writeSource(a, 'dot_gitconfig', gitconfig);
    w.run(a, 'git', ['add', 'dot_bashrc', 'dot_stagedrc', 'dot_gitconfig'], { cwd: a.source });

    const next = await syncHost(w, a, 'git');
    expect(w.readHome(a, '.bashrc')).not.toMatch(MARKERS);
    okReport(next);
    expect(existsSync(join(a.source, '.git/rebase-merge'))).toBe(false);
    expect(w.readSource(a, 'dot_stagedrc')).toBe('staged inside the rebase\n');
    expect(w.readSource(a, 'dot_gitconfig')).toBe(gitconfig);
    expect(w.readSource(a, 'dot_bashrc')).toBe(resolved);
    const published = (rel: string): string | undefined => w.readRemote(rel, 'sync/alpha') ?? w.readRemote(rel);
    expect(published('dot_stagedrc')).toBe('staged inside the rebase\n');
    expect(published('dot_gitconfig')).toBe(gitconfig);
    expect([w.readRemote('dot_bashrc'), w.readRemote('dot_bashrc', 'sync/alpha')]).toContain(resolved);
    expect(existsSync(join(a.source, '.git', 'chezmoi-sync-kept-edits.json'))).toBe(false);
  });
});

describe('a sync killed after a conflicting rebase, then every file staged with `git add -A` (git)', () => {
  it('never writes conflict markers back: the conflict is preserved, the staged new file kept', async () => {
    const { w, a } = await killedAfterConflict('git', false);
    w.writeSource(a, 'dot_stagedrc', 'staged inside the rebase\n');
    w.run(a, 'git', ['add', '-A'], { cwd: a.source });
    await expectConflictPreserved(w, a, 'git');
    expect(w.readSource(a, 'dot_stagedrc')).toBe('staged inside the rebase\n');
    expect(w.readRemote('dot_stagedrc', 'sync/alpha')).toBe('staged inside the rebase\n');
    expect(w.readRemote('dot_bashrc', 'sync/alpha')).not.toMatch(MARKERS);
  });
});
