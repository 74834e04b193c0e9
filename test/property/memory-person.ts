// The person actions the in-memory world can play: re-clone (fetch, then a repository holding
// only the remote's trunk), reset to the remote trunk as last fetched, a commit by hand, and a
// sync undone with `undo`. The
// memory repository has one line of work and no other branches to switch to, no jj, no renamed
// remote branch and no byte names: those actions are played by the real-tool campaigns only.
import { repoAt, writeWorkingCopy, type RepoState } from '../../src/backends/memory/state.js';
import { treeOf } from '../../src/backends/memory/model.js';
import type { MemoryFs, MemoryMachine } from '../../src/testing.js';
import type { PersonOps } from './driver.js';

export const memoryPerson = (fs: () => MemoryFs, machine: (h: string) => MemoryMachine, syncThenUndo: PersonOps['syncThenUndo']): PersonOps => {
  const repo = (h: string): RepoState => repoAt(fs(), machine(h).source) as RepoState;
  /** The local line of work back on the trunk as last fetched; `fresh`: nothing else of the old repository kept. */
  const toTrunk = (h: string, fresh: boolean): void => {
    const s = repo(h);
    const trunk = s.trunk ?? 'main';
    const head = s.tracking.get('origin')?.get(trunk);
    if (head === undefined) return;
    if (fresh) {
      s.branches.clear();
      s.pendingDeletes.clear();
      s.checkpoints.clear();
      s.conflicted = [];
    }
    s.merging = undefined;
    s.head = head;
    s.branches.set(trunk, head);
    writeWorkingCopy(fs(), s.root, treeOf(s.commits, head));
  };
  const open = async (h: string) => (await machine(h).deps.vcs.open(machine(h).source))._unsafeUnwrap();

  return {
    kinds: new Set(['reclone', 'reset', 'hand-commit', 'undo', 'secret']),
    backend: 'memory',
    reclone: async (h) => {
      if ((await (await open(h)).fetch('origin')).isErr()) return false;
      toTrunk(h, true);
      return true;
    },
    resetToTrunk: (h) => Promise.resolve(toTrunk(h, false)),
    switchAway: () => Promise.resolve(false),
    onTrunkLine: () => Promise.resolve(true),
    commitByHand: async (h, message) => {
      const r = await (await open(h)).commitAll(message);
      return r.isOk() && r.value.committed;
    },
    renameTrunk: () => Promise.resolve(),
    followTrunk: () => Promise.resolve(),
    switchBack: () => Promise.resolve(false),
    renameFile: () => Promise.resolve(),
    pullByHand: () => Promise.resolve(false),
    syncThenUndo,
  };
};
