// The packed npm package, installed the way a user installs it, driven through its bins and
// imported with both `import` and `require` — the artifact, not the source tree.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../cli/support/cli.js';

const ROOT = resolve(import.meta.dirname, '../..');
let dir = '';
let bin = '';

const run = (file: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env) =>
  spawnSync(file, [...args], { cwd: dir, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'chezmoi-sync-packed-'));
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' })) as { filename: string; files: { path: string }[] }[];
  const tgz = join(dir, packed[0]?.filename ?? '');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', tgz], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  bin = join(dir, 'node_modules/.bin');
}, 300_000);

afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

describe('the packed package', () => {
  it('ships dist, docs and README, and no tests or tools', () => {
    const listing = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: ROOT, encoding: 'utf8' })) as { files: { path: string }[] }[];
    const files = (listing[0]?.files ?? []).map((f) => f.path);
    expect(files).toContain('dist/cli/cli.js');
    expect(files).toContain('dist/cli/run.cjs');
    expect(files).toContain('dist/index.d.ts');
    expect(files).toContain('docs/cli.md');
    expect(files.some((f) => f.startsWith('test/') || f.startsWith('src/') || f.startsWith('.tools/'))).toBe(false);
  });

  it('installs three bins that print the version and help', () => {
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    expect(run(join(bin, 'chezmoi-sync'), ['--version']).stdout.trim()).toBe(version);
    for (const name of ['chezmoi-status', 'chezmoi-show-conflicts']) {
      const r = run(join(bin, name), ['--help']);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('chezmoi-sync');
    }
    const bad = run(join(bin, 'chezmoi-sync'), ['--no-such-flag']);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('resolves for import and require, with the testing subpath', () => {
    const esm = run('node', ['--input-type=module', '-e', "const m = await import('chezmoi-sync'); const t = await import('chezmoi-sync/testing'); console.log(typeof m.runSync, typeof m.jjFactory, typeof t.memoryMachine)"]);
    expect(esm.stdout.trim()).toBe('function function function');
    const cjs = run('node', ['-e', "const m = require('chezmoi-sync'); const t = require('chezmoi-sync/testing'); console.log(typeof m.runSync, typeof m.gitFactory, typeof t.MemoryRemote)"]);
    expect(cjs.stdout.trim()).toBe('function function function');
  });

  it('type-checks a consumer that uses the SDK and the testing subpath', () => {
    writeFileSync(
      join(dir, 'use.ts'),
      [
        "import { runSync, type SyncReport, type SyncError } from 'chezmoi-sync';",
        "import { MemoryFs, MemoryRemote, memoryMachine } from 'chezmoi-sync/testing';",
        'const fs = new MemoryFs();',
        "const m = memoryMachine({ fs, remotes: { 'ssh://h/x.git': new MemoryRemote({ files: {} }) }, host: 'h' });",
        "export const go = async (): Promise<SyncReport | SyncError> => (await runSync(m.deps, { host: 'h', stateDir: '/s' })).match((r) => r, (e) => e);",
      ].join('\n'),
    );
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: false, types: [] }, files: ['use.ts'] }));
    const tsc = run('node', [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', '.']);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });

  it('runs the demo end to end from the installed bin', () => {
    const r = run(join(bin, 'chezmoi-sync'), ['demo', '--json']);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as { schema: number; command: string; ok: boolean };
    expect(doc).toMatchObject({ schema: 1, command: 'demo', ok: true });
  });
});
