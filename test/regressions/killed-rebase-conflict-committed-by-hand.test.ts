// Regression (found by test/property, jj long campaign seed 20241102): a sync killed right after its
// rebase conflicted leaves the rebased, conflicted commits in the line; jj shows the person the
// markers, and they do what jj invites: resolve the file and `jj commit` (or edit inside the
// markers and commit without resolving). The next sync's recovery reverted the rebase alone
// (`jj op revert`), which rebased the person's commits back onto the line before it: their
// resolution became a new conflict, the markers came back into the source dir, and the sync said
// `conflicts-preserved` while jj refused, run after run, to push the host branch ("Won't push
// commit … since it has conflicts"). Now a revert that would turn a person's commit into a conflict
// is taken back (the line stays as the person built it), and a line that holds a conflicted commit
// is refused by name before anything is captured: jj will not publish it, and a sync must not claim
// it did. The person folds the fix into the conflicted commit (`jj squash`), and the next sync
// publishes their resolution.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../cli/support/cli.js';
import { okReport, syncHost, type SyncCall } from '../support/engine.js';
import { KILL_AFTER_REBASE, syncKilledByWrapper } from '../support/killing-wrapper.js';
import { conflictingEditPending } from '../support/conflicting-edit.js';
import { useWorld, type Host, type World } from '../support/world.js';

beforeAll(() => ensureBuilt());

const MARKERS = /^(<<<<<<<|>>>>>>>|%%%%%%%|\+\+\+\+\+\+\+)/m;

/** alpha's sync is killed right after its rebase conflicted (alpha and another tool edited one line). */
const killedInConflictingRebase = async (): Promise<{ w: World; a: Host; jj: (args: string[]) => string }> => {
  const w = await useWorld({ hosts: ['alpha'] });
  const a = w.host('alpha');
  await conflictingEditPending(w, a, 'jj');
  expect(okReport(await syncHost(w, a, 'jj')).status).toBe('conflicts-preserved');
  syncKilledByWrapper(w, a, 'jj', KILL_AFTER_REBASE);
  const jj = (args: string[]): string => w.run(a, 'jj', args, { cwd: a.source }).stdout;
  // What the person finds: jj's markers in the source dir.
  expect(w.readSource(a, 'dot_bashrc')).toMatch(MARKERS);
  return { w, a, jj };
};

/** The run refused the line by name; nothing with markers reached HOME or the remote. */
const expectRefused = (w: World, a: Host, c: SyncCall): string => {
  if (c.result.isOk()) throw new Error(`not refused: ${c.result.value.status}`);
  const e = c.result.error;
  expect(e).toMatchObject({ kind: 'unsafe-state', state: 'conflicted-line' });
  expect(e.message).toMatch(/dot_bashrc/);
  expect(e.hint).toMatch(/jj squash/);
  expect(w.readHome(a, '.bashrc')).not.toMatch(MARKERS);
  expect(w.readHome(a, '.bashrc')).toContain('EDITOR=alpha');
  for (const b of w.remoteBranches()) expect(w.readRemote('dot_bashrc', b)).not.toMatch(MARKERS);
  expect(existsSync(join(a.source, '.jj', 'chezmoi-sync-rebase'))).toBe(false);
  return e.message;
};

describe('a sync killed inside a conflicting rebase, then the conflict resolved and committed by hand (jj)', () => {
  it('keeps the resolution as the person made it, refuses the conflicted line by name, and publishes the resolution once it is folded in', async () => {
    const { w, a, jj } = await killedInConflictingRebase();
    const resolved = '# bashrc\nexport EDITOR=resolved\nalias ll="ls -l"\n';
    w.writeSource(a, 'dot_bashrc', resolved);
    jj(['commit', '-m', 'resolved by hand']);

    expectRefused(w, a, await syncHost(w, a, 'jj'));
    // The person's resolution is still what the source dir holds: no markers came back.
    expect(w.readSource(a, 'dot_bashrc')).toBe(resolved);
    // Refused again, not wedged: the same answer until the person acts.
    expectRefused(w, a, await syncHost(w, a, 'jj'));

    // As the hint says: the fix folded into the commit that holds the conflict.
    const conflicted = jj(['log', '--no-graph', '-r', 'conflicts() & ::@', '-T', 'change_id ++ "\\n"']).trim().split('\n');
    expect(conflicted).toHaveLength(1);
    jj(['squash', '--from', 'description(exact:"resolved by hand\\n")', '--into', conflicted[0] ?? '', '--use-destination-message']);
    const next = okReport(await syncHost(w, a, 'jj'));
    expect(next.status).toBe('success');
    expect(w.readRemote('dot_bashrc')).toBe(resolved);
    expect(w.readHome(a, '.bashrc')).toBe(resolved);
    // The host branch held the side the person has now resolved: a later version of it is on the trunk.
    expect(w.remoteBranches()).toEqual(['main']);
  });
});

describe('a sync killed inside a conflicting rebase, then edits inside the markers committed by hand (jj)', () => {
  it('refuses the conflicted line by name and keeps the edits where the person made them', async () => {
    const { w, a, jj } = await killedInConflictingRebase();
    w.writeSource(a, 'dot_bashrc', (w.readSource(a, 'dot_bashrc') ?? '').replace(/EDITOR=\S+/, 'EDITOR=hand1'));
    jj(['commit', '-m', 'hand 1']);
    w.writeSource(a, 'dot_bashrc', (w.readSource(a, 'dot_bashrc') ?? '').replace(/EDITOR=\S+/, 'EDITOR=hand2'));
    jj(['commit', '-m', 'hand 2']);

    const message = expectRefused(w, a, await syncHost(w, a, 'jj'));
    expect(message).toMatch(/hand 2/);
    // Nothing of theirs was lost or moved: the markers they edited are as they left them.
    expect(w.readSource(a, 'dot_bashrc')).toMatch(/EDITOR=hand2/);
    expect(jj(['file', 'show', '-r', '@-', 'dot_bashrc'])).toMatch(/EDITOR=hand2/);
  });
});
