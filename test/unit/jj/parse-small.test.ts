import { describe, expect, it } from 'vitest';
import { parseOperationId } from '../../../src/backends/jj/parse-operation.js';
import { parseRemoteHead, parseRemoteUrls, parseTrunkAlias } from '../../../src/backends/jj/parse-repo-info.js';
import { compareVersions, parseToolVersion } from '../../../src/backends/jj/parse-version.js';
import { fixture } from './fixtures.js';

describe('small parsers', () => {
  it('reads the operation id', () => {
    expect(parseOperationId(fixture('operation-id.jsonl'))._unsafeUnwrap()).toMatch(/^5602006f9e0c[0-9a-f]{116}$/);
    expect(parseOperationId('"not hex"\n').isErr()).toBe(true);
    expect(parseOperationId('').isErr()).toBe(true);
  });

  it('reads tool versions, dev builds and vendor suffixes included', () => {
    expect(parseToolVersion(fixture('version-jj.txt'), 'jj')._unsafeUnwrap()).toEqual({ text: '0.46.0', version: [0, 46, 0] });
    expect(parseToolVersion(fixture('version-git.txt'), 'git')._unsafeUnwrap()).toEqual({ text: '2.55.0', version: [2, 55, 0] });
    expect(parseToolVersion('jj 0.47.0-8f2a1c3d\n', 'jj')._unsafeUnwrap().text).toBe('0.47.0');
    expect(parseToolVersion('git version 2.39.3 (Apple Git-145)\n', 'git')._unsafeUnwrap().text).toBe('2.39.3');
    expect(parseToolVersion('\u0000\u0001garbage', 'jj')._unsafeUnwrapErr().kind).toBe('parse');
    expect(parseToolVersion('git version 2.55.0', 'jj').isErr()).toBe(true);
  });

  it('compares versions numerically', () => {
    expect(compareVersions([0, 46, 0], [0, 46, 0])).toBe(0);
    expect(compareVersions([0, 9, 0], [0, 46, 0])).toBeLessThan(0);
    expect(compareVersions([1, 0, 0], [0, 46, 3])).toBeGreaterThan(0);
    expect(compareVersions([2, 41, 9], [2, 42, 0])).toBeLessThan(0);
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
