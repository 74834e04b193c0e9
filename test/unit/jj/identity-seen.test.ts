// The identity from what a status query already read of jj's config: no `jj config list`, and git
// asked only for what jj lacks. The runner here records commands and answers like git would.
import { okAsync } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { lookUpJjIdentity } from '../../../src/backends/jj/identity.js';
import type { JjSettings } from '../../../src/backends/jj/settings.js';
import type { Command, Runner } from '../../../src/backends/process/runner.js';

const recording = (): { runner: Runner; ran: Command[] } => {
  const ran: Command[] = [];
  const runner: Runner = (c) => {
    ran.push(c);
    // jj: nothing configured; git: an ident line.
    return okAsync({ exitCode: 0, stdout: c.file === '/opt/jj' ? '' : 'Ann Git <ann@git.example> 1700000000 +0000\n', stderr: '' });
  };
  return { runner, ran };
};

const settingsWith = (runner: Runner, env: Record<string, string | undefined> = {}): JjSettings => ({
  jj: '/opt/jj',
  git: '/opt/git',
  gitExplicit: false,
  // The test's own environment must not answer for it.
  env: { JJ_USER: undefined, JJ_EMAIL: undefined, ...env },
  runner,
});

describe('lookUpJjIdentity with what the status read (jj log config("user.name"), config("user.email"))', () => {
  it("takes jj's values without running jj, and git's for what jj lacks", async () => {
    const { runner, ran } = recording();
    const id = await lookUpJjIdentity(settingsWith(runner), '/repo', { name: 'Ann in jj', email: '' });
    expect(id._unsafeUnwrap().identity._unsafeUnwrap()).toEqual({ name: 'Ann in jj', email: 'ann@git.example', nameFrom: 'jj config', emailFrom: 'git config' });
    expect(id._unsafeUnwrap().env).toEqual({ JJ_EMAIL: 'ann@git.example' });
    expect(ran.map((c) => c.file)).toEqual(['/opt/git']);
  });

  it('runs nothing when jj has both, and names the environment when JJ_USER gave the name', async () => {
    const { runner, ran } = recording();
    const id = await lookUpJjIdentity(settingsWith(runner, { JJ_USER: 'Env Ann' }), '/repo', { name: 'Env Ann', email: 'ann@jj.example' });
    expect(id._unsafeUnwrap().identity._unsafeUnwrap()).toEqual({ name: 'Env Ann', email: 'ann@jj.example', nameFrom: 'environment', emailFrom: 'jj config' });
    expect(id._unsafeUnwrap().env).toEqual({});
    expect(ran).toEqual([]);
  });

  it('without anything seen, asks jj first (`jj config list`), then git', async () => {
    const { runner, ran } = recording();
    const id = await lookUpJjIdentity(settingsWith(runner), '/repo');
    expect(id._unsafeUnwrap().identity._unsafeUnwrap()).toMatchObject({ name: 'Ann Git', nameFrom: 'git config' });
    expect(ran.map((c) => [c.file, c.args.includes('config')])).toEqual([['/opt/jj', true], ['/opt/git', false]]);
  });
});
