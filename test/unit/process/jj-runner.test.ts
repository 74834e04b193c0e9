// The jj backend's process plumbing against fake executables: what happens when the tool is
// missing, too old, crashes, prints garbage or hangs.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jjFactory } from '../../../src/backends/jj/index.js';
import { fakeGit, fakeTool, tempDir } from './fake-tools.js';

// A jj that knows its version, finds a "repo" anywhere, and prints garbage or hangs elsewhere.
const fakeJj = (dir: string, rest: string, version = '0.46.0'): string =>
  fakeTool(
    dir,
    'jj',
    [
      `[ "$1" = "--version" ] && { echo "jj ${version}"; exit 0; }`,
      'for a in "$@"; do [ "$a" = root ] && { pwd; exit 0; }; done',
      rest,
    ].join('\n'),
  );

describe('jj backend runner with fake executables', () => {
  it('reports a missing jj binary as tool-missing', async () => {
    const dir = tempDir();
    const r = await jjFactory({ binary: join(dir, 'nope'), gitBinary: fakeGit(dir) }).check();
    expect(r._unsafeUnwrapErr()).toMatchObject({ kind: 'tool-missing', tool: 'jj' });
  });

  it('reports a missing git binary as tool-missing', async () => {
    const dir = tempDir();
    const r = await jjFactory({ binary: fakeJj(dir, 'exit 1'), gitBinary: join(dir, 'no-git') }).check();
    expect(r._unsafeUnwrapErr()).toMatchObject({ kind: 'tool-missing', tool: 'git' });
  });

  it('reports versions it accepts, and refuses an old jj or an old git', async () => {
    const dir = tempDir();
    const ok = await jjFactory({ binary: fakeJj(dir, 'exit 1'), gitBinary: fakeGit(dir) }).check();
    expect(ok._unsafeUnwrap().map((t) => `${t.tool} ${t.version}`)).toEqual(['jj 0.46.0', 'git 2.55.0']);

    const oldJj = await jjFactory({ binary: fakeJj(tempDir(), 'exit 1', '0.30.0'), gitBinary: fakeGit(dir) }).check();
    expect(oldJj._unsafeUnwrapErr()).toMatchObject({ kind: 'tool-too-old', tool: 'jj', found: '0.30.0', required: '0.46.0' });
    const oldGit = await jjFactory({ binary: fakeJj(tempDir(), 'exit 1'), gitBinary: fakeGit(tempDir(), '2.39.5') }).check();
    expect(oldGit._unsafeUnwrapErr()).toMatchObject({ kind: 'tool-too-old', tool: 'git', found: '2.39.5', required: '2.42.0' });
  });

  it('reports exit 255 with garbage on stderr as command-failed, with exit code and excerpt', async () => {
    const dir = tempDir();
    const jj = fakeTool(dir, 'jj', 'printf "\\001\\002 thread main panicked at src/lib.rs\\n" >&2; exit 255');
    const e = (await jjFactory({ binary: jj, gitBinary: fakeGit(dir) }).check())._unsafeUnwrapErr();
    expect(e).toMatchObject({ kind: 'command-failed', exitCode: 255, command: [jj, '--version'] });
    expect(e.stderr).toContain('panicked');
  });

  it('reports garbage on stdout (exit 0) as a parse error', async () => {
    const dir = tempDir();
    const jj = fakeTool(dir, 'jj', 'echo "Jujutsu, probably"; exit 0');
    expect((await jjFactory({ binary: jj, gitBinary: fakeGit(dir) }).check())._unsafeUnwrapErr().kind).toBe('parse');

    // A repository query answered with human output instead of the template.
    const jj2 = fakeJj(tempDir(), 'echo "@  qpvuntsm user 2 minutes ago"; exit 0');
    const repo = join(dir, 'repo');
    mkdirSync(join(repo, '.jj'), { recursive: true });
    const vcs = (await jjFactory({ binary: jj2, gitBinary: fakeGit(dir) }).open(repo))._unsafeUnwrap();
    const e = (await vcs.status())._unsafeUnwrapErr();
    expect(e).toMatchObject({ kind: 'parse', output: '@  qpvuntsm user 2 minutes ago' });
    expect(e.command?.[0]).toBe(jj2);
  });

  it('kills a hanging tool after timeoutMs and says it timed out', async () => {
    const dir = tempDir();
    const jj = fakeJj(dir, 'exec sleep 30');
    const repo = join(dir, 'repo');
    mkdirSync(repo);
    const f = jjFactory({ binary: jj, gitBinary: fakeGit(dir), timeoutMs: 300 });
    const vcs = (await f.open(repo))._unsafeUnwrap();
    const e = (await vcs.fetch('origin'))._unsafeUnwrapErr();
    expect(e.kind).toBe('command-failed');
    expect(e.message).toMatch(/timed out after 300 ms/);
  });

  it('finds the binaries through CHEZMOI_SYNC_JJ and CHEZMOI_SYNC_GIT in the given env', async () => {
    const dir = tempDir();
    const env = { CHEZMOI_SYNC_JJ: fakeJj(dir, 'exit 1'), CHEZMOI_SYNC_GIT: fakeGit(dir, '2.47.3') };
    const r = await jjFactory({ env }).check();
    expect(r._unsafeUnwrap()).toEqual([
      { tool: 'jj', version: '0.46.0', path: env.CHEZMOI_SYNC_JJ },
      { tool: 'git', version: '2.47.3', path: env.CHEZMOI_SYNC_GIT },
    ]);
  });

  it('checks versions once per factory', async () => {
    const dir = tempDir();
    const log = join(dir, 'calls');
    const jj = fakeTool(dir, 'jj', `echo "$*" >> ${log}\n[ "$1" = "--version" ] && { echo "jj 0.46.0"; exit 0; }\nfor a in "$@"; do [ "$a" = root ] && { pwd; exit 0; }; done\nexit 1`);
    const f = jjFactory({ binary: jj, gitBinary: fakeGit(dir) });
    mkdirSync(join(dir, 'r'));
    (await f.open(join(dir, 'r')))._unsafeUnwrap();
    (await f.open(join(dir, 'r')))._unsafeUnwrap();
    (await f.check())._unsafeUnwrap();
    expect(readFileSync(log, 'utf8').split('\n').filter((l) => l === '--version')).toHaveLength(1);
  });
});
