// Hostile repository URLs, given to the engine (clone) or the CLI, or already configured as the
// repository's remote: one clear error, nothing executed, nothing changed.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { okReport, realDeps, syncHost } from '../support/engine.js';
import { useWorld } from '../support/world.js';
import { cli, ensureBuilt, jsonOf } from '../cli/support/cli.js';
import { BACKENDS, syncedWorld, useMarker } from './support.js';

beforeAll(() => ensureBuilt());

const hostileUrls = (marker: string): readonly string[] => [
  `--upload-pack=touch ${marker}`,
  `--upload-pack=touch ${marker};`,
  `ext::sh -c touch% ${marker}`,
  `EXT::sh -c touch% ${marker}`,
  `fd::17`,
  `-oProxyCommand=touch ${marker}`,
  `ssh://-oProxyCommand=touch% ${marker}/x`,
  `-u:x`,
  `--config=core.sshCommand=touch ${marker}`,
  // Malformed rather than hostile: refused before git runs, not git's "remote helper aborted" (exit 9).
  'https://exa mple.com/x',
  'http://[::1/dotfiles.git',
];

describe.each(BACKENDS)('hostile repository URLs (%s)', (backend) => {
  it('a clone from a hostile URL is refused before anything runs or is created', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    const m = await useMarker();
    for (const url of hostileUrls(m.path)) {
      const r = await syncHost(w, a, backend, { repoUrl: url });
      expect(r.result.isErr(), url).toBe(true);
      expect(r.result._unsafeUnwrapErr(), url).toMatchObject({ kind: 'invalid-input', field: 'url' });
      expect(existsSync(a.source), url).toBe(false);
      // Refused before the lock: nothing written beside the source dir either.
      expect(existsSync(join(a.stateDir, 'state.json')), url).toBe(false);
    }
    m.expectAbsent();
  });

  it('the CLI refuses each with exit 2 and one line naming the URL', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    const m = await useMarker();
    for (const url of hostileUrls(m.path)) {
      const r = cli(['sync', '--backend', backend, `--repo-url=${url}`], { env: a.env });
      expect(r.code, url).toBe(2);
      expect(r.stdout, url).toBe('');
      expect(r.stderr.trim().split('\n').filter((l) => /url/i.test(l)).length, `${url}\n${r.stderr}`).toBeGreaterThanOrEqual(1);
      const j = jsonOf(cli(['sync', '--json', '--backend', backend, `--repo-url=${url}`], { env: a.env }));
      expect(j, url).toMatchObject({ ok: false, exitCode: 2 });
    }
    expect(existsSync(a.source)).toBe(false);
    m.expectAbsent();
  });

  it('a repository whose remote points at ext:: (and allows it): sync, status and doctor refuse it by name, nothing runs, the edit is kept', async () => {
    const { w, a } = await syncedWorld(backend);
    const m = await useMarker();
    // Someone (or something) rewrote the remote URL in the repository's own git config, and allowed the transport.
    const hostile = `ext::sh -c touch% ${m.path}`;
    w.run(a, 'git', ['remote', 'set-url', 'origin', hostile], { cwd: a.source });
    w.run(a, 'git', ['config', 'protocol.ext.allow', 'always'], { cwd: a.source });
    w.writeHome(a, '.bashrc', '# bashrc\nexport KEPT=1\n');
    const r = await syncHost(w, a, backend, { repoUrl: undefined as unknown as string });
    m.expectAbsent();
    // Refused before anything talks to the remote: named, never "offline".
    expect(r.result._unsafeUnwrapErr()).toMatchObject({ kind: 'invalid-input', field: 'remoteUrl', value: hostile });
    expect(r.result._unsafeUnwrapErr().message).toContain('origin');
    expect(r.result._unsafeUnwrapErr().hint).toContain('git remote set-url origin');
    expect(readFileSync(join(a.stateDir, 'last-sync-status'), 'utf8').trim()).not.toBe('fetch-failed');
    expect(w.readHome(a, '.bashrc')).toContain('KEPT=1');
    // The CLI: sync and status exit 2 naming the remote's URL; doctor fails its repository check.
    for (const command of ['sync', 'status', 'conflicts']) {
      const c = cli([command, '--backend', backend], { env: a.env });
      expect(c.code, `${command}\n${c.stdout}${c.stderr}`).toBe(2);
      expect(c.stderr, command).toContain("remote origin has an unsafe URL");
    }
    const d = cli(['doctor', '--backend', backend], { env: a.env });
    expect(d.code).not.toBe(0);
    expect(d.stdout).toContain('unsafe URL');
    m.expectAbsent();
    // Putting the URL back is all it takes: the kept edit is published.
    w.run(a, 'git', ['remote', 'set-url', 'origin', w.remoteUrl], { cwd: a.source });
    expect(okReport(await syncHost(w, a, backend)).status).toBe('success');
    expect(w.readRemote('dot_bashrc')).toContain('KEPT=1');
  });

  it('a remote whose push URL, or second URL, is hostile: refused by name before anything runs, the edit kept; removing it is all it takes', async () => {
    const { w, a } = await syncedWorld(backend);
    const m = await useMarker();
    const hostile = `ext::sh -c touch% ${m.path}`;
    w.run(a, 'git', ['config', 'protocol.ext.allow', 'always'], { cwd: a.source });
    // A push goes to the push URL; without one, to every URL of the remote.
    const ways: [string[], string[]][] = [
      [['remote', 'set-url', '--push', 'origin', hostile], ['config', '--unset-all', 'remote.origin.pushurl']],
      [['remote', 'set-url', '--add', 'origin', hostile], ['remote', 'set-url', '--delete', 'origin', '^ext::']],
    ];
    for (const [set, unset] of ways) {
      w.run(a, 'git', set, { cwd: a.source });
      w.writeHome(a, '.bashrc', `# bashrc\nexport KEPT=${set[2]}\n`);
      const r = await syncHost(w, a, backend, { repoUrl: undefined as unknown as string });
      m.expectAbsent();
      expect(r.result._unsafeUnwrapErr(), set.join(' ')).toMatchObject({ kind: 'invalid-input', field: 'remoteUrl', value: hostile });
      expect(r.result._unsafeUnwrapErr().message).toContain('origin');
      expect(w.readHome(a, '.bashrc')).toContain(`KEPT=${set[2]}`);
      expect(w.readRemote('dot_bashrc')).not.toContain(`KEPT=${set[2]}`);
      const c = cli(['sync', '--backend', backend], { env: a.env });
      expect(c.code, `${c.stdout}${c.stderr}`).toBe(2);
      expect(c.stderr).toContain('remote origin has an unsafe URL');
      w.run(a, 'git', unset, { cwd: a.source });
      expect(okReport(await syncHost(w, a, backend)).status).toBe('success');
      expect(w.readRemote('dot_bashrc')).toContain(`KEPT=${set[2]}`);
    }
    m.expectAbsent();
  });

  it('a harmless-looking URL rewritten to ext:: by url.*.insteadOf: git itself refuses the transport; nothing runs, the error says why', async () => {
    const { w, a } = await syncedWorld(backend);
    const m = await useMarker();
    // String validation sees https://dotfiles.example/x; git would run ext:: without GIT_ALLOW_PROTOCOL.
    w.run(a, 'git', ['config', `url.ext::sh -c touch% ${m.path} #.insteadOf`, 'https://dotfiles.example/'], { cwd: a.source });
    w.run(a, 'git', ['config', 'protocol.ext.allow', 'always'], { cwd: a.source });
    w.run(a, 'git', ['remote', 'set-url', 'origin', 'https://dotfiles.example/x'], { cwd: a.source });
    w.writeHome(a, '.bashrc', '# bashrc\nexport KEPT=2\n');
    const r = await syncHost(w, a, backend, { repoUrl: undefined as unknown as string });
    m.expectAbsent();
    expect(r.result._unsafeUnwrapErr()).toMatchObject({ kind: 'unsafe-state', state: 'transport-not-allowed' });
    expect(r.result._unsafeUnwrapErr().message).toContain('"ext"');
    expect(readFileSync(join(a.stateDir, 'last-sync-status'), 'utf8').trim()).toBe('error');
    // The edit is committed locally and still in HOME.
    expect(w.run(a, 'git', ['log', '--all', '-p', '--format='], { cwd: a.source }).stdout).toContain('KEPT=2');
    expect(w.readHome(a, '.bashrc')).toContain('KEPT=2');
    const d = cli(['doctor', '--backend', backend], { env: a.env });
    expect(d.stdout).toContain("transport 'ext' not allowed");
    m.expectAbsent();
  });

  it("the backend's own fetch, called directly with an ext:: remote the engine never checked, is refused by git", async () => {
    const { w, a } = await syncedWorld(backend);
    const m = await useMarker();
    w.run(a, 'git', ['remote', 'add', 'evil', `ext::sh -c touch% ${m.path}`], { cwd: a.source });
    w.run(a, 'git', ['config', 'protocol.ext.allow', 'always'], { cwd: a.source });
    const vcs = (await (await realDeps(a, backend)).vcs.open(a.source))._unsafeUnwrap();
    const fetched = await vcs.fetch('evil');
    expect(fetched._unsafeUnwrapErr()).toMatchObject({ kind: 'unsafe-state', state: 'transport-not-allowed' });
    m.expectAbsent();
  });
});

describe('a URL that only looks odd is not refused', () => {
  it('a local path with spaces and unicode clones and syncs (git)', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    const odd = join(w.root, 'my dötfiles repo.git');
    w.run(a, 'git', ['clone', '-q', '--bare', w.remote, odd]);
    const r = okReport(await syncHost(w, a, 'git', { repoUrl: odd }));
    expect(r.status).toBe('success');
    expect(w.readHome(a, '.bashrc')).toContain('EDITOR=vi');
  });
});
