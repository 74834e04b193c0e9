// Helpers for the deployment tests: nix-instantiate and systemd-analyze lookups (failing with
// a hint, never skipping), an independent reading of systemd's unit-file syntax, and a
// throwaway directory per test.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { onTestFinished } from 'vitest';
import { onPath } from '../support/tools.js';

export const REPO = resolve(import.meta.dirname, '../..');

/** nix-instantiate on PATH, else the one scripts/ensure-tools provisions into .tools/nix. */
export const nixInstantiate = (): string => {
  const found = onPath('nix-instantiate') ?? [join(REPO, '.tools/nix/bin/nix-instantiate')].find(existsSync);
  if (found === undefined) {
    throw new Error(
      'nix-instantiate is needed by the Nix tests: run `scripts/ensure-tools` (Debian/Ubuntu: it provisions ' +
        'Debian\'s nix-bin into .tools/nix without root) or install Nix',
    );
  }
  return found;
};

/** Runs nix-instantiate without a store or daemon (dummy://), returning stdout. */
export const nix = (args: readonly string[]): string => {
  const r = spawnSync(nixInstantiate(), [...args], {
    encoding: 'utf8',
    env: { ...process.env, NIX_CONFIG: 'build-users-group =\nstore = dummy://' },
    cwd: REPO,
  });
  if (r.status !== 0) throw new Error(`nix-instantiate ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
};

/** nix-instantiate --eval --strict --json of an expression, parsed. */
export const nixEval = <T>(expr: string): T => JSON.parse(nix(['--eval', '--strict', '--json', '-E', expr])) as T;

/** nix/module.nix evaluated with the stub lib for `configuration` (test/deploy/nix/eval-module.nix). */
export const evalNixosModule = <T>(configuration: unknown, autoUpgrade = true): T =>
  nixEval<T>(
    `import ./test/deploy/nix/eval-module.nix { autoUpgrade = ${autoUpgrade}; configuration = builtins.fromJSON ${nixString(JSON.stringify(configuration))}; }`,
  );

/** A Nix string literal for any JS string. */
export const nixString = (s: string): string => JSON.stringify(s).replace(/\$\{/g, '\\${');

/** systemd-analyze, present on any systemd machine (and here at /usr/bin). */
export const systemdAnalyze = (): string => {
  const found = onPath('systemd-analyze') ?? ['/usr/bin/systemd-analyze', '/bin/systemd-analyze'].find(existsSync);
  if (found === undefined) throw new Error('systemd-analyze is needed to verify unit files: install systemd (Debian: apt-get install systemd)');
  return found;
};

export interface VerifyResult {
  readonly status: number;
  readonly output: string;
}

/** `systemd-analyze [--user] verify` on unit files, offline (fake XDG dirs for --user). */
export const verifyUnits = (files: readonly string[], mode: 'user' | 'system', xdgConfigHome?: string): VerifyResult => {
  const run = tempDir('verify-run-');
  const env: Record<string, string> = { ...(process.env as Record<string, string>), XDG_RUNTIME_DIR: run, SYSTEMD_LOG_COLOR: '0' };
  if (xdgConfigHome !== undefined) env['XDG_CONFIG_HOME'] = xdgConfigHome;
  const args = [...(mode === 'user' ? ['--user'] : []), 'verify', '--man=no', ...files];
  const r = spawnSync(systemdAnalyze(), args, { encoding: 'utf8', env });
  return { status: r.status ?? -1, output: `${r.stdout}${r.stderr}`.trim() };
};

/** A temp dir removed when the test ends. */
export const tempDir = (prefix: string): string => {
  const dir = mkdtempSync(join(tmpdir(), `chezmoi-sync-${prefix}`));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
};

export const mkdirp = (dir: string): string => {
  mkdirSync(dir, { recursive: true });
  return dir;
};

/** `Key=value` lines of a unit file by section, in order. */
export const parseUnitFile = (text: string): Map<string, [string, string][]> => {
  const sections = new Map<string, [string, string][]>();
  let current: [string, string][] | undefined;
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header !== null) {
      current = [];
      sections.set(header[1] ?? '', current);
      continue;
    }
    const eq = line.indexOf('=');
    if (current === undefined || eq < 0) throw new Error(`not a unit file line: ${line}`);
    current.push([line.slice(0, eq), line.slice(eq + 1)]);
  }
  return sections;
};

export const values = (unit: Map<string, [string, string][]>, section: string, key: string): string[] =>
  (unit.get(section) ?? []).filter(([k]) => k === key).map(([, v]) => v);

const C_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', s: ' ', '\\': '\\', '"': '"', "'": "'" };

/**
 * Splits a command line the way systemd.service(5) describes it, written from the manual and
 * not from our quoting code: words separated by spaces, "…" or '…' quoting, C escapes, then
 * `%%` → `%` and, in ExecStart= arguments (not the executable), `$$` → `$`. An unescaped
 * specifier or variable is an error here, because our units must not contain any.
 */
export const splitSystemdWords = (line: string, kind: 'exec' | 'environment'): string[] => {
  const words: string[] = [];
  let i = 0;
  while (i < line.length) {
    while (line[i] === ' ' || line[i] === '\t') i++;
    if (i >= line.length) break;
    let word = '';
    const quote = line[i] === '"' || line[i] === "'" ? line[i] : undefined;
    if (quote !== undefined) i++;
    for (; i < line.length; i++) {
      const c = line[i] ?? '';
      if (quote !== undefined && c === quote) {
        i++;
        break;
      }
      if (quote === undefined && (c === ' ' || c === '\t')) break;
      if (c === '\\') {
        const n = line[++i] ?? '';
        if (n === 'x') {
          word += String.fromCharCode(parseInt(line.slice(i + 1, i + 3), 16));
          i += 2;
        } else if (n === 'u') {
          word += String.fromCharCode(parseInt(line.slice(i + 1, i + 5), 16));
          i += 4;
        } else if (C_ESCAPES[n] !== undefined) word += C_ESCAPES[n];
        else throw new Error(`unknown escape \\${n} in ${line}`);
        continue;
      }
      word += c;
    }
    words.push(unspecify(word, kind === 'exec' && words.length > 0));
  }
  return words;
};

const unspecify = (word: string, dollars: boolean): string => {
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const c = word[i];
    const n = word[i + 1];
    if (c === '%') {
      if (n !== '%') throw new Error(`unescaped specifier %${n ?? ''} in ${word}`);
      out += '%';
      i++;
    } else if (c === '$' && dollars) {
      if (n !== '$') throw new Error(`unescaped variable $${n ?? ''} in ${word}`);
      out += '$';
      i++;
    } else out += c ?? '';
  }
  return out;
};

/** Environment= lines → variables. */
export const environmentOf = (unit: Map<string, [string, string][]>): Record<string, string> =>
  Object.fromEntries(
    values(unit, 'Service', 'Environment')
      .flatMap((v) => splitSystemdWords(v, 'environment'))
      .map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]),
  );

/** Runs a file, no shell; returns status and output. */
export const runFile = (file: string, args: readonly string[], env: Record<string, string>, cwd?: string) => {
  const r = spawnSync(file, [...args], { encoding: 'utf8', env, ...(cwd !== undefined ? { cwd } : {}) });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
};

export const gitShow = (repo: string, spec: string): string =>
  execFileSync('git', ['--git-dir', repo, 'show', spec], { encoding: 'utf8' });
