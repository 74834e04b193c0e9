// The built CLI against throwaway worlds with real jj, git and chezmoi: sync in both output
// modes, the graceful states and their exit codes (with and without --strict), and the
// read-only commands (status, conflicts, log and their alias binaries) after a real conflict.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useWorld, type Host, type World } from '../support/world.js';
import { cli, ensureBuilt, expectPlain, jsonOf } from './support/cli.js';

beforeAll(() => ensureBuilt());

const setUp = (w: World, ...hosts: Host[]): void => {
  for (const h of hosts) {
    w.cloneWithGit(h);
    w.chezmoiApply(h);
  }
};

const editBashrc = (w: World, h: Host, editor: string): void =>
  w.writeHome(h, '.bashrc', (w.readHome(h, '.bashrc') ?? '').replace(/export EDITOR=\S+/, `export EDITOR=${editor}`));

describe('chezmoi-sync sync (built CLI, real tools)', () => {
  it('prints plain step lines and a summary off a terminal; --json prints one document; the edit reaches the remote', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    setUp(w, a);
    editBashrc(w, a, 'nano');

    const r = cli(['sync'], { env: a.env });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expectPlain(r.stdout);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toContain('capture: ok: committed 1 changed file(s)');
    expect(lines).toContain('publish: ok: pushed 1 commit(s) to origin/main');
    expect(lines.at(-1)).toMatch(/^success: committed 1, published 1 \(jj, \d+\.\ds\)$/);
    expect(w.readRemote('dot_bashrc')).toContain('export EDITOR=nano');

    const j = cli(['sync', '--json'], { env: a.env });
    const doc = jsonOf(j);
    expect(doc).toMatchObject({ command: 'sync', ok: true, exitCode: 0, status: 'success', backend: { kind: 'jj' }, report: { status: 'success', host: 'alpha', committed: 0, published: 0, sourceDir: a.source } });
    expectPlain(j.stderr);
    expect(j.stderr).toContain('fetch: ok: fetched origin');
  });

  it('--dry-run changes nothing: no commit, no push, no state; --verbose names the backend and why', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    setUp(w, a);
    expect(cli(['sync', '-q'], { env: a.env }).code).toBe(0);
    // An edit made in the source dir itself: the commit a real run would make.
    w.writeSource(a, 'dot_bashrc', (w.readSource(a, 'dot_bashrc') ?? '').replace('EDITOR=vi', 'EDITOR=joe'));
    const r = cli(['sync', '--dry-run', '--verbose'], { env: a.env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^backend: jj \(auto: jj 0\.\d+\.\d+, git \d/m);
    expect(r.stdout).toContain('capture: started');
    expect(r.stdout).toContain('capture: skipped: dry run: would capture dot_bashrc');
    expect(r.stdout.trim().split('\n').at(-1)).toMatch(/, dry run\)$/);
    expect(w.readRemote('dot_bashrc')).toContain('EDITOR=vi');
    expect(w.run(a, 'git', ['-C', a.source, 'status', '--porcelain']).stdout).toBe(' M dot_bashrc\n');
    expect((jsonOf(cli(['log', '--json'], { env: a.env }))['runs'] as unknown[]).length).toBe(1);
  });

  it('offline: fetch-failed exits 0 (75 with --strict), keeps the commit, and pushes it once online', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    setUp(w, a);
    w.setNetwork(a, 'offline');
    editBashrc(w, a, 'ed');

    const r = cli(['sync'], { env: a.env });
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n').at(-1)).toMatch(/^fetch-failed: offline — .*; local work kept for the next run/);
    const strict = cli(['sync', '--strict', '--json'], { env: a.env });
    expect(jsonOf(strict)).toMatchObject({ exitCode: 75, status: 'fetch-failed', report: { pendingPushes: 1 } });
    expect(cli(['sync', '--json'], { env: { ...a.env, CHEZMOI_SYNC_STRICT: '1' } }).code).toBe(75);
    expect(w.readRemote('dot_bashrc')).not.toContain('EDITOR=ed');

    const st = cli(['status'], { env: a.env });
    expect(st.code).toBe(0);
    expect(st.stdout).toMatch(/^last sync\s+fetch-failed, /m);
    expect(st.stdout).toMatch(/^to push\s+1 commit\(s\)$/m);

    w.setNetwork(a, 'online');
    expect(cli(['sync', '--quiet'], { env: a.env })).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(w.readRemote('dot_bashrc')).toContain('export EDITOR=ed');
  });

  it('a real conflict: exit 0, this host kept on sync/<host>; status, conflicts, log and the alias binaries tell it', async () => {
    const w = await useWorld();
    const [a, b] = [w.host('alpha'), w.host('beta')];
    setUp(w, a, b);
    for (const h of [a, b]) expect(cli(['sync', '-q'], { env: h.env }).code).toBe(0);
    editBashrc(w, a, 'nvim');
    editBashrc(w, b, 'emacs');
    expect(cli(['sync', '-q'], { env: a.env }).code).toBe(0);

    // The notify command as a string: split into words (the quotes hold), run with no shell of ours.
    const notified = `${w.root}/notified`;
    const notify = `sh -c 'printf "%s|%s|%s" "$CHEZMOI_SYNC_STATUS" "$CHEZMOI_SYNC_BRANCH" "$CHEZMOI_SYNC_CONFLICTS" > "$0"' ${notified}`;
    const r = cli(['sync'], { env: { ...b.env, CHEZMOI_SYNC_NOTIFY_COMMAND: notify } });
    expect(r.code).toBe(0);
    expect(readFileSync(notified, 'utf8')).toBe('conflicts-preserved|sync/beta|dot_bashrc');
    expect(r.stdout).toContain('integrate: degraded: conflict in dot_bashrc');
    expect(r.stdout.trim().split('\n').at(-1)).toMatch(/^conflicts-preserved: dot_bashrc — this host's work is kept on sync\/beta; run chezmoi-sync conflicts/);
    // Nothing lost: each side is on the remote and in its own HOME.
    expect(w.readRemote('dot_bashrc')).toContain('EDITOR=nvim');
    expect(w.readRemote('dot_bashrc', 'sync/beta')).toContain('EDITOR=emacs');
    expect(w.readHome(b, '.bashrc')).toContain('EDITOR=emacs');

    const c = cli(['conflicts'], { env: b.env });
    expect(c.code).toBe(0);
    expect(c.stdout).toContain(`dot_bashrc  →  ${b.home}/.bashrc`);
    expect(c.stdout).toMatch(/^this host's side\s+origin\/sync\/beta \([0-9a-f]{12}\)$/m);
    expect(c.stdout).toContain('chezmoi-sync resolve --continue');
    const ago = (t: string): string => t.replace(/\(\d+ \S+ ago\)/g, '(…)');
    expect(ago(cli([], { env: b.env, as: 'chezmoi-show-conflicts' }).stdout)).toBe(ago(c.stdout));
    const cj = jsonOf(cli(['conflicts', '--json'], { env: b.env }));
    const sideSha = w.run(a, 'git', ['--git-dir', w.remote, 'rev-parse', 'refs/heads/sync/beta']).stdout.trim();
    expect(cj).toMatchObject({
      command: 'conflicts',
      conflicts: { paths: ['dot_bashrc'], targets: [`${b.home}/.bashrc`], branch: 'sync/beta', hostBranch: { remote: sideSha }, trunk: { remote: 'origin', branch: 'main' } },
      unresolvedInWorkingCopy: [],
    });
    expect((cj['next'] as { argv: string[] }[]).map((n) => n.argv.join(' '))).toContain('chezmoi-sync resolve --continue');
    expect(jsonOf(cli(['conflicts', '--json'], { env: a.env }))).toMatchObject({ conflicts: null, next: [] });
    expect(cli(['conflicts'], { env: a.env }).stdout).toBe('no preserved conflicts: every sync integrated cleanly\n');

    const s = cli(['status'], { env: b.env });
    expect(s.code).toBe(0);
    expectPlain(s.stdout);
    expect(s.stdout).toMatch(/^conflicts\s+dot_bashrc — kept on sync\/beta since /m);
    expect(s.stdout).toMatch(/^incoming\s+1 commit\(s\) fetched, not yet integrated$/m);
    const sj = jsonOf(cli(['--json'], { env: b.env, as: 'chezmoi-status' }));
    expect(sj).toMatchObject({ command: 'status', backend: 'jj', host: 'beta', lastRun: { status: 'conflicts-preserved' }, conflicts: { paths: ['dot_bashrc'], branch: 'sync/beta' }, incoming: 1, workingCopy: [] });
    expect((sj['pendingPushes'] as unknown[]).length).toBe(1);
    expect((sj['history'] as { description: string }[])[0]?.description).toMatch(/^chore\(beta\): sync dotfiles - /);

    const l = cli(['log', '-n', '2'], { env: b.env });
    expect(l.stdout.trim().split('\n')).toHaveLength(2);
    expect(l.stdout.split('\n')[0]).toMatch(/ beta {2}conflicts-preserved: dot_bashrc/);
    const lj = jsonOf(cli(['log', '--json'], { env: b.env }));
    expect((lj['runs'] as { status: string }[]).map((x) => x.status)).toEqual(['conflicts-preserved', 'success']);
    expect(cli(['log', '-n', 'x'], { env: b.env })).toMatchObject({ code: 2, stderr: 'chezmoi-sync: --limit must be a positive whole number (got "x")\n' });

    // --strict: a preserved conflict is a temporary failure for scripts.
    expect(cli(['sync', '--strict', '-q'], { env: b.env }).code).toBe(75);
  });

  it('hard failures get their own exit codes: locked 6, secrets 7, unsafe state 5, tool missing 4', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    setUp(w, a);
    expect(cli(['sync', '-q'], { env: a.env }).code).toBe(0);

    // A live holder on this host (the test runner itself): the sync waits, then gives up untouched.
    const lock = `${a.home}/.local/share/.chezmoi.chezmoi-sync.lock`;
    w.writeHome(a, '.local/share/.chezmoi.chezmoi-sync.lock', `${JSON.stringify({ pid: process.pid, host: 'alpha', startedAt: 'earlier', token: 't' })}\n`);
    const locked = cli(['sync', '--lock-timeout', '0.5'], { env: a.env });
    expect(locked.code).toBe(6);
    expect(locked.stdout.trim().split('\n').at(-1)).toBe(`locked: another sync holds the lock ${lock} (pid ${process.pid}); nothing was touched`);
    expect(jsonOf(cli(['sync', '--lock-timeout=0.5', '--json'], { env: a.env }))).toMatchObject({ ok: true, exitCode: 6, status: 'locked' });
    w.run(a, 'rm', ['-f', lock]);

    w.writeSource(a, 'private_dot_ssh/private_id_ed25519', '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n');
    const secrets = cli(['sync'], { env: a.env });
    expect(secrets.code).toBe(7);
    expect(secrets.stderr).toMatch(/^chezmoi-sync: refusing to commit what looks like secrets: private_dot_ssh\/private_id_ed25519 /);
    expect(secrets.stderr.trim().split('\n')).toHaveLength(1);
    expect(w.readRemote('private_dot_ssh/private_id_ed25519')).toBeUndefined();
    w.run(a, 'rm', ['-rf', `${a.source}/private_dot_ssh`]);

    w.writeSource(a, '.git/MERGE_HEAD', '0000000000000000000000000000000000000000\n');
    const unsafe = cli(['sync', '--json'], { env: a.env });
    expect(jsonOf(unsafe)).toMatchObject({ ok: false, exitCode: 5, error: { kind: 'unsafe-state' } });
    w.run(a, 'rm', ['-f', `${a.source}/.git/MERGE_HEAD`]);

    const missing = cli(['sync', '--backend', 'jj'], { env: { ...a.env, CHEZMOI_SYNC_JJ: `${w.root}/no/jj` } });
    expect(missing.code).toBe(4);
    expect(missing.stderr).toMatch(/^chezmoi-sync: .*jj.* was not found/);
  });

  it('no name and email anywhere: exit 2 with the fix in one line, the HOME edit untouched and uncommitted', async () => {
    const w = await useWorld({ hosts: ['alpha'], identity: 'none' });
    const a = w.host('alpha');
    setUp(w, a);
    expect(cli(['sync', '-q'], { env: a.env }).code).toBe(0);
    editBashrc(w, a, 'nano');
    const r = cli(['sync'], { env: a.env });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      "chezmoi-sync: no name and email to commit with: name and email are set neither in jj's nor in git's configuration " +
        '(set them once for git, jj uses them too: `git config --global user.name "Your Name"` and `git config --global user.email you@example.com`)',
    ]);
    expect(w.readHome(a, '.bashrc')).toContain('export EDITOR=nano');
    expect(w.readRemote('dot_bashrc')).toContain('export EDITOR=vi');
    expect(w.run(a, 'git', ['-C', a.source, 'status', '--porcelain']).stdout).toBe('');
  });
});
