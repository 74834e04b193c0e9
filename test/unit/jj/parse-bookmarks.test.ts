import { describe, expect, it } from 'vitest';
import { decodeBookmark, parseBookmarks } from '../../../src/backends/jj/parse-bookmarks.js';
import { fixture } from './fixtures.js';

describe('parseBookmarks (jj bookmark list --all-remotes -T BOOKMARK_TEMPLATE)', () => {
  it('groups local and remote targets, skips the git pseudo-remote, leaves conflicted and deleted targets out', () => {
    expect(parseBookmarks(fixture('bookmarks.jsonl'))._unsafeUnwrap()).toEqual([
      { name: 'local-only', target: '4c8327cad584ca94f6a59983551d90b1436ae608', remoteTargets: {} },
      // Conflicted locally after a fetch where both sides moved: no single target.
      { name: 'main', remoteTargets: { origin: '0ec417f5a388cf11f7cd423598e16aadd9ecdd92' } },
      // Deleted locally, still on the remote until the next push.
      { name: 'sync/beta', remoteTargets: { origin: '4c8327cad584ca94f6a59983551d90b1436ae608' } },
    ]);
  });

  it('decodes a conflicted ref as conflicted and a deleted one as targetless', () => {
    expect(decodeBookmark({ name: 'main', target: ['a', 'b', 'c'] })).toEqual({ name: 'main', targets: ['a', 'b', 'c'], conflicted: true });
    expect(decodeBookmark({ name: 'x', remote: 'origin', target: [null] })).toEqual({ name: 'x', remote: 'origin', targets: [], conflicted: false });
    expect(decodeBookmark({ name: 'x', target: 'abc' })).toBeUndefined();
    expect(decodeBookmark({ name: 'x', remote: 3, target: [] })).toBeUndefined();
  });

  it('reads no bookmarks from empty output and refuses human output', () => {
    expect(parseBookmarks('')._unsafeUnwrap()).toEqual([]);
    expect(parseBookmarks('main: qpvuntsm 230dd059 seed\n')._unsafeUnwrapErr().kind).toBe('parse');
  });
});
