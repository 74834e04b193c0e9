// doctor, install-units and the auth-failure path with the built CLI on throwaway worlds.
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { addSubmodule, PLUGIN } from '../support/submodule.js';
import { toolPath } from '../support/tools.js';
import { useWorld } from '../support/world.js';
import { cli, ensureBuilt, expectPlain, jsonOf } from './support/cli.js';

beforeAll(() => ensureBuilt());

type Finding = { id: string; status: string; detail: string; fix?: string };
const byId = (doc: Record<string, unknown>): Record<string, Finding> =>
  Object.fromEntries((doc['findings'] as Finding[]).map((f) => [f.id, f]));

describe('chezmoi-sync doctor (built CLI, real tools)', () => {
  it('warns when the repository hands files to git-lfs and jj would sync it (jj runs none of its filters); the git backend does', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    w.cloneWithGit(a);
    w.chezmoiApply(a);
    writeFileSync(join(a.source, '.gitattributes'), '# large files\n*.png filter=lfs diff=lfs merge=lfs -text\n');
    const jj = cli(['doctor', '--json', '--backend', 'jj'], { env: a.env });
    expect(byId(jsonOf(jj))['repo.lfs']).toMatchObject({ status: 'warn', detail: expect.stringContaining('filter=lfs'), fix: expect.stringContaining('--backend git') });
    expect(byId(jsonOf(cli(['doctor', '--json', '--backend', 'git'], { env: a.env })))['repo.lfs']).toMatchObject({ status: 'ok', detail: expect.stringContaining('the git backend runs') });
    writeFileSync(join(a.source, '.gitattributes'), '# *.png filter=lfs\n*.sh text eol=lf\n');
    expect(byId(jsonOf(cli(['doctor', '--json', '--backend', 'jj'], { env: a.env })))['repo.lfs']).toMatchObject({ status: 'ok' });
  });

  it('says which submodules are not checked out, then which one is behind what the line records', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    const plugin = addSubmodule(w, a);
    // A clone without --recurse-submodules (as a sync's own clone makes it): an empty directory.
    w.cloneWithGit(a);
    w.chezmoiApply(a);
    const bare = byId(jsonOf(cli(['doctor', '--json', '--backend', 'git'], { env: a.env })))['repo.submodules'];
    expect(bare).toMatchObject({ status: 'warn', detail: expect.stringContaining(`1 of 1 submodule is not checked out (${PLUGIN})`), fix: expect.stringContaining('submodule update --init') });
    w.run(a, 'git', ['submodule', 'update', '-q', '--init'], { cwd: a.source });
    for (const backend of ['git', 'jj']) {
      expect(byId(jsonOf(cli(['doctor', '--json', '--backend', backend], { env: a.env })))['repo.submodules'], backend).toMatchObject({ status: 'ok', detail: '1 submodule checked out as the line records it' });
    }
    plugin.release('echo hello v2\n');
    w.run(a, 'git', ['submodule', 'update', '-q', '--remote'], { cwd: a.source });
    const behind = byId(jsonOf(cli(['doctor', '--json', '--backend', 'git'], { env: a.env })))['repo.submodules'];
    expect(behind).toMatchObject({ status: 'warn', detail: expect.stringContaining(PLUGIN), fix: expect.stringContaining('never changes a submodule') });
    // A path in .gitmodules that climbs out of the repository is never looked at.
    writeFileSync(join(a.source, '.gitmodules'), '[submodule "x"]\n\tpath = ../../outside\n\turl = /nowhere\n');
    expect(byId(jsonOf(cli(['doctor', '--json', '--backend', 'git'], { env: a.env })))['repo.submodules']).toMatchObject({ status: 'ok', detail: 'no submodules' });
  });

  it('passes on a healthy host, and fails with a fix when the key is refused or chezmoi would auto-commit', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    w.cloneWithGit(a);
    w.chezmoiApply(a);

    const r = cli(['doctor'], { env: a.env });
    expect(r.code).toBe(0);
    expectPlain(r.stdout);
    expect(r.stdout).toMatch(/^ok {4}tools\.jj {9}jj 0\.\d+\.\d+, git \d/m);
    expect(r.stdout).toMatch(/^ok {4}remote\.reachable origin answered and accepted our credentials$/m);
    expect(r.stdout).toMatch(/^all checks passed/m);
    const healthy = byId(jsonOf(cli(['doctor', '--json'], { env: a.env })));
    // The ordinary machine: identity only in git's config; jj uses it too.
    expect(r.stdout).toMatch(/^ok {4}identity\.jj {6}jj commits as User on alpha <user@alpha\.example> \(from git config\)$/m);
    expect(r.stdout).toMatch(/^ok {4}identity\.git {5}git commits as User on alpha <user@alpha\.example> \(from git config\)$/m);
    for (const id of ['tools.jj', 'tools.git', 'tools.chezmoi', 'repo.source', 'repo.remote', 'repo.lfs', 'repo.submodules', 'remote.reachable', 'identity.jj', 'identity.git', 'state.dir', 'lock', 'resolve', 'chezmoi.git', 'chezmoi.secrets', 'state.last-run']) {
      expect(healthy[id]?.status, id).toBe('ok');
    }
    // The world's remote is ssh:// through a fake ssh and the host has no agent or key.
    expect(healthy['ssh']).toMatchObject({ status: 'warn', detail: 'SSH_AUTH_SOCK is not set and there is no ~/.ssh/id_* key; GIT_SSH_COMMAND is set' });

    w.setNetwork(a, 'auth');
    const refused = cli(['doctor'], { env: a.env });
    expect(refused.code).toBe(11);
    expect(refused.stdout).toMatch(/^FAIL {2}remote\.reachable origin refused our credentials: .*Permission denied \(publickey\)/m);
    expect(refused.stdout).toMatch(/fix: load the key into the agent/);
    // A sync in the same state degrades (auth-failed, exit 0) and says so; doctor then flags the last run.
    const sync = cli(['sync', '--json'], { env: a.env });
    expect(jsonOf(sync)).toMatchObject({ exitCode: 0, status: 'auth-failed', report: { error: { kind: 'auth' } } });
    expect(byId(jsonOf(cli(['doctor', '--json'], { env: a.env })))['state.last-run']).toMatchObject({ status: 'fail' });
    w.setNetwork(a, 'online');

    w.writeHome(a, '.config/chezmoi/chezmoi.toml', `sourceDir = ${JSON.stringify(a.source)}\n[git]\nautoCommit = true\nautoPush = true\n`);
    const fights = byId(jsonOf(cli(['doctor', '--json'], { env: a.env })));
    expect(fights['chezmoi.git']).toEqual({
      id: 'chezmoi.git',
      status: 'fail',
      detail: "chezmoi's git.autoCommit, git.autoPush are on: chezmoi would commit and push behind the sync's back",
      fix: "set git.autoCommit = false, git.autoPush = false in chezmoi's config file",
    });
    // chezmoi's own secret scan on add: skipped unless the person asked chezmoi to refuse secrets.
    expect(healthy['chezmoi.secrets']?.detail).toMatch(/^chezmoi's own secret scan \(add\.secrets = warning\) only warns: chezmoi-sync skips it/);
    w.writeHome(a, '.config/chezmoi/chezmoi.toml', `sourceDir = ${JSON.stringify(a.source)}\n[add]\nsecrets = "error"\n`);
    expect(byId(jsonOf(cli(['doctor', '--json'], { env: a.env })))['chezmoi.secrets']).toMatchObject({ status: 'ok', detail: expect.stringMatching(/^chezmoi refuses secrets on add \(add\.secrets = error\): chezmoi-sync keeps that scan/) });
  });

  it('says which identity each backend commits with, and fails the backend in use when there is none', async () => {
    const w = await useWorld({ hosts: ['alpha'], identity: 'jj' });
    const a = w.host('alpha');
    w.cloneWithGit(a);
    const jjOnly = byId(jsonOf(cli(['doctor', '--json'], { env: a.env })));
    expect(jjOnly['identity.jj']).toEqual({ id: 'identity.jj', status: 'ok', detail: 'jj commits as User on alpha <user@alpha.example> (from jj config)' });
    // git has none; a sync with jj does not need it.
    expect(jjOnly['identity.git']).toMatchObject({ status: 'warn', detail: expect.stringMatching(/^no name and email to commit with/), fix: expect.stringContaining('git config --global user.name') });
    const mixed = byId(jsonOf(cli(['doctor', '--json'], { env: { ...a.env, JJ_EMAIL: 'env@alpha.example' } })));
    expect(mixed['identity.jj']?.detail).toBe('jj commits as User on alpha <env@alpha.example> (name from jj config, email from environment)');

    writeFileSync(a.env['JJ_CONFIG'] ?? '', '');
    const none = cli(['doctor'], { env: a.env });
    expect(none.code).toBe(11);
    expect(none.stdout).toMatch(/^FAIL {2}identity\.jj {6}no name and email to commit with: name and email are set neither in jj's nor in git's configuration$/m);
    expect(none.stdout).toMatch(/fix: set them once for git, jj uses them too: `git config --global user\.name "Your Name"`/);
    expect(none.stdout).toMatch(/^warn {2}identity\.git /m);
    expect(byId(jsonOf(cli(['doctor', '--json', '--backend', 'git'], { env: a.env })))['identity.git']).toMatchObject({ status: 'fail' });
  });

  it('reports a missing source dir as a failed check, not a crash', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    const r = cli(['doctor', '--json'], { env: a.env });
    const doc = jsonOf(r);
    expect(doc).toMatchObject({ ok: true, exitCode: 11 });
    expect(byId(doc)['repo.source']).toMatchObject({ status: 'fail', detail: `${a.source} is not a repository` });
    // No repository and no repoUrl: nothing to connect to, so the SSH check says it did not run.
    expect(byId(doc)['ssh']).toEqual({ id: 'ssh', status: 'skip', detail: 'skipped: there is no repository and no repoUrl, so no remote to connect to' });
    expect(cli(['doctor'], { env: a.env }).stdout).toMatch(/^skip {2}ssh {14}skipped: there is no repository and no repoUrl/m);
  });
});

describe('chezmoi-sync install-units (built CLI)', () => {
  // Found by an exploratory run: the service sees the user manager's PATH (system directories
  // only), so a jj in ~/.cargo/bin or a profile was not found by the timer; it fell back to git,
  // which refused every run at the detached HEAD jj leaves.
  it('bakes in the tools this shell finds outside the system directories; an explicit one wins', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    const bin = join(w.root, 'user-bin');
    mkdirSync(bin);
    for (const tool of ['jj', 'git', 'chezmoi'] as const) symlinkSync(toolPath(tool), join(bin, tool));
    const env = { ...a.env, PATH: `${bin}:/usr/bin:/bin`, CHEZMOI_SYNC_CHEZMOI: toolPath('chezmoi') };
    const r = cli(['install-units', '--interval', '1h'], { env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const service = readFileSync(join(a.home, '.config/systemd/user/chezmoi-sync.service'), 'utf8');
    expect(service).toContain(`Environment="CHEZMOI_SYNC_JJ=${bin}/jj"`);
    expect(service).toContain(`Environment="CHEZMOI_SYNC_GIT=${bin}/git"`);
    expect(service).toContain(`Environment="CHEZMOI_SYNC_CHEZMOI=${toolPath('chezmoi')}"`);
    expect(service).not.toContain(`CHEZMOI_SYNC_CHEZMOI=${bin}`);
  });

  it('writes the user units with this invocation\'s settings, then removes them', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    const dir = join(a.home, '.config/systemd/user');
    const r = cli(['install-units', '--no-push', '--interval', '30min'], { env: a.env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^created +${dir}/chezmoi-sync\\.service$`, 'm'));
    expect(r.stdout).toContain('systemctl --user daemon-reload');
    const service = readFileSync(join(dir, 'chezmoi-sync.service'), 'utf8');
    // CHEZMOI_SYNC_HOST came from this environment: the service would not see it, so it is baked in.
    expect(service).toContain('--host=alpha');
    expect(service).toContain('--no-push');
    expect(readFileSync(join(dir, 'chezmoi-sync.timer'), 'utf8')).toContain('30min');

    const again = jsonOf(cli(['install-units', '--no-push', '--interval', '30min', '--json'], { env: a.env }));
    expect(again).toMatchObject({ action: 'install', unitDir: dir });
    expect((again['units'] as { action: string }[]).every((u) => u.action === 'unchanged')).toBe(true);

    const un = jsonOf(cli(['install-units', '--uninstall', '--json'], { env: a.env }));
    expect(un).toMatchObject({ ok: true, action: 'uninstall' });
    expect(existsSync(join(dir, 'chezmoi-sync.service'))).toBe(false);
    expect(cli(['install-units', '--uninstall', '--force'], { env: a.env })).toMatchObject({ code: 2, stderr: 'chezmoi-sync: --uninstall takes no --interval or --force\n' });
  });

  it('--watch adds the watch service with this invocation\'s settings and durations; without it, it goes again', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    const dir = join(a.home, '.config/systemd/user');
    const r = cli(['install-units', '--watch', '--fetch-interval', '1m', '--no-push'], { env: a.env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('systemctl --user enable --now chezmoi-sync.timer chezmoi-sync-watch.service');
    const watch = readFileSync(join(dir, 'chezmoi-sync-watch.service'), 'utf8');
    expect(watch).toMatch(/^ExecStart=.* "watch" "--host=alpha" "--no-push" "--fetch-interval=1m"$/m);
    expect(readFileSync(join(dir, 'chezmoi-sync.service'), 'utf8')).toMatch(/^ExecStart=.* "sync" "--host=alpha" "--no-push"$/m);
    const again = cli(['install-units', '--no-push'], { env: a.env });
    expect(again.stdout).toMatch(new RegExp(`^removed +${dir}/chezmoi-sync-watch\\.service$`, 'm'));
    expect(existsSync(join(dir, 'chezmoi-sync-watch.service'))).toBe(false);
  });
});
