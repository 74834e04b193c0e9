// resolve → continue, resolve → abort and undo with the built CLI on a real two-host conflict:
// at every point both sides of the conflict exist somewhere, and the files say so.
import { beforeAll, describe, expect, it } from 'vitest';
import { useWorld, type Host, type World } from '../support/world.js';
import { cli, ensureBuilt, expectPlain, jsonOf } from './support/cli.js';

beforeAll(() => ensureBuilt());

const MARKER = /^(<<<<<<<|>>>>>>>)/m;

const setUp = (w: World, ...hosts: Host[]): void => {
  for (const h of hosts) {
    w.cloneWithGit(h);
    w.chezmoiApply(h);
  }
};

const editBashrc = (w: World, h: Host, editor: string): void =>
  w.writeHome(h, '.bashrc', (w.readHome(h, '.bashrc') ?? '').replace(/export EDITOR=\S+/, `export EDITOR=${editor}`));

/** alpha publishes EDITOR=nvim, beta's EDITOR=emacs is preserved on sync/beta. */
const conflictWorld = async (): Promise<{ w: World; a: Host; b: Host }> => {
  const w = await useWorld();
  const [a, b] = [w.host('alpha'), w.host('beta')];
  setUp(w, a, b);
  for (const h of [a, b]) expect(cli(['sync', '-q'], { env: h.env }).code).toBe(0);
  editBashrc(w, a, 'nvim');
  editBashrc(w, b, 'emacs');
  expect(cli(['sync', '-q'], { env: a.env }).code).toBe(0);
  expect(jsonOf(cli(['sync', '--json', '-q'], { env: b.env }))).toMatchObject({ status: 'conflicts-preserved' });
  return { w, a, b };
};

describe('chezmoi-sync resolve and undo (built CLI, real tools)', () => {
  it('resolve → continue: markers in the file, refused while they remain, then published to trunk and applied', async () => {
    const { w, a, b } = await conflictWorld();
    const start = cli(['resolve', '-q'], { env: b.env });
    expect(start.code).toBe(0);
    expect(start.stdout).toMatch(/^conflicts in dot_bashrc: edit them in .*resolve --continue/m);
    const marked = w.readSource(b, 'dot_bashrc') ?? '';
    expect(marked).toMatch(MARKER);
    expect(marked).toContain('export EDITOR=emacs');
    expect(marked).toContain('export EDITOR=nvim');
    expect(jsonOf(cli(['conflicts', '--json'], { env: b.env }))).toMatchObject({ unresolvedInWorkingCopy: ['dot_bashrc'] });
    expect(jsonOf(cli(['status', '--json'], { env: b.env }))).toMatchObject({ resolving: true });

    const early = cli(['resolve', '--continue', '--json', '-q'], { env: b.env });
    expect(jsonOf(early)).toMatchObject({ ok: false, exitCode: 10, error: { kind: 'conflict', paths: ['dot_bashrc'] } });
    expect(cli(['resolve', '--continue', '-q'], { env: b.env }).stderr).toBe('chezmoi-sync: conflict markers remain in dot_bashrc (run `chezmoi-sync conflicts` to see what to do)\n');

    // The person keeps beta's side and removes the markers.
    w.writeSource(b, 'dot_bashrc', '# bashrc\nexport EDITOR=emacs\nalias ll="ls -l"\n');
    const done = jsonOf(cli(['resolve', '--continue', '--json', '-q'], { env: b.env }));
    expect(done).toMatchObject({ ok: true, exitCode: 0, action: 'continue', details: { paths: ['dot_bashrc'], sync: { status: 'success' } } });
    expect(w.readRemote('dot_bashrc')).toBe('# bashrc\nexport EDITOR=emacs\nalias ll="ls -l"\n');
    expect(w.remoteBranches()).toEqual(['main']);
    expect(w.readHome(b, '.bashrc')).toContain('export EDITOR=emacs');
    expect(cli(['sync', '-q'], { env: a.env }).code).toBe(0);
    expect(w.readHome(a, '.bashrc')).toContain('export EDITOR=emacs');
    expect(jsonOf(cli(['conflicts', '--json'], { env: b.env }))).toMatchObject({ conflicts: null, unresolvedInWorkingCopy: [] });
  });

  it('resolve writes git-style markers by default (jj), jj\'s own with --marker-style; conflicts explains them', async () => {
    const { w, b } = await conflictWorld();
    expect(cli(['resolve', '-q'], { env: b.env }).code).toBe(0);
    const git = w.readSource(b, 'dot_bashrc') ?? '';
    // this host's side first, then the common ancestor, then trunk's side — git's diff3 layout
    expect(git).toMatch(/^<<<<<<< [^\n]*\nexport EDITOR=emacs\n\|\|\|\|\|\|\| [^\n]*\nexport EDITOR=vi\n=======\nexport EDITOR=nvim\n>>>>>>> /m);
    expect(git).not.toMatch(/^(%%%%%%%|\+\+\+\+\+\+\+)/m);
    const shown = cli(['conflicts'], { env: b.env });
    expectPlain(shown.stdout);
    expect(shown.stdout).toContain('how to read the markers (git style):');
    expect(shown.stdout).toMatch(/^ {2}<<<<<<< {2}this host's version starts$/m);
    expect(shown.stdout).toMatch(/^ {2}======= {2}trunk's version follows$/m);
    expect(jsonOf(cli(['conflicts', '--json'], { env: b.env }))).toMatchObject({ markers: { style: 'git' } });
    expect(cli(['resolve', '--abort', '-q'], { env: b.env }).code).toBe(0);

    // jj's diff style, chosen by the environment variable (as the flag and config key would)
    const diffEnv = { ...b.env, CHEZMOI_SYNC_MARKER_STYLE: 'diff' };
    expect(cli(['resolve', '-q'], { env: diffEnv }).code).toBe(0);
    const diff = w.readSource(b, 'dot_bashrc') ?? '';
    expect(diff).toMatch(/^%%%%%%% /m);
    expect(diff).not.toMatch(/^=======$/m);
    expect(cli(['conflicts'], { env: diffEnv }).stdout).toMatch(/^ {2}%%%%%%% {2}a diff follows/m);
    // jj reads back markers of any style: the flag need not match the one resolve started with
    expect(jsonOf(cli(['resolve', '--continue', '--json', '-q', '--marker-style', 'git'], { env: b.env }))).toMatchObject({ ok: false, exitCode: 10 });
    expect(cli(['resolve', '--marker-style', 'zdiff3'], { env: b.env })).toMatchObject({ code: 2, stderr: 'chezmoi-sync: --marker-style must be git, diff or snapshot (got "zdiff3")\n' });
    w.writeSource(b, 'dot_bashrc', '# bashrc\nexport EDITOR=emacs\nalias ll="ls -l"\n');
    expect(jsonOf(cli(['resolve', '--continue', '--json', '-q'], { env: b.env }))).toMatchObject({ ok: true, exitCode: 0 });
    expect(w.readRemote('dot_bashrc')).toBe('# bashrc\nexport EDITOR=emacs\nalias ll="ls -l"\n');
  });

  it('resolve → abort: back to where it started, both sides still on the remote and in each HOME', async () => {
    const { w, a, b } = await conflictWorld();
    expect(cli(['resolve', '-q'], { env: b.env }).code).toBe(0);
    expect(w.readSource(b, 'dot_bashrc')).toMatch(MARKER);
    expect(cli(['resolve', '--continue', '--abort'], { env: b.env })).toMatchObject({ code: 2, stderr: 'chezmoi-sync: --continue and --abort exclude each other\n' });

    const ab = jsonOf(cli(['resolve', '--abort', '--json'], { env: b.env }));
    expect(ab).toMatchObject({ ok: true, action: 'abort' });
    expect(String(ab['summary'])).toMatch(/^resolution aborted/);
    expect(w.readSource(b, 'dot_bashrc')).not.toMatch(MARKER);
    expect(w.readSource(b, 'dot_bashrc')).toContain('export EDITOR=emacs');
    expect(w.readRemote('dot_bashrc', 'sync/beta')).toContain('export EDITOR=emacs');
    expect(w.readRemote('dot_bashrc')).toContain('export EDITOR=nvim');
    expect(w.readHome(b, '.bashrc')).toContain('export EDITOR=emacs');
    expect(w.readHome(a, '.bashrc')).toContain('export EDITOR=nvim');
    expect(jsonOf(cli(['resolve', '--abort', '--json'], { env: b.env }))).toMatchObject({ ok: false, exitCode: 2, error: { kind: 'invalid-input', message: 'no resolution is in progress' } });
  });

  it('undo: the repository goes back to before the last sync, the remote keeps what was pushed, the next sync restores it', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    setUp(w, a);
    expect(jsonOf(cli(['undo', '--json'], { env: a.env }))).toMatchObject({ ok: false, exitCode: 2, error: { kind: 'invalid-input' } });

    editBashrc(w, a, 'nano');
    expect(cli(['sync', '-q'], { env: a.env }).code).toBe(0);
    expect(w.readSource(a, 'dot_bashrc')).toContain('EDITOR=nano');

    const u = cli(['undo'], { env: a.env });
    expect(u.code).toBe(0);
    expect(u.stdout).toMatch(/^restored the repository to before the sync of \S+ \(jj checkpoint [0-9a-f]{12}\)\. It had pushed 1 commit\(s\)/);
    expect(w.readSource(a, 'dot_bashrc')).toContain('EDITOR=vi');
    expect(w.readHome(a, '.bashrc')).toContain('EDITOR=nano');
    expect(w.readRemote('dot_bashrc')).toContain('EDITOR=nano');

    expect(cli(['sync', '-q'], { env: a.env }).code).toBe(0);
    expect(w.readSource(a, 'dot_bashrc')).toContain('EDITOR=nano');
  });

  it('undo after a commit made by hand since the sync: refused in one line (exit 5), the commit stays and is published by the next sync', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    setUp(w, a);
    editBashrc(w, a, 'nano');
    expect(cli(['sync', '-q'], { env: a.env }).code).toBe(0);
    w.writeSource(a, 'dot_gitconfig', '[core]\n\tautocrlf = input\n');
    w.run(a, 'jj', ['--repository', a.source, '--config', 'user.name=A', '--config', 'user.email=a@example.com', 'commit', '-m', 'by hand']);

    const u = cli(['undo'], { env: a.env });
    expect(u.code).toBe(5);
    expect(u.stdout).toBe('');
    expect(u.stderr).toMatch(/^chezmoi-sync: the repository moved since the sync of \S+ .*: undo would take that off the line \(.*jj op log.*\)\n$/);
    expect(w.readSource(a, 'dot_gitconfig')).toBe('[core]\n\tautocrlf = input\n');
    expect(cli(['sync', '-q'], { env: a.env }).code).toBe(0);
    expect(w.readRemote('dot_gitconfig')).toBe('[core]\n\tautocrlf = input\n');
    expect(w.readRemote('dot_bashrc')).toContain('EDITOR=nano');
  });
});
