// `chezmoi source-path` remembered between runs (src/backends/chezmoi/source-path-memo.ts): asked
// once, then not again while chezmoi's config and every `.chezmoiroot` around the answer are
// unchanged — and a changed `sourceDir`, an added or edited `.chezmoiroot`, is seen at once.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { clearOfTheHour } from '../support/hour.js';
import { chezmoiCli } from '../../src/backends/chezmoi/index.js';
import { execaRunner, type Runner } from '../../src/backends/process/runner.js';
import { useWorld } from '../support/world.js';

/** The memo trusts nothing changed in the last 2 s (a change in the same timestamp tick would not show). */
const settle = () => new Promise((r) => setTimeout(r, 2_100));


// The remembered source path expires on the hour (test/support/hour.ts).
beforeEach(clearOfTheHour, 90_000);
describe("chezmoi's source path, remembered (real chezmoi)", () => {
  it('asks chezmoi once, then again only when the config or a .chezmoiroot changed', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    mkdirSync(a.source, { recursive: true });
    let asked = 0;
    const runner: Runner = (c) => {
      if (c.args.includes('source-path')) asked++;
      return execaRunner(c);
    };
    // Each sync builds a new adapter: what is remembered lives in the cache dir, not in the object.
    const sourcePath = async (): Promise<string> => {
      const r = await chezmoiCli({ config: a.chezmoiConfig, destination: a.home, env: a.env, cacheDir: join(a.stateDir, 'cache'), runner }).sourcePath();
      if (r.isErr()) throw new Error(r.error.message);
      return r.value;
    };
    const askedDuring = async (): Promise<{ path: string; asked: number }> => {
      asked = 0;
      const path = await sourcePath();
      return { path, asked };
    };

    await settle();
    expect(await askedDuring()).toEqual({ path: a.source, asked: 1 });
    expect(await askedDuring()).toEqual({ path: a.source, asked: 0 });

    // A .chezmoiroot added to the working tree moves the source below it.
    mkdirSync(join(a.source, 'home'));
    writeFileSync(join(a.source, '.chezmoiroot'), 'home\n');
    expect(await askedDuring()).toEqual({ path: join(a.source, 'home'), asked: 1 });
    await settle();
    expect(await askedDuring()).toEqual({ path: join(a.source, 'home'), asked: 1 });
    expect(await askedDuring()).toEqual({ path: join(a.source, 'home'), asked: 0 });
    // Edited in place (same directory entries): seen too.
    mkdirSync(join(a.source, 'dots'));
    writeFileSync(join(a.source, '.chezmoiroot'), 'dots\n');
    expect(await askedDuring()).toEqual({ path: join(a.source, 'dots'), asked: 1 });
    rmSync(join(a.source, '.chezmoiroot'));
    expect(await askedDuring()).toEqual({ path: a.source, asked: 1 });

    // Another sourceDir in chezmoi's config.
    const elsewhere = join(a.home, 'dotfiles');
    mkdirSync(elsewhere);
    writeFileSync(a.chezmoiConfig, `sourceDir = ${JSON.stringify(elsewhere)}\n`);
    expect(await askedDuring()).toEqual({ path: elsewhere, asked: 1 });
  });
});
