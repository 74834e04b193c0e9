// Example for the docs: testing your own code against `chezmoi-sync/testing` — no jj, no git,
// no disk. (In your project: import from 'chezmoi-sync/testing'.)
import { describe, expect, it } from 'vitest';
import type { Vcs } from '../../src/index.js';
import { MemoryFs, MemoryRemote, memoryFactory } from '../../src/testing.js';

// The code under test: commit, fetch, rebase onto origin/main, publish.
const sync = async (vcs: Vcs): Promise<string> => {
  const rebased = await vcs
    .commitAll('sync dotfiles')
    .andThen(() => vcs.fetch('origin'))
    .andThen(() => vcs.rebase({ remote: 'origin', branch: 'main' }));
  if (rebased.isErr()) return rebased.error.kind;
  if (rebased.value.status === 'conflict') return `conflict in ${rebased.value.paths.join(', ')}`;
  const pushed = await vcs.setBranch('main', rebased.value.head).andThen(() => vcs.push({ remote: 'origin', branch: 'main' }));
  return pushed.isOk() ? 'synced' : pushed.error.kind;
};

describe('my sync, on two simulated machines', () => {
  const setup = async () => {
    const fs = new MemoryFs();
    const remote = new MemoryRemote({ files: { dot_bashrc: 'export EDITOR=vi\nexport PAGER=less\nalias ll="ls -l"\n' } });
    const machine = async (host: string) =>
      (await memoryFactory({ fs, remotes: { origin: remote }, host }).clone('memory://origin', `/${host}/dotfiles`))._unsafeUnwrap();
    return { fs, remote, laptop: await machine('laptop'), desktop: await machine('desktop') };
  };

  it('merges edits of different lines made on both machines', async () => {
    const { fs, remote, laptop, desktop } = await setup();
    fs.write('/laptop/dotfiles/dot_bashrc', 'export EDITOR=nvim\nexport PAGER=less\nalias ll="ls -l"\n');
    fs.write('/desktop/dotfiles/dot_bashrc', 'export EDITOR=vi\nexport PAGER=less\nalias ll="ls -la"\n');

    expect(await sync(laptop)).toBe('synced');
    expect(await sync(desktop)).toBe('synced');

    expect(remote.read('main', 'dot_bashrc')).toBe('export EDITOR=nvim\nexport PAGER=less\nalias ll="ls -la"\n');
  });

  it('stops on a conflict (same line) without touching the remote', async () => {
    const { fs, remote, laptop, desktop } = await setup();
    fs.write('/laptop/dotfiles/dot_bashrc', 'export EDITOR=nvim\n');
    fs.write('/desktop/dotfiles/dot_bashrc', 'export EDITOR=emacs\n');

    expect(await sync(laptop)).toBe('synced');
    expect(await sync(desktop)).toBe('conflict in dot_bashrc');

    expect(remote.read('main', 'dot_bashrc')).toBe('export EDITOR=nvim\n');
    expect(fs.read('/desktop/dotfiles/dot_bashrc')).toBe('export EDITOR=emacs\n');
  });

  it('reports an unreachable remote, then catches up', async () => {
    const { fs, remote, laptop } = await setup();
    fs.write('/laptop/dotfiles/dot_bashrc', 'export EDITOR=nvim\n');
    remote.faults.inject({ kind: 'network', op: 'fetch' });

    expect(await sync(laptop)).toBe('network');
    expect(await sync(laptop)).toBe('synced');
    expect(remote.read('main', 'dot_bashrc')).toBe('export EDITOR=nvim\n');
  });

  it('retries after another machine pushed first', async () => {
    const { fs, remote, laptop } = await setup();
    fs.write('/laptop/dotfiles/dot_bashrc', 'export EDITOR=nvim\n');
    remote.rejectNextPush();

    expect(await sync(laptop)).toBe('rejected');
    expect(await sync(laptop)).toBe('synced');
  });
});
