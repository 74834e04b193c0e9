// Runs the BUILT CLI (dist/cli/cli.js) as a subprocess, as a user or a timer would. Builds
// it first when any source file is newer than the bundle (one build at a time, across workers).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const CLI = join(ROOT, 'dist/cli/cli.js');

const newest = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
    const p = join(dir, e.name);
    return Math.max(m, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }, 0);

const stale = (): boolean => !existsSync(CLI) || statSync(CLI).mtimeMs < newest(join(ROOT, 'src'));

const sleep = (ms: number): void => void Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** `npm run build` unless dist/cli/cli.js is newer than every file in src/. */
export const ensureBuilt = (): void => {
  if (!stale()) return;
  const lock = join(tmpdir(), `chezmoi-sync-cli-build-${Buffer.from(ROOT).toString('hex').slice(-24)}`);
  for (let i = 0; ; i++) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (i > 600) throw new Error(`waited too long for ${lock}; remove it if no build is running`);
      sleep(500);
    }
  }
  try {
    if (!stale()) return;
    const r = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`npm run build failed:\n${r.stdout}\n${r.stderr}`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
};

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd?: string;
  /** Run through a symlink of this name (chezmoi-status, chezmoi-show-conflicts). */
  readonly as?: string;
}

let aliasDir: string | undefined;
const aliasPath = (name: string): string => {
  aliasDir ??= mkdtempSync(join(tmpdir(), 'chezmoi-sync-alias-'));
  const p = join(aliasDir, name);
  if (!existsSync(p)) symlinkSync(CLI, p);
  return p;
};

/** Runs `node dist/cli/cli.js ARGS` with exactly `env` (no inherited variables). */
export const cli = (args: readonly string[], o: CliOptions): CliRun => {
  const env = Object.fromEntries(Object.entries(o.env).filter(([, v]) => v !== undefined)) as Record<string, string>;
  const r = spawnSync(process.execPath, [o.as !== undefined ? aliasPath(o.as) : CLI, ...args], {
    env,
    cwd: o.cwd ?? env['HOME'] ?? ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (r.error !== undefined) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
};

/** The one JSON document on stdout (fails the test when stdout holds anything else). */
export const jsonOf = (r: CliRun): Record<string, unknown> & { schema: number; command: string; ok: boolean; exitCode: number } => {
  const doc = JSON.parse(r.stdout) as Record<string, unknown> & { schema: number; command: string; ok: boolean; exitCode: number };
  expect(doc.schema).toBe(1);
  expect(doc.exitCode).toBe(r.code);
  return doc;
};

/** No ANSI escape sequence: what journald and pipes must get. */
export const expectPlain = (text: string): void => {
  expect(text).not.toMatch(/\u001b\[/);
};
