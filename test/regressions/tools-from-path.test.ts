// test/cli/demo.test.ts ran the tools from `<repo>/.tools/bin`, which does not exist when
// scripts/ensure-tools finds jj, git and chezmoi already installed: the tests must run the tools
// that are first on PATH (where scripts/check puts what ensure-tools resolved), found one way.
import { readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../deploy/support.js';
import { onPath, toolPath } from '../support/tools.js';

const REPO = resolve(import.meta.dirname, '../..');

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'fixtures' || e.name === 'node_modules' ? [] : files(p);
    return /\.(ts|mjs|js|sh)$/.test(e.name) || (statSync(p).mode & 0o111) !== 0 ? [p] : [];
  });

describe('the tools the tests run', () => {
  it('are the ones on PATH, wherever they are installed', () => {
    const elsewhere = tempDir('tools-elsewhere-');
    for (const t of ['jj', 'git', 'chezmoi'] as const) symlinkSync(toolPath(t), join(elsewhere, t));
    const path = `/nonexistent:relative/dir:${elsewhere}:${process.env['PATH'] ?? ''}`;
    expect((['jj', 'git', 'chezmoi'] as const).map((t) => toolPath(t, path))).toEqual(['jj', 'git', 'chezmoi'].map((t) => join(elsewhere, t)));
    expect(onPath('chezmoi-sync-no-such-tool', path)).toBeUndefined();
    expect(() => toolPath('jj', '/nonexistent')).toThrow(/jj not found on PATH — run the tests through `scripts\/check`/);
  });

  it('are never looked up in a hard-coded directory of the checkout (test/, bench/)', () => {
    const hardCoded = [...files(join(REPO, 'test')), ...files(join(REPO, 'bench'))]
      .filter((f) => /\.tools\/bin/.test(readFileSync(f, 'utf8').replace(/\/\/.*$|^\s*(#|\*).*$/gm, '')))
      .map((f) => f.slice(REPO.length + 1));
    expect(hardCoded).toEqual([]);
  });
});
