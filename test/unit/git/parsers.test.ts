// The git parsers on real captured output (test/fixtures/git/, git 2.55).
import { describe, expect, it } from 'vitest';
import { parseNameStatus } from '../../../src/backends/git/parse-diff.js';
import { parseLocation } from '../../../src/backends/git/location.js';
import { parseLog, parseSides } from '../../../src/backends/git/parse-log.js';
import { parsePushPorcelain } from '../../../src/backends/git/parse-push.js';
import { parseBranches, parseRemoteUrls } from '../../../src/backends/git/parse-refs.js';
import { parseStatusV2, parseWorkTree } from '../../../src/backends/git/parse-status.js';
import { fixture } from './fixtures.js';

const SEED = 'ab34c1f4ac737d8d7ac64fad3b642455805ca9e6';
const ALPHA = '4805b35f2fd282dbc874078887fd8b9185043643';
const UNICODE_PATH = 'dot_config/my app/é "quoted".conf';

describe('parseStatusV2', () => {
  it('reads every kind of change, with odd path names verbatim', () => {
    expect(parseStatusV2(fixture('status-v2-renames.z'))._unsafeUnwrap()).toEqual([
      { path: 'dot_gitconfig', kind: 'modified' },
      { path: 'dot_profile', kind: 'deleted' },
      { path: 'dot_vimrc_renamed', kind: 'renamed' },
      { path: 'dot_zshrc', kind: 'added' },
      { path: UNICODE_PATH, kind: 'added' },
      { path: 'tab\tname', kind: 'added' },
    ]);
  });

  it('reports a rename as a deletion and an addition with --no-renames', () => {
    const changes = parseStatusV2(fixture('status-v2-no-renames.z'))._unsafeUnwrap();
    expect(changes).toContainEqual({ path: 'dot_vimrc', kind: 'deleted' });
    expect(changes).toContainEqual({ path: 'dot_vimrc_renamed', kind: 'added' });
    expect(changes).toHaveLength(7);
  });

  it('marks unmerged paths as conflicted', () => {
    expect(parseStatusV2(fixture('status-v2-unmerged.z'))._unsafeUnwrap()).toEqual([
      { path: 'dot_bashrc', kind: 'conflicted' },
      { path: 'untracked.txt', kind: 'added' },
    ]);
  });

  it('is empty for a clean tree and refuses garbage', () => {
    expect(parseStatusV2('')._unsafeUnwrap()).toEqual([]);
    expect(parseStatusV2('1 .M N...\0')._unsafeUnwrapErr()).toMatchObject({ kind: 'parse' });
    expect(parseStatusV2('On branch main\nnothing to commit\n')._unsafeUnwrapErr()).toMatchObject({ kind: 'parse' });
  });
});

describe('parseWorkTree', () => {
  it('sets apart the submodules whose checkout is not what the index holds, and the repositories cloned inside; what the person staged is a change', () => {
    // p1: checkout behind the pointer; p2: a file edited in it; p3: moved and `git add`ed; p4: its directory gone; cloned: no submodule.
    expect(parseWorkTree(fixture('status-v2-submodules.z'))._unsafeUnwrap()).toEqual({
      changes: [
        { path: 'dot_zsh/p3', kind: 'modified' },
        { path: 'x', kind: 'modified' },
        { path: 'new-file', kind: 'added' },
      ],
      submodules: ['dot_zsh/p1', 'dot_zsh/p2', 'dot_zsh/p4'],
      embedded: ['dot_zsh/cloned'],
    });
  });

  it('has no submodules nor repositories inside on a tree without any', () => {
    expect(parseWorkTree(fixture('status-v2-no-renames.z'))._unsafeUnwrap()).toMatchObject({ submodules: [], embedded: [] });
  });
});

describe('parseNameStatus', () => {
  it('reads additions, changes and deletions, and renames under the new path', () => {
    expect(parseNameStatus(fixture('diff-name-status.z'))._unsafeUnwrap()).toEqual([
      { path: UNICODE_PATH, kind: 'added' },
      { path: 'dot_gitconfig', kind: 'modified' },
      { path: 'dot_profile', kind: 'deleted' },
      { path: 'dot_vimrc', kind: 'deleted' },
      { path: 'dot_vimrc_renamed', kind: 'added' },
      { path: 'dot_zshrc', kind: 'added' },
      { path: 'tab\tname', kind: 'added' },
    ]);
    expect(parseNameStatus(fixture('diff-name-status-renames.z'))._unsafeUnwrap()).toContainEqual({ path: 'dot_vimrc_renamed', kind: 'renamed' });
    expect(parseNameStatus('')._unsafeUnwrap()).toEqual([]);
    expect(parseNameStatus('M\0')._unsafeUnwrapErr()).toMatchObject({ kind: 'parse' });
  });
});

describe('parseLog', () => {
  it('reads ids, parents, author and the whole message', () => {
    const [alpha, seed, ...rest] = parseLog(fixture('log.z'))._unsafeUnwrap();
    expect(rest).toEqual([]);
    expect(alpha).toEqual({
      id: ALPHA,
      changeId: ALPHA,
      description: 'alpha: nano\n\nBody line with "quotes" and ünïcode.',
      author: { name: 'User on alpha', email: 'user@alpha.example', timestamp: '2026-01-02T03:04:05+01:00' },
      parents: [SEED],
    });
    expect(seed).toMatchObject({ id: SEED, description: 'seed dotfiles', parents: [] });
  });

  it('is empty for no commits and refuses a torn record', () => {
    expect(parseLog('')._unsafeUnwrap()).toEqual([]);
    expect(parseLog(`${ALPHA}\0${SEED}\0name\0`)._unsafeUnwrapErr()).toMatchObject({ kind: 'parse' });
    expect(parseLog('not-a-sha\0\0n\0e\0t\0msg\0')._unsafeUnwrapErr()).toMatchObject({ kind: 'parse' });
  });
});

describe('parseBranches and parseRemoteUrls', () => {
  it('merges local and remote-tracking refs by name, keyed by remote, skipping symbolic HEADs', () => {
    expect(parseBranches(fixture('for-each-ref.txt'), ['origin', 'up.stream'])._unsafeUnwrap()).toEqual([
      { name: 'main', target: '9ca036bdc542222a2d2ca7faf4a21890a75782fc', remoteTargets: { origin: ALPHA, 'up.stream': ALPHA } },
      { name: 'sync/alpha', remoteTargets: { origin: ALPHA, 'up.stream': ALPHA } },
    ]);
  });

  it('attributes a remote-tracking ref to the longest remote name that prefixes it', () => {
    const line = (ref: string) => `${ref}\0${ALPHA}\0\n`;
    const out = parseBranches(line('refs/remotes/team/a/main') + line('refs/remotes/team/x'), ['team', 'team/a'])._unsafeUnwrap();
    expect(out).toEqual([
      { name: 'main', remoteTargets: { 'team/a': ALPHA } },
      { name: 'x', remoteTargets: { team: ALPHA } },
    ]);
    expect(parseBranches('refs/heads/main abc\n', [])._unsafeUnwrapErr()).toMatchObject({ kind: 'parse' });
  });

  it('reads remote names (dots included) and their URLs: the fetch URL, and every other one a push may use', () => {
    expect(parseRemoteUrls(fixture('config-remote-urls.z'))._unsafeUnwrap()).toEqual([
      { name: 'origin', url: '/home/user/remote.git', otherUrls: ['git@example.com:user/dots.git'] },
      { name: 'up.stream', url: '../remote.git', otherUrls: ['ssh://mirror.example/dots.git'] },
    ]);
    expect(parseRemoteUrls('')._unsafeUnwrap()).toEqual([]);
    // A push URL without a fetch URL is no remote git can fetch from.
    expect(parseRemoteUrls('remote.half.pushurl\nssh://h/x.git\0')._unsafeUnwrap()).toEqual([]);
    expect(parseRemoteUrls('core.bare\nfalse\0')._unsafeUnwrapErr()).toMatchObject({ kind: 'parse' });
  });
});

describe('parsePushPorcelain', () => {
  it('reads accepted, new, up-to-date and deleted refs', () => {
    expect(parsePushPorcelain(fixture('push-ok.txt'))._unsafeUnwrap()).toEqual([
      { flag: ' ', from: 'refs/heads/main', to: 'refs/heads/main', summary: '4805b35..94ad45e' },
    ]);
    expect(parsePushPorcelain(fixture('push-new-branch.txt'))._unsafeUnwrap()).toEqual([
      { flag: '*', from: 'refs/heads/main', to: 'refs/heads/sync/beta', summary: '[new branch]' },
    ]);
    expect(parsePushPorcelain(fixture('push-up-to-date.txt'))._unsafeUnwrap()[0]).toMatchObject({ flag: '=', summary: '[up to date]' });
    expect(parsePushPorcelain(fixture('push-delete.txt'))._unsafeUnwrap()).toEqual([
      { flag: '-', from: '', to: 'refs/heads/sync/beta', summary: '[deleted]' },
    ]);
  });

  it('reads rejections with their reason', () => {
    expect(parsePushPorcelain(fixture('push-rejected-stale.txt'))._unsafeUnwrap()).toEqual([
      { flag: '!', from: 'refs/heads/main', to: 'refs/heads/main', summary: '[rejected]', reason: 'stale info' },
    ]);
    expect(parsePushPorcelain(fixture('push-rejected-non-ff.txt'))._unsafeUnwrap()[0]).toMatchObject({ flag: '!', reason: 'non-fast-forward' });
    expect(parsePushPorcelain('?\tnonsense\n')._unsafeUnwrapErr()).toMatchObject({ kind: 'parse' });
  });
});

describe('parseLocation', () => {
  it('reads the top and each state file of the git dir, asked from a subdirectory', () => {
    const loc = parseLocation(fixture('locate.txt'), '/home/user/b/sub')._unsafeUnwrap();
    expect(loc.root).toBe('/home/user/b');
    expect(loc.paths).toMatchObject({ 'rebase-merge': '/home/user/b/.git/rebase-merge', BISECT_LOG: '/home/user/b/.git/BISECT_LOG', 'chezmoi-sync-merge': '/home/user/b/.git/chezmoi-sync-merge' });
  });

  it('reads a top whose directory names hold newlines (the git-dir paths are relative, one line each)', () => {
    const odd = fixture('locate.txt').replace('/home/user/b\n', '/home/user/my\nfiles ✓/b\n');
    const loc = parseLocation(odd, '/home/user/my\nfiles ✓/b/sub')._unsafeUnwrap();
    expect(loc.root).toBe('/home/user/my\nfiles ✓/b');
    expect(loc.paths.HEAD).toBe('/home/user/my\nfiles ✓/b/.git/HEAD');
  });

  it('refuses output it cannot line up', () => {
    const shifted = fixture('locate.txt').replace('../.git/HEAD\n', '../.git/HE\nAD\n');
    expect(parseLocation(shifted, '/home/user/b/sub')._unsafeUnwrapErr()).toMatchObject({ kind: 'parse' });
    expect(parseLocation('', '/home/user/b')._unsafeUnwrapErr()).toMatchObject({ kind: 'parse' });
    expect(parseLocation(fixture('locate.txt').replace('/home/user/b\n', ''), '/home/user/b/sub')._unsafeUnwrapErr()).toMatchObject({ kind: 'parse' });
  });
});

describe('parseSides', () => {
  it('splits a --left-right walk of origin/main...main into behind (<) and ahead (>)', () => {
    const { left, right } = parseSides(fixture('log-sides.z'))._unsafeUnwrap();
    expect(left.map((c) => [c.id, c.description.split('\n')[0]])).toEqual([[ALPHA, 'alpha: nano']]);
    expect(right).toMatchObject([{ parents: [SEED], description: 'beta: emacs' }]);
    expect(parseSides('')._unsafeUnwrap()).toEqual({ left: [], right: [] });
  });

  it('refuses a record without a side mark', () => {
    expect(parseSides(fixture('log.z'))._unsafeUnwrapErr()).toMatchObject({ kind: 'parse' });
  });
});
