// The one `--version` reader and comparison shared by the jj, git and chezmoi adapters.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareVersions, parseToolVersion } from '../../src/backends/tool-version.js';
import { fixture as gitFixture } from './git/fixtures.js';
import { fixture as jjFixture } from './jj/fixtures.js';

const chezmoiFixture = (name: string): string => readFileSync(join(import.meta.dirname, '../fixtures/chezmoi', name), 'utf8');

describe('parseToolVersion', () => {
  it('reads jj and git versions, dev builds and vendor suffixes included', () => {
    expect(parseToolVersion(jjFixture('version-jj.txt'), 'jj')._unsafeUnwrap()).toEqual({ text: '0.46.0', version: [0, 46, 0] });
    expect(parseToolVersion(jjFixture('version-git.txt'), 'git')._unsafeUnwrap()).toEqual({ text: '2.55.0', version: [2, 55, 0] });
    expect(parseToolVersion(gitFixture('version.txt'), 'git')._unsafeUnwrap()).toEqual({ text: '2.55.0', version: [2, 55, 0] });
    expect(parseToolVersion('jj 0.47.0-8f2a1c3d\n', 'jj')._unsafeUnwrap().text).toBe('0.47.0');
    expect(parseToolVersion('git version 2.39.3 (Apple Git-145)\n', 'git')._unsafeUnwrap().text).toBe('2.39.3');
    expect(parseToolVersion('git version 2.45.1.windows.1\n', 'git')._unsafeUnwrap().text).toBe('2.45.1');
  });

  it('reads the chezmoi Debian build string and plain releases', () => {
    expect(parseToolVersion(chezmoiFixture('version.txt'), 'chezmoi')._unsafeUnwrap().text).toBe('2.73.3');
    expect(parseToolVersion('chezmoi version 2.71.0, commit abc\n', 'chezmoi')._unsafeUnwrap().text).toBe('2.71.0');
  });

  it('refuses output without a version, or of another tool', () => {
    expect(parseToolVersion('\u0000\u0001garbage', 'jj')._unsafeUnwrapErr().kind).toBe('parse');
    expect(parseToolVersion('git version 2.55.0', 'jj').isErr()).toBe(true);
    expect(parseToolVersion('hub version 2.14.2\n', 'git')._unsafeUnwrapErr()).toMatchObject({ kind: 'parse' });
    expect(parseToolVersion('chezmoi version dev\n', 'chezmoi')._unsafeUnwrapErr().kind).toBe('parse');
    expect(parseToolVersion('', 'chezmoi')._unsafeUnwrapErr().kind).toBe('parse');
  });
});

describe('compareVersions', () => {
  it('compares numerically, part by part', () => {
    expect(compareVersions([0, 46, 0], [0, 46, 0])).toBe(0);
    expect(compareVersions([0, 9, 0], [0, 46, 0])).toBeLessThan(0);
    expect(compareVersions([1, 0, 0], [0, 46, 3])).toBeGreaterThan(0);
    expect(compareVersions([2, 41, 9], [2, 42, 0])).toBeLessThan(0);
    expect(compareVersions([2, 39, 5], [2, 34, 0])).toBeGreaterThan(0);
  });

  it('compares dotted text the same way', () => {
    expect(compareVersions('2.73.3', '2.71.0')).toBeGreaterThan(0);
    expect(compareVersions('2.9.0', '2.71.0')).toBeLessThan(0);
    expect(compareVersions('2.71', '2.71.0')).toBe(0);
  });
});
