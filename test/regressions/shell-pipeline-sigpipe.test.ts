// scripts/install-vcs-tools ran `apt-cache show … | awk '… { print; exit }'` under
// `set -euo pipefail`: when awk stopped reading, apt-cache died of SIGPIPE (exit 141) and the
// whole install — and with it scripts/demo and scripts/check — ended without a message, at random.
// Here the installer's own field readers run against an apt-cache (first on PATH) that writes far
// more than a pipe buffer after the field, many times, under the script's own shell options; and
// every pipeline in the project's shell scripts is checked for a reader that stops early.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../deploy/support.js';

const REPO = resolve(import.meta.dirname, '../..');
const INSTALLER = join(REPO, 'scripts/install-vcs-tools');

/** The text of `name() { … }` as written in a script (up to the closing brace in column 1). */
const functionText = (script: string, name: string): string => {
  const m = new RegExp(`^${name}\\(\\) \\{[^\\n]*\\n[\\s\\S]*?^\\}\\n`, 'm').exec(readFileSync(script, 'utf8'));
  if (m === null) throw new Error(`${name}() not found in ${script}`);
  return m[0];
};

/** An apt-cache record whose asked-for fields come first and ~2 MB of description follows. */
const bigRecord = (): string =>
  [
    'Package: chezmoi',
    'Version: 2.73.3-1',
    'Depends: libc6 (>= 2.34), libfoo1 | libbar2 (>= 1.0), libgcc-s1:any',
    'Description: manage your dotfiles across multiple machines',
    ...Array.from({ length: 40_000 }, (_, i) => ` line ${i} of a long package description, padding it well past 64 KiB`),
    '',
  ].join('\n');

describe('install-vcs-tools: package fields read from a large apt-cache record', () => {
  it('exit 0 with the right values, 40 times in a row, under set -euo pipefail', () => {
    const dir = tempDir('sigpipe-');
    writeFileSync(join(dir, 'record'), bigRecord());
    writeFileSync(join(dir, 'apt-cache'), `#!/bin/sh\nexec cat '${join(dir, 'record')}'\n`);
    chmodSync(join(dir, 'apt-cache'), 0o755);
    const fns = ['die', 'apt_cache_private', 'pkg_field', 'need_pkg', 'lib_deps', 'min_libc'].map((f) => functionText(INSTALLER, f)).join('');
    const program = [
      'set -euo pipefail',
      'PROG=install-vcs-tools APTCONF=/dev/null SUITE=sid MIRROR=m ARCH=amd64',
      fns,
      'for i in $(seq 40); do',
      '  v=$(need_pkg chezmoi); d=$(lib_deps chezmoi | tr "\\n" " "); l=$(min_libc chezmoi)',
      '  [ "$v|$d|$l" = "2.73.3-1|libc6 libfoo1 libgcc-s1 |2.34" ] || { echo "run $i: $v|$d|$l"; exit 3; }',
      'done',
      'echo done',
    ].join('\n');
    const r = spawnSync('bash', ['--norc', '--noprofile', '-c', program], { encoding: 'utf8', env: { PATH: `${dir}:${process.env['PATH'] ?? ''}` } });
    expect({ status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr }).toEqual({ status: 0, signal: null, stdout: 'done\n', stderr: '' });
  });
});

const SCRIPT_DIRS = ['scripts', 'nix/tools', 'bench', '.ci'];

const shellScripts = (): string[] =>
  SCRIPT_DIRS.flatMap((d) => readdirSync(join(REPO, d)).map((f) => join(REPO, d, f)))
    .filter((p) => existsSync(p) && statSync(p).isFile() && /^#!.*\b(ba)?sh\b/.test(readFileSync(p, 'utf8').split('\n')[0] ?? ''));

/** Commands after a `|` that stop reading before their input ends. */
const EARLY_READER = /(?<!\|)\|(?!\|)\s*(head\b|grep\s+(-\w+\s+)*-\w*q|awk\b[^|]*\bexit\b|sed\b[^|]*[\d;{\s']q\b)/;

/** Each pipeline on one line: comments dropped, lines ending in `|` or `\` joined to the next. */
const pipelines = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => (/^\s*#/.test(l) ? '' : l))
    .join('\n')
    .replace(/(\||\\)\s*\n\s*/g, (_m, c: string) => (c === '|' ? '| ' : ' '))
    .split('\n');

describe('shell scripts of the project', () => {
  it('have no pipeline whose reader stops early (its producer would die of SIGPIPE under pipefail)', () => {
    const scripts = shellScripts();
    expect(scripts.map((s) => s.slice(REPO.length + 1))).toEqual(expect.arrayContaining(['scripts/install-vcs-tools', 'scripts/ensure-tools', 'nix/tools/ensure-nix-instantiate']));
    const found = scripts.flatMap((s) => pipelines(readFileSync(s, 'utf8')).filter((l) => EARLY_READER.test(l)).map((l) => `${s.slice(REPO.length + 1)}: ${l.trim()}`));
    expect(found).toEqual([]);
  });

  it('the check itself finds the pattern that broke the installer', () => {
    expect(pipelines("x() {\n\tapt-cache show p |\n\t\tawk '{ print; exit }'\n}").some((l) => EARLY_READER.test(l))).toBe(true);
    expect(['a | head -n1', 'a | grep -qE x', 'a | grep -E -q x', "a | sed -n '/x/{p;q}'", 'a | sed 3q'].every((l) => EARLY_READER.test(l))).toBe(true);
    expect(["a | awk 'NR==1'", "a | sed -n 's/x/y/p'", 'a | grep -E x', 'a | sort -V', 'a || grep -q x f'].some((l) => EARLY_READER.test(l))).toBe(false);
  });
});
