// Both git runners (simple-git, and an injected process runner) against fake git executables:
// exit codes, garbage, missing binaries, the environment git sees, refusals before spawning.
import { describe, expect, it } from 'vitest';
import { gitSettings } from '../../../src/backends/git/settings.js';
import { createGitRunner, processGitRunner, type GitRunner } from '../../../src/backends/git/runner.js';
import { execaRunner } from '../../../src/backends/process/runner.js';
import { fakeGit, type FakeGit } from './fake-git.js';

type Make = (fake: { binary: string; env: Readonly<Record<string, string>> }, extra?: Record<string, string>, timeoutMs?: number) => GitRunner;

const viaSimpleGit: Make = (fake, extra = {}, timeoutMs) =>
  createGitRunner(gitSettings({ binary: fake.binary, env: { ...fake.env, ...extra }, ...(timeoutMs !== undefined ? { timeoutMs } : {}) }));
const viaProcessRunner: Make = (fake, extra = {}, timeoutMs) =>
  processGitRunner(gitSettings({ binary: fake.binary, env: { ...fake.env, ...extra }, ...(timeoutMs !== undefined ? { timeoutMs } : {}) }), execaRunner);

describe.each([
  ['simple-git', viaSimpleGit],
  ['process runner', viaProcessRunner],
] as const)('git runner over %s', (_name, make) => {
  const run = (fake: FakeGit, args: string[], more: { okExitCodes?: number[]; network?: boolean; extra?: Record<string, string>; timeoutMs?: number } = {}) =>
    make(fake, more.extra, more.timeoutMs)(fake.dir, {
      args,
      ...(more.okExitCodes !== undefined ? { okExitCodes: more.okExitCodes } : {}),
      ...(more.network !== undefined ? { network: more.network } : {}),
    });

  it('passes stdout through verbatim, NULs and trailing newlines included', async () => {
    const fake = fakeGit(`printf 'a b\\0c\\n\\0'`);
    expect((await run(fake, ['status', '-z']))._unsafeUnwrap()).toEqual({ exitCode: 0, stdout: 'a b\0c\n\0', stderr: '' });
    expect(fake.calls()).toEqual([['-c', 'core.quotepath=off', '-c', 'color.ui=false', '-c', 'gc.auto=0', '-c', 'maintenance.auto=false', '-c', 'advice.detachedHead=false', '-c', 'commit.gpgsign=false', '-c', 'push.gpgsign=false', '-c', 'log.showSignature=false', 'status', '-z']]);
  });

  it('fails a non-zero exit even with empty stderr, keeping code and output', async () => {
    const fake = fakeGit(`echo 'garbage on stdout'; exit 3`);
    expect((await run(fake, ['log']))._unsafeUnwrapErr()).toMatchObject({ kind: 'command-failed', exitCode: 3, message: 'git log failed (exit 3)' });
  });

  it('resolves the exit codes a command declares as answers, with stderr', async () => {
    const fake = fakeGit(`echo 'CONFLICT' ; echo 'error: could not apply' >&2; exit 1`);
    expect((await run(fake, ['rebase', 'x'], { okExitCodes: [1] }))._unsafeUnwrap()).toEqual({
      exitCode: 1,
      stdout: 'CONFLICT\n',
      stderr: 'error: could not apply\n',
    });
  });

  it('keeps the exit code of a silent command, and stderr written after stdout closed', async () => {
    const silent = fakeGit('exit 1');
    expect((await run(silent, ['diff', '--quiet'], { okExitCodes: [1] }))._unsafeUnwrap()).toEqual({ exitCode: 1, stdout: '', stderr: '' });
    const late = fakeGit(`exec 1>&-; sleep 0.2; echo 'error: late' >&2; exit 1`);
    expect((await run(late, ['rebase', 'x'], { okExitCodes: [1] }))._unsafeUnwrap()).toEqual({ exitCode: 1, stdout: '', stderr: 'error: late\n' });
  });

  it('classifies stderr: a refused ssh connection is network, a refused key auth', async () => {
    const refused = fakeGit(`echo 'ssh: connect to host h port 22: Connection refused' >&2; echo 'fatal: Could not read from remote repository.' >&2; exit 128`);
    expect((await run(refused, ['fetch', '--', 'origin'], { network: true }))._unsafeUnwrapErr()).toMatchObject({ kind: 'network', exitCode: 128 });
    const key = fakeGit(`echo 'git@h: Permission denied (publickey).' >&2; echo 'fatal: Could not read from remote repository.' >&2; exit 128`);
    expect((await run(key, ['fetch', '--', 'origin'], { network: true }))._unsafeUnwrapErr()).toMatchObject({ kind: 'auth' });
  });

  it('reports a missing binary as tool-missing', async () => {
    const fake = fakeGit('exit 0');
    const missing = make({ binary: `${fake.dir}/nope/git`, env: fake.env });
    expect((await missing(fake.dir, { args: ['--version'] }))._unsafeUnwrapErr()).toMatchObject({ kind: 'tool-missing', tool: 'git' });
  });

  it('gives git an explicit environment: no editor, pager, askpass or GIT_DIR; no prompts; English', async () => {
    const fake = fakeGit(`for v in GIT_DIR EDITOR PAGER SSH_ASKPASS GIT_EDITOR GIT_TERMINAL_PROMPT LC_ALL GIT_CONFIG_GLOBAL KEEP_ME; do eval "printf '%s=%s\\n' $v \\"\\\${$v-unset}\\""; done`);
    const out = await run(fake, ['status'], {
      extra: { GIT_DIR: '/elsewhere', EDITOR: 'vim', PAGER: 'less', SSH_ASKPASS: '/usr/bin/x', GIT_CONFIG_GLOBAL: '/w/gitconfig', KEEP_ME: 'yes' },
    });
    expect(out._unsafeUnwrap().stdout.split('\n').filter(Boolean)).toEqual([
      'GIT_DIR=unset',
      'EDITOR=unset',
      'PAGER=unset',
      'SSH_ASKPASS=unset',
      'GIT_EDITOR=true',
      'GIT_TERMINAL_PROMPT=0',
      'LC_ALL=C',
      'GIT_CONFIG_GLOBAL=/w/gitconfig',
      'KEEP_ME=yes',
    ]);
  });

  it('stops a network command that stays silent past the timeout, as a network error', async () => {
    const fake = fakeGit('exec sleep 30');
    expect((await run(fake, ['fetch', '--', 'origin'], { network: true, timeoutMs: 300 }))._unsafeUnwrapErr()).toMatchObject({ kind: 'network' });
  });
});

describe('git runner over simple-git: its own refusals', () => {
  it('refuses an option smuggled into the arguments without starting git', async () => {
    const fake = fakeGit('exit 0');
    const e = (await viaSimpleGit(fake)(fake.dir, { args: ['fetch', '--upload-pack=touch /tmp/pwned', 'origin'] }))._unsafeUnwrapErr();
    expect(e).toMatchObject({ kind: 'invalid-input', field: 'argv' });
    expect(fake.calls()).toEqual([]);
  });

  it('refuses a binary path simple-git considers unsafe, and a working directory that does not exist', async () => {
    const fake = fakeGit('exit 0');
    const spaced = createGitRunner(gitSettings({ binary: '/opt/my git/git', env: fake.env }));
    expect((await spaced(fake.dir, { args: ['--version'] }))._unsafeUnwrapErr()).toMatchObject({ kind: 'invalid-input', field: 'binary' });
    expect((await viaSimpleGit(fake)(`${fake.dir}/gone`, { args: ['status'] }))._unsafeUnwrapErr()).toMatchObject({ kind: 'io', path: `${fake.dir}/gone` });
    expect(fake.calls()).toEqual([]);
  });
});
