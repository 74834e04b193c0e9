// The packed npm package, installed once per test run the way a user installs it: `npm pack`
// of the built tree, then `npm install <tgz>` into a consumer dir. Every acceptance test file
// drives the bins from there. Test files run in separate processes, so the install is shared
// through a directory keyed by a hash of what was packed, built under a lock.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from '../../cli/support/cli.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const PREFIX = 'chezmoi-sync-acceptance-';

/** The installed package's bins. */
export interface PackedBins {
  readonly dir: string;
  readonly sync: string;
  readonly status: string;
  readonly conflicts: string;
}

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));

/** What `npm pack` would ship, hashed: the install is redone only when it changes. */
const packKey = (): string => {
  const h = createHash('sha256');
  for (const f of ['package.json', ...files(join(ROOT, 'dist')).map((p) => p.slice(ROOT.length + 1))].sort()) {
    h.update(`${f}\0`);
    h.update(readFileSync(join(ROOT, f)));
  }
  return h.digest('hex').slice(0, 16);
};

const sleep = (ms: number): void => void Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

const binsIn = (dir: string): PackedBins => {
  const bin = join(dir, 'node_modules/.bin');
  return { dir, sync: join(bin, 'chezmoi-sync'), status: join(bin, 'chezmoi-status'), conflicts: join(bin, 'chezmoi-show-conflicts') };
};

const install = (dir: string): void => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' })) as { filename: string }[];
  const tgz = join(dir, packed[0]?.filename ?? '');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'dotfiles-user', version: '1.0.0', private: true }));
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', tgz], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  writeFileSync(join(dir, 'ready'), new Date().toISOString());
};

/**
 * Installs of other builds are dead weight in tmp: removed when a new one is made, once they are
 * an hour old (a concurrent run of an older build may still be using a younger one).
 */
const removeStale = (keep: string): void => {
  for (const e of readdirSync(tmpdir())) {
    const p = join(tmpdir(), e);
    if (!e.startsWith(PREFIX) || p === keep || e.endsWith('.lock') || existsSync(`${p}.lock`)) continue;
    try {
      if (Date.now() - statSync(p).mtimeMs < 3_600_000) continue;
      rmSync(p, { recursive: true, force: true });
    } catch {
      // Gone meanwhile (another run cleaned it): nothing to do.
    }
  }
};

/**
 * Builds when needed, then packs and installs the package once for all acceptance test files
 * of this build; returns the installed bins.
 */
export const packedBins = (): PackedBins => {
  ensureBuilt();
  const dir = join(tmpdir(), `${PREFIX}${packKey()}`);
  if (existsSync(join(dir, 'ready'))) return binsIn(dir);
  const lock = `${dir}.lock`;
  for (let i = 0; ; i++) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than 10 minutes belongs to a run that died.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 600_000) rmSync(lock, { recursive: true, force: true });
      if (i > 1200) throw new Error(`waited too long for ${lock}`);
      sleep(250);
    }
  }
  try {
    if (!existsSync(join(dir, 'ready'))) {
      install(dir);
      removeStale(dir);
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
  return binsIn(dir);
};
