// Where the person left the repository. With git the sync works on the trunk branch: local
// commits there that the remote lacks are integrated and published. A person who checked out
// another branch (or detached HEAD) while the trunk exists (locally or on the remote) is in the middle of their own
// work: committing HOME edits onto it, or publishing it to the trunk, would be doing something
// unasked — and moving the trunk to it would drop the trunk's unpublished commits. The run
// refuses before it changes anything. (jj has no checked-out branch: its line is `@`'s ancestors.)
import { err, ok, type Result } from 'neverthrow';
import { unsafeState, type SyncError } from '../errors.js';
import type { BranchInfo, Vcs } from '../vcs.js';

/** Pure: the refusal, when the line is off the trunk (see followsRename for the one line that is adopted). */
export const offTrunk = (line: string | undefined, trunk: string, trunkExists: boolean): SyncError | undefined => {
  if (line === trunk || !trunkExists) return undefined;
  const where = line === undefined ? 'a detached HEAD' : `branch ${line}`;
  return unsafeState('off-trunk', `the repository is on ${where}, not on ${trunk}: nothing was captured, applied or published`, {
    hint: `switch back with \`git switch ${trunk}\` to sync (your branch is left as it is), or publish it to ${trunk} yourself`,
  });
};

/**
 * Pure: the line's branch is the trunk under its old name — it tracks a branch the remote no longer
 * has, the remote has `trunk`, and no local `trunk` exists (the remote's default branch was renamed).
 * The line is adopted under the new name instead of growing a second branch beside it.
 */
export const followsRename = (
  line: string | undefined,
  upstream: string | undefined,
  trunk: string,
  remote: string,
  branches: readonly BranchInfo[],
): boolean => {
  if (line === undefined || line === trunk || upstream === undefined || upstream === trunk) return false;
  const next = branches.find((b) => b.name === trunk);
  const gone = branches.find((b) => b.name === upstream)?.remoteTargets[remote] === undefined;
  return gone && next !== undefined && next.target === undefined && next.remoteTargets[remote] !== undefined;
};

/**
 * Refuses a run on a line that is not the trunk's (see offTrunk); renames a line that still carries
 * the trunk's old name (see followsRename). One process (git) on the trunk, none for jj.
 */
export const checkLine = async (vcs: Vcs, trunk: string, remote: string, info: (m: string) => void): Promise<Result<void, SyncError>> => {
  if (vcs.lineBranch === undefined) return ok(undefined);
  const line = await vcs.lineBranch();
  if (line.isErr()) return err(line.error);
  if (line.value === trunk) return ok(undefined);
  let branches = await vcs.branches();
  if (branches.isErr()) return err(branches.error);
  if (vcs.renameLineBranch !== undefined && vcs.lineUpstream !== undefined && line.value !== undefined) {
    const upstream = await vcs.lineUpstream(remote);
    if (upstream.isErr()) return err(upstream.error);
    const stale = (bs: readonly BranchInfo[]): boolean =>
      upstream.value !== undefined && upstream.value !== trunk && bs.some((b) => b.name === upstream.value && b.remoteTargets[remote] !== undefined);
    // Whether the remote still has the branch the line tracks decides: ask it (a fetch touches no file).
    if (!followsRename(line.value, upstream.value, trunk, remote, branches.value) && stale(branches.value) && (await vcs.fetch(remote)).isOk()) {
      branches = await vcs.branches();
      if (branches.isErr()) return err(branches.error);
    }
    if (followsRename(line.value, upstream.value, trunk, remote, branches.value)) {
      const renamed = await vcs.renameLineBranch(trunk);
      if (renamed.isErr()) return err(renamed.error);
      info(`${remote}'s default branch is now ${trunk}: the local branch ${line.value} was renamed to ${trunk}`);
      return ok(undefined);
    }
  }
  const known = branches.value.find((b) => b.name === trunk);
  const refusal = offTrunk(line.value, trunk, known !== undefined && (known.target !== undefined || known.remoteTargets[remote] !== undefined));
  return refusal === undefined ? ok(undefined) : err(refusal);
};
