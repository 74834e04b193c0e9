import { describe, expect, it } from 'vitest';
import { codeCacheDir, codeCacheName } from '../../../src/cli/code-cache.js';

describe('codeCacheDir', () => {
  it('is the XDG cache dir, else ~/.cache; relative values are not places; CHEZMOI_SYNC_CODE_CACHE=0 turns it off', () => {
    expect(codeCacheDir({ XDG_CACHE_HOME: '/c', HOME: '/h' })).toBe('/c/chezmoi-sync/v8');
    expect(codeCacheDir({ HOME: '/h' })).toBe('/h/.cache/chezmoi-sync/v8');
    expect(codeCacheDir({ XDG_CACHE_HOME: 'rel', HOME: '/h' })).toBe('/h/.cache/chezmoi-sync/v8');
    expect(codeCacheDir({ HOME: 'rel' })).toBeUndefined();
    expect(codeCacheDir({})).toBeUndefined();
    expect(codeCacheDir({ HOME: '/h', CHEZMOI_SYNC_CODE_CACHE: '0' })).toBeUndefined();
  });
});

describe('codeCacheName', () => {
  const st = { ino: 7, size: 900_000, mtimeMs: 1.5 };
  const rt = { version: 'v20.20.2', arch: 'x64', flags: '' };
  it('names one file per bundle, node and flags', () => {
    const name = codeCacheName('/p/run.cjs', st, rt);
    expect(name).toMatch(/^run-[0-9a-f]{16}\.bin$/);
    expect(codeCacheName('/p/run.cjs', { ...st }, { ...rt })).toBe(name);
    const others = [
      codeCacheName('/q/run.cjs', st, rt),
      codeCacheName('/p/run.cjs', { ...st, ino: 8 }, rt),
      codeCacheName('/p/run.cjs', { ...st, size: 900_001 }, rt),
      codeCacheName('/p/run.cjs', { ...st, mtimeMs: 2 }, rt),
      codeCacheName('/p/run.cjs', st, { ...rt, version: 'v20.20.3' }),
      codeCacheName('/p/run.cjs', st, { ...rt, arch: 'arm64' }),
      codeCacheName('/p/run.cjs', st, { ...rt, flags: '--max-semi-space-size=1' }),
    ];
    expect(new Set([name, ...others]).size).toBe(others.length + 1);
  });
});
