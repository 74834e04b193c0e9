// Regression: the remote's default branch is renamed (main → trunk, as a hosting service does it:
// the remote deletes main and points HEAD at trunk). Hosts that cloned before recreated `main` and
// reported success: the fleet split in two. Expected: the sync stops with an error naming both
// branches, recreates nothing, and keeps the local edit (HOME and a local commit); once the host
// follows the remote's HEAD (`git remote set-head origin --auto`) it publishes to trunk.
import { describe, expect, it } from 'vitest';
import { okReport, setUpAndSync, syncHost, type RealBackend } from '../support/engine.js';
import { useWorld, type Host, type World } from '../support/world.js';
import { cli } from '../cli/support/cli.js';

describe.each<RealBackend>(['jj', 'git'])('the remote renames its default branch (%s)', (backend) => {
  it('is never recreated; the sync names both branches and keeps the edit until the host follows', { timeout: 180_000 }, async () => {
    const w = await useWorld({ hosts: ['alpha', 'beta'] });
    const [a, b] = [w.host('alpha'), w.host('beta')];
    await setUpAndSync(w, [a, b], backend);
    w.run(a, 'git', ['--git-dir', w.remote, 'branch', '-m', 'main', 'trunk']);
    w.run(a, 'git', ['--git-dir', w.remote, 'symbolic-ref', 'HEAD', 'refs/heads/trunk']);
    const edited = '# bashrc\nexport EDITOR=alpha\n';
    w.writeHome(a, '.bashrc', edited);

    const stopped = await syncHost(w, a, backend);
    expect(stopped.result.isErr()).toBe(true);
    const e = stopped.result._unsafeUnwrapErr();
    expect(e.kind).toBe('unsafe-state');
    expect(e.message).toMatch(/\bmain\b/);
    expect(e.message).toMatch(/\btrunk\b/);
    expect(w.remoteBranches()).toEqual(['trunk']);
    expect(w.readHome(a, '.bashrc')).toBe(edited);
    expect(w.readSource(a, 'dot_bashrc')).toBe(edited);

    expect((await syncHost(w, b, backend)).result._unsafeUnwrapErr()).toMatchObject({ kind: 'unsafe-state', state: 'trunk-renamed' });
    expect(w.remoteBranches()).toEqual(['trunk']);

    // The person follows the remote, as the error says; the edit is published to trunk.
    for (const h of [a, b]) w.run(h, 'git', ['remote', 'set-head', 'origin', '--auto'], { cwd: h.source });
    expect(okReport(await syncHost(w, a, backend)).status).toBe('success');
    expect(w.readRemote('dot_bashrc', 'trunk')).toBe(edited);
    expect(okReport(await syncHost(w, b, backend)).status).toBe('success');
    expect(w.readHome(b, '.bashrc')).toBe(edited);
    expect(w.remoteBranches()).toEqual(['trunk']);
  });
});

/** A sync as the person runs it (the CLI, which remembers what it asked jj in its state dir): its exit code. */
const cliSync = (h: Host): number => cli(['sync', '-q', '--backend', 'jj'], { env: h.env }).code;

/** The remote renames main to trunk; the host's sync stops until the person follows, then publishes. */
const renameFollowAndSync = (w: World, h: Host): void => {
  w.run(h, 'git', ['--git-dir', w.remote, 'branch', '-m', 'main', 'trunk']);
  w.run(h, 'git', ['--git-dir', w.remote, 'symbolic-ref', 'HEAD', 'refs/heads/trunk']);
  w.writeHome(h, '.bashrc', '# bashrc\nexport EDITOR=alpha\n');
  // Exit 5: the repository must be set right by hand (here: follow the rename).
  expect(cliSync(h)).toBe(5);
  w.run(h, 'git', ['remote', 'set-head', 'origin', '--auto'], { cwd: h.source });
  expect(cliSync(h)).toBe(0);
  expect(w.readRemote('dot_bashrc', 'trunk')).toBe('# bashrc\nexport EDITOR=alpha\n');
};

// jj writes a `trunk()` alias naming the default branch on clone/init (`main@origin`). After the
// rename, once followed, it named a branch the remote no longer has: every jj command of the
// person warned ("Failed to resolve `revset-aliases.trunk()`"), and one whose own import removed
// `main@origin` (after a `git fetch --prune`) was refused ("Invalid
// `revset-aliases.immutable_heads()`"). The sync follows the rename in the alias too.
describe('the remote renames its default branch (jj, the trunk() alias)', () => {
  it("follows the rename in jj's trunk() alias, and the person's jj commands keep working", { timeout: 180_000 }, async () => {
    const w = await useWorld({ hosts: ['alpha', 'beta'] });
    const [a, b] = [w.host('alpha'), w.host('beta')];
    await setUpAndSync(w, [a, b], 'jj');
    expect(w.run(a, 'jj', ['config', 'get', 'revset-aliases."trunk()"'], { cwd: a.source }).stdout.trim()).toBe('main@origin');
    renameFollowAndSync(w, a);

    // beta follows; once its sync has run, the person's jj commands neither warn nor fail, also
    // after a fetch of their own with git.
    expect(cliSync(b)).toBe(5);
    w.run(b, 'git', ['remote', 'set-head', 'origin', '--auto'], { cwd: b.source });
    expect(cliSync(b)).toBe(0);
    for (const h of [a, b]) expect(w.run(h, 'jj', ['config', 'get', 'revset-aliases."trunk()"'], { cwd: h.source }).stdout.trim()).toBe('trunk@origin');
    w.run(b, 'git', ['fetch', '-q', '--prune', 'origin'], { cwd: b.source });
    w.writeSource(b, 'dot_vimrc', '" by hand on beta\n');
    const commit = w.run(b, 'jj', ['commit', '-m', 'vimrc by hand'], { cwd: b.source, allowFail: true });
    expect(commit.stderr).not.toMatch(/trunk\(\)|immutable_heads/);
    expect(commit.status).toBe(0);
    expect(cliSync(b)).toBe(0);
    expect(w.readRemote('dot_vimrc', 'trunk')).toBe('" by hand on beta\n');
    expect(w.remoteBranches()).toEqual(['trunk']);
  });

  it('leaves an alias the person set to another branch the remote has', { timeout: 120_000 }, async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    await setUpAndSync(w, [a], 'jj');
    w.run(a, 'git', ['--git-dir', w.remote, 'branch', 'develop', 'main']);
    w.run(a, 'jj', ['git', 'fetch'], { cwd: a.source });
    w.run(a, 'jj', ['config', 'set', '--repo', 'revset-aliases."trunk()"', 'develop@origin'], { cwd: a.source });
    renameFollowAndSync(w, a);
    expect(w.run(a, 'jj', ['config', 'get', 'revset-aliases."trunk()"'], { cwd: a.source }).stdout.trim()).toBe('develop@origin');
  });
});
