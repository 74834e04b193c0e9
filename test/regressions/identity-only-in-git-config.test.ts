// Regression: a person whose name and email are set only in git's config (most people) and who
// never configured jj. The first sync after a HOME edit committed with jj's empty identity, then
// jj refused to push (`Won't push commit … since it has no author and/or committer set`) with a
// hint that did not work. Commits now carry git's identity; authorless commits an earlier version
// made are repaired before the push; with no identity anywhere the sync stops before committing.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { okReport, setUpHost, syncHost, type RealBackend } from '../support/engine.js';
import { hostIdentity, useWorld, type Host, type World } from '../support/world.js';

/** Author and committer of every commit on the remote's main that is not the seed, newest first. */
const remoteIdentities = (w: World, h: Host): string[] =>
  w
    .run(h, 'git', ['--git-dir', w.remote, 'log', '--format=%an <%ae> | %cn <%ce>', 'refs/heads/main'])
    .stdout.split('\n')
    .filter((l) => l.length > 0 && !l.startsWith('Seed <'));

const expected = (h: Host): string => {
  const id = hostIdentity(h.name);
  return `${id.name} <${id.email}> | ${id.name} <${id.email}>`;
};

describe.each<RealBackend>(['jj', 'git'])('identity only in git config, no identity variables (%s)', (backend) => {
  it('a HOME edit is committed with the git identity and published', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    const jjConfig = readFileSync(a.env['JJ_CONFIG'] ?? '', 'utf8');
    setUpHost(w, a);
    okReport(await syncHost(w, a, backend));
    w.writeHome(a, '.bashrc', '# bashrc\nexport FROM_ALPHA=1\n');

    const r = okReport(await syncHost(w, a, backend));

    expect(r.status).toBe('success');
    expect(r.published).toBe(1);
    expect(w.readRemote('dot_bashrc')).toBe('# bashrc\nexport FROM_ALPHA=1\n');
    expect(remoteIdentities(w, a)).toEqual([expected(a)]);
    // The person's jj config was only read, never written.
    expect(readFileSync(a.env['JJ_CONFIG'] ?? '', 'utf8')).toBe(jjConfig);
  });
});

describe.each([false, true])('an authorless unpublished commit left by an earlier version (jj, main moved meanwhile: %s)', (incoming) => {
  it('is given the git identity and published by the next sync', async () => {
    const w = await useWorld({ hosts: ['alpha', 'beta'] });
    const [a, b] = [w.host('alpha'), w.host('beta')];
    setUpHost(w, a);
    setUpHost(w, b);
    okReport(await syncHost(w, a, 'jj'));
    // What an earlier version did: commit with jj's empty identity, then fail to push.
    w.writeSource(a, 'dot_bashrc', '# bashrc\nexport EARLIER=1\n');
    w.run(a, 'jj', ['commit', '-m', 'made without an identity'], { cwd: a.source });
    const authors = w.run(a, 'jj', ['log', '--no-graph', '-r', '@-', '-T', 'author.name() ++ "|" ++ committer.name()'], { cwd: a.source }).stdout;
    expect(authors).toBe('|');
    if (incoming) {
      // Another machine moved main: the authorless commit is rebased before it is published.
      okReport(await syncHost(w, b, 'git'));
      w.writeHome(b, '.config/nvim/init.lua', '-- nvim\nvim.o.number = false\n');
      okReport(await syncHost(w, b, 'git'));
    }

    const r = okReport(await syncHost(w, a, 'jj'));

    expect(r.status).toBe('success');
    expect(w.readRemote('dot_bashrc')).toBe('# bashrc\nexport EARLIER=1\n');
    expect(remoteIdentities(w, a)).toEqual(incoming ? [expected(a), expected(b)] : [expected(a)]);
    if (incoming) expect(w.readRemote('dot_config/nvim/init.lua')).toBe('-- nvim\nvim.o.number = false\n');
  });
});

describe.each<RealBackend>(['jj', 'git'])('no identity anywhere (%s)', (backend) => {
  it('receives without one, stops with a clear error before committing a HOME edit, and loses nothing', async () => {
    const w = await useWorld({ hosts: ['alpha'], identity: 'none' });
    const a = w.host('alpha');
    setUpHost(w, a);
    // Nothing to commit: no identity needed.
    expect(okReport(await syncHost(w, a, backend)).status).toBe('success');
    w.writeHome(a, '.bashrc', '# bashrc\nexport UNSAVED=1\n');

    const r = await syncHost(w, a, backend);

    const e = r.result._unsafeUnwrapErr();
    expect(e).toMatchObject({ kind: 'invalid-input', field: 'identity' });
    expect(e.message).toMatch(/no name and email/);
    expect(e.hint).toContain('git config --global user.name');
    expect(w.readHome(a, '.bashrc')).toBe('# bashrc\nexport UNSAVED=1\n');
    expect(w.readRemote('dot_bashrc')).toBe('# bashrc\nexport EDITOR=vi\nalias ll="ls -l"\n');
    // Nothing was committed with an empty identity.
    const log = w.run(a, 'git', ['log', '--format=%an|%cn', 'HEAD'], { cwd: a.source }).stdout;
    expect(log.split('\n').filter((l) => l.length > 0)).toEqual(['Seed|Seed']);

    // Once the person configures git, the edit goes out with that identity.
    const id = hostIdentity(a.name);
    const gitConfig = a.env['GIT_CONFIG_GLOBAL'] ?? '';
    writeFileSync(gitConfig, `[user]\n\tname = ${id.name}\n\temail = ${id.email}\n${readFileSync(gitConfig, 'utf8')}`);
    expect(okReport(await syncHost(w, a, backend)).status).toBe('success');
    expect(w.readRemote('dot_bashrc')).toBe('# bashrc\nexport UNSAVED=1\n');
    expect(remoteIdentities(w, a)).toEqual([expected(a)]);
  });
});
