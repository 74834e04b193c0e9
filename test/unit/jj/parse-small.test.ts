import { describe, expect, it } from 'vitest';
import { parseOperationId } from '../../../src/backends/jj/parse-operation.js';
import { parseRemoteUrls } from '../../../src/backends/git/parse-refs.js';
import { parseRemoteHead, parseTrunkAlias } from '../../../src/backends/jj/parse-repo-info.js';
import { fixture } from './fixtures.js';

describe('small parsers', () => {
  it('reads the operation id', () => {
    expect(parseOperationId(fixture('operation-id.jsonl'))._unsafeUnwrap()).toMatch(/^5602006f9e0c[0-9a-f]{116}$/);
    expect(parseOperationId('"not hex"\n').isErr()).toBe(true);
    expect(parseOperationId('').isErr()).toBe(true);
  });

  it('reads remotes from git config --null, dotted names and credentials kept verbatim', () => {
    expect(parseRemoteUrls(fixture('git-config-remotes.bin'))._unsafeUnwrap()).toEqual([
      { name: 'origin', url: '/home/user/remote.git' },
      { name: 'unreachable', url: 'ssh://127.0.0.1:9/x.git' },
    ]);
    expect(parseRemoteUrls(fixture('git-config-remotes-dotted.bin'))._unsafeUnwrap()[2]).toEqual({
      name: 'dotted.name',
      url: 'https://user:secret@example.com/dots.git',
    });
    expect(parseRemoteUrls('')._unsafeUnwrap()).toEqual([]);
    expect(parseRemoteUrls('core.bare\nfalse\0').isErr()).toBe(true);
  });

  it("reads the remote's default branch and the trunk() alias", () => {
    expect(parseRemoteHead(fixture('git-remote-head.txt'), 'origin')._unsafeUnwrap()).toBe('main');
    expect(parseRemoteHead('refs/remotes/upstream/main\n', 'origin').isErr()).toBe(true);
    expect(parseTrunkAlias(fixture('jj-trunk-alias.txt'), 'origin')).toBe('main');
    expect(parseTrunkAlias('master@origin\n', 'origin')).toBe('master');
    expect(parseTrunkAlias('main@upstream', 'origin')).toBeUndefined();
    expect(parseTrunkAlias('latest(main@origin | master@origin)', 'origin')).toBeUndefined();
  });
});
