// What the jj backend remembers between runs (tool versions, the remotes read from the git
// config) is used only while its files are unchanged: a changed remote URL is seen at once.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jjFactory } from '../../src/backends/jj/index.js';
import { execaRunner, type Command } from '../../src/backends/process/runner.js';
import { useWorld } from '../support/world.js';

describe('remembered facts of a jj repository (real tools)', () => {
  it('reads remotes and versions once, and the remotes again after the config changed', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    w.cloneWithGit(a);
    const cacheDir = join(a.stateDir, 'cache');
    const ran: string[] = [];
    const runner = (c: Command) => {
      ran.push(c.args.filter((x) => !x.startsWith('--config=') && !x.startsWith('--repository=') && x !== '--no-pager' && x !== '--color=never').join(' '));
      return execaRunner(c);
    };
    const remotesNow = async () => {
      const vcs = (await jjFactory({ env: a.env, cacheDir, runner }).init(a.source))._unsafeUnwrap();
      return (await vcs.info())._unsafeUnwrap().remotes;
    };
    const first = await remotesNow();
    expect(first.map((r) => r.name)).toEqual(['origin']);
    expect(ran.filter((c) => c === '--version')).toHaveLength(2);
    expect(ran.filter((c) => c.startsWith('config --file='))).toHaveLength(1);

    ran.length = 0;
    expect(await remotesNow()).toEqual(first);
    expect(ran.filter((c) => c === '--version' || c.startsWith('config --file='))).toEqual([]);

    // A changed URL (git rewrites its config file) is read afresh.
    w.run(a, 'git', ['-C', a.source, 'remote', 'set-url', 'origin', 'ssh://fakehost/elsewhere.git']);
    expect((await remotesNow()).find((r) => r.name === 'origin')?.url).toBe('ssh://fakehost/elsewhere.git');
    expect(ran.filter((c) => c.startsWith('config --file='))).toHaveLength(1);
  });
});
