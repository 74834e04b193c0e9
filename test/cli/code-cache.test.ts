// The CLI's compiled code kept between runs (src/cli/code-cache.ts), through the built CLI with
// real tools: written once, used as it is afterwards (also after a sync that held the young
// generation: small-heap.ts puts its V8 flags back first), replaced when damaged, never in the way.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useWorld, type Host, type World } from '../support/world.js';
import { cli, ensureBuilt } from './support/cli.js';

beforeAll(() => ensureBuilt());

const cacheDirOf = (h: Host): string => join(h.env['XDG_CACHE_HOME'] ?? join(h.env['HOME'] ?? '', '.cache'), 'chezmoi-sync', 'v8');
const files = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.bin')) : []);

const syncedEdit = (w: World, h: Host, value: string, env: Record<string, string | undefined> = h.env): void => {
  w.writeHome(h, '.bashrc', (w.readHome(h, '.bashrc') ?? '').replace(/export EDITOR=\S+/, `export EDITOR=${value}`));
  const r = cli(['sync'], { env });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(w.readRemote('dot_bashrc')).toContain(`export EDITOR=${value}`);
};

/** alpha with a clone and HOME applied; its cache dir. */
const clonedAlpha = async (): Promise<{ w: World; a: Host; dir: string }> => {
  const w = await useWorld({ hosts: ['alpha'] });
  const a = w.host('alpha');
  w.cloneWithGit(a);
  w.chezmoiApply(a);
  return { w, a, dir: cacheDirOf(a) };
};

describe('the code cache (built CLI, real tools)', () => {
  it('is written by the first run and then used as it is; a damaged one is replaced and the sync still does its job', async () => {
    const { w, a, dir } = await clonedAlpha();

    syncedEdit(w, a, 'nano');
    expect(files(dir)).toHaveLength(1);
    const file = join(dir, files(dir)[0] ?? '');
    const first = statSync(file);
    expect(first.size).toBeGreaterThan(100_000);
    expect(first.mode & 0o777).toBe(0o600);

    syncedEdit(w, a, 'vim');
    const second = statSync(file);
    expect([second.ino, second.mtimeMs]).toEqual([first.ino, first.mtimeMs]);

    writeFileSync(file, 'not compiled code at all');
    syncedEdit(w, a, 'emacs');
    expect(files(dir)).toHaveLength(1);
    expect(statSync(file).size).toBeGreaterThan(100_000);
    expect(readFileSync(file).includes('not compiled code at all')).toBe(false);
  });

  it('stays out of the way: CHEZMOI_SYNC_CODE_CACHE=0 writes nothing, an unwritable cache dir only costs the cache', async () => {
    const { w, a, dir } = await clonedAlpha();

    syncedEdit(w, a, 'nano', { ...a.env, CHEZMOI_SYNC_CODE_CACHE: '0' });
    expect(existsSync(dir)).toBe(false);

    // The cache dir's parent is a file: nothing can be written there.
    mkdirSync(join(dir, '..', '..'), { recursive: true });
    writeFileSync(join(dir, '..'), 'a file where the cache dir would be');
    syncedEdit(w, a, 'vim');
    expect(readFileSync(join(dir, '..'), 'utf8')).toBe('a file where the cache dir would be');
  });
});
