// Housekeeping of a memory repository, like the jj backend's: checkpoints (its "operations")
// pile up with every change; when more than MEMORY_OPS_DUE are stored, every one that is not
// promised is dropped. Ids do not change here (the jj backend's do: see core/housekeeping.ts).
import { ok } from 'neverthrow';
import type { Housekept } from '../../core/housekeeping.js';
import type { Checkpoint } from '../../core/vcs.js';
import type { MemoryFs } from './fs.js';
import type { Actor, RepoState } from './state.js';
import { deferred, MemoryVcs } from './vcs.js';

export const MEMORY_OPS_DUE = 50;

export const trimCheckpoints = (state: RepoState, keep: readonly Checkpoint[], force: boolean): Housekept => {
  if (!force && state.checkpoints.size <= MEMORY_OPS_DUE) return { ran: false, renamed: {}, note: 'not due' };
  const wanted = new Set(keep.filter((c) => c.backend === 'memory').map((c) => c.id));
  for (const id of [...state.checkpoints.keys()]) if (!wanted.has(id)) state.checkpoints.delete(id);
  return { ran: true, renamed: {} };
};

/** The memory Vcs with sizes and housekeeping. */
export class HousekeptMemoryVcs extends MemoryVcs {
  constructor(
    fs: MemoryFs,
    private readonly repo: RepoState,
    actor: Actor,
  ) {
    super(fs, repo, actor);
  }

  sizes() {
    return deferred(() => ok({ operations: this.repo.checkpoints.size }));
  }

  housekeep(keep: readonly Checkpoint[], options?: { readonly force?: boolean }) {
    return deferred(() => ok(trimCheckpoints(this.repo, keep, options?.force === true)));
  }
}
