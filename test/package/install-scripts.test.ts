// `npm ci` must not warn that a dependency's install script is not covered by `allowScripts`
// (npm 11 blocks such scripts and ends every install with that notice): each is reviewed in package.json.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

describe('dependency install scripts', () => {
  it('are all approved or denied in package.json allowScripts', () => {
    const out = JSON.parse(execFileSync('npm', ['install-scripts', 'ls', '--json'], { cwd: ROOT, encoding: 'utf8' })) as { allowScripts: unknown[] };
    expect(out.allowScripts).toEqual([]);
  });
});
