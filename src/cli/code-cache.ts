// Loads the CLI's body (dist/cli/run.cjs, one CommonJS bundle) with V8's code cache: the bytecode
// V8 compiled in an earlier run, kept in the user's cache dir. Without it every run compiles the
// same ~900 KB of JavaScript again, function by function as they are first called (Node 20 has no
// compile cache of its own; `module.enableCompileCache` comes with Node 22).
//
// Safe by construction: V8 checks the data against its version, its flags and the source's length
// and rejects what does not fit; the file name also carries the bundle's identity (path, inode,
// size, mtime), node's version and flags, so two builds or two flag sets never share a file. Any
// failure (no HOME, a read-only dir, a full disk) only means compiling as if there were no cache.
import { readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync, type Stats } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join } from 'node:path';
import { Script } from 'node:vm';
import { makeDirsSync } from '../backends/fs/make-dirs.js';

/** Cache files kept per user: the running build's and a few others (two installs used in turn). */
const KEEP = 4;

/** `$XDG_CACHE_HOME/chezmoi-sync/v8`, else `~/.cache/chezmoi-sync/v8`; undefined when turned off. */
export const codeCacheDir = (env: NodeJS.ProcessEnv): string | undefined => {
  if (env['CHEZMOI_SYNC_CODE_CACHE'] === '0') return undefined;
  const xdg = env['XDG_CACHE_HOME'];
  const home = env['HOME'];
  const base = xdg !== undefined && isAbsolute(xdg) ? xdg : home !== undefined && isAbsolute(home) ? join(home, '.cache') : undefined;
  return base === undefined ? undefined : join(base, 'chezmoi-sync', 'v8');
};

/** 32-bit FNV-1a, as 8 hex digits (a name, not a check: V8 checks the data itself). */
const fnv = (s: string): string => {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
};

/** The cache file's name for this bundle under this node, with these flags. */
export const codeCacheName = (bundle: string, st: Pick<Stats, 'ino' | 'size' | 'mtimeMs'>, runtime: { version: string; arch: string; flags: string }): string => {
  const id = [bundle, st.ino, st.size, st.mtimeMs, runtime.version, runtime.arch, runtime.flags].join('\0');
  return `run-${fnv(id)}${fnv(`${id}\0`)}.bin`;
};

const readOptional = (file: string): Buffer | undefined => {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
};

/** Writes the compiled code atomically, then drops the oldest files beyond KEEP. Errors are ignored. */
const store = (dir: string, name: string, data: Buffer): void => {
  try {
    makeDirsSync(dir, 0o700);
    const tmp = join(dir, `.${name}.${process.pid}.tmp`);
    writeFileSync(tmp, data, { mode: 0o600 });
    renameSync(tmp, join(dir, name));
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.bin'))
      .map((f) => ({ f, t: statSync(join(dir, f)).mtimeMs }))
      .sort((a, b) => b.t - a.t);
    for (const { f } of files.slice(KEEP)) unlinkSync(join(dir, f));
  } catch {
    // A cache that cannot be written is a slower next start, nothing more.
  }
};

/**
 * Runs a CommonJS bundle the way `require` would, with V8's code cache from `dir` when there is
 * one, and returns its exports. When there was none (or V8 rejected it), the code compiled by
 * the end of the run is written for the next one, at exit.
 */
export const requireWithCodeCache = (bundle: string, dir: string | undefined): unknown => {
  const source = readFileSync(bundle, 'utf8');
  let name: string | undefined;
  let cached: Buffer | undefined;
  if (dir !== undefined) {
    try {
      const flags = [...process.execArgv, process.env['NODE_OPTIONS'] ?? ''].join(' ');
      name = codeCacheName(bundle, statSync(bundle), { version: process.version, arch: process.arch, flags });
      cached = readOptional(join(dir, name));
    } catch {
      name = undefined;
    }
  }
  const wrapper = `(function (exports, require, module, __filename, __dirname) { ${source}\n});`;
  const script = new Script(wrapper, { filename: bundle, ...(cached !== undefined ? { cachedData: cached } : {}) });
  if (dir !== undefined && name !== undefined && (cached === undefined || script.cachedDataRejected === true)) {
    const cacheName = name;
    process.once('exit', () => store(dir, cacheName, script.createCachedData()));
  }
  const mod = { exports: {} as unknown };
  (script.runInThisContext() as (e: unknown, r: NodeJS.Require, m: unknown, f: string, d: string) => void)(mod.exports, createRequire(bundle), mod, bundle, dirname(bundle));
  return mod.exports;
};
