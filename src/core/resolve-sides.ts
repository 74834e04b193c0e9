// Which remote branches the guided resolution merges into the local line. Normally the local
// line holds this host's side of the conflict, so merging the trunk brings up the conflict. When
// it does not (the source dir was re-cloned or reset to the trunk), the preserved side lives only
// on the host branch: that branch is merged first, so the person sees the same conflict (trunk
// side against preserved side); the trunk follows, which is a no-op when the line already holds it.
import { err, ok, type Result } from 'neverthrow';
import type { SyncError } from './errors.js';
import type { BranchInfo, CommitId, Vcs } from './vcs.js';

/**
 * Pure: the branches to merge, in order, given whether the line holds the host branch's remote
 * copy (`undefined`: no remote copy, or the backend cannot tell).
 * @example mergeSides('main', 'sync/beta', false) // ['sync/beta', 'main']
 * @example mergeSides('main', 'sync/beta', true) // ['main']
 */
export const mergeSides = (trunk: string, hostBranch: string, lineHoldsHostBranch: boolean | undefined): readonly string[] =>
  lineHoldsHostBranch === false ? [hostBranch, trunk] : [trunk];

/** Pure: the commit the remote's copy of `name` points at, if the remote has one. */
const remoteTarget = (branches: readonly BranchInfo[], name: string, remote: string) => branches.find((b) => b.name === name)?.remoteTargets[remote];

/** What the guided resolution merges: `branches` in order, and the host branch's commit when it is one of them. */
export interface ResolutionSides {
  readonly branches: readonly string[];
  readonly preserved?: CommitId;
}

/** The branches the guided resolution merges, in order (see `mergeSides`). */
export const resolutionSides = async (vcs: Vcs, remote: string, trunk: string, hostBranch: string): Promise<Result<ResolutionSides, SyncError>> => {
  const trunkOnly: ResolutionSides = { branches: mergeSides(trunk, hostBranch, undefined) };
  if (vcs.inLine === undefined) return ok(trunkOnly);
  const branches = await vcs.branches();
  if (branches.isErr()) return err(branches.error);
  const target = remoteTarget(branches.value, hostBranch, remote);
  if (target === undefined) return ok(trunkOnly);
  const held = await vcs.inLine(target);
  return held.map((h) => (h ? trunkOnly : { branches: mergeSides(trunk, hostBranch, false), preserved: target }));
};
