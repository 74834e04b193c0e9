// A host branch (`sync/<host>`) holds this host's side of a preserved conflict. It is deleted
// only when what it holds was integrated: its commits are in the published line, a later version
// of its commit is (the same change rebased by hand, a resolution folded into it), or every file
// its own commits changed has the same content there (a rebase changes commit ids, not content).
// Otherwise it may be the only copy of that work (the local line was re-cloned or reset away):
// it stays, and the run reports the conflict as still preserved.
import { ok, type Result } from 'neverthrow';
import type { SyncError } from '../errors.js';
import type { BranchInfo, CommitId, FileChange, Vcs } from '../vcs.js';

export type HostBranchState =
  | { readonly kind: 'absent' }
  | { readonly kind: 'integrated' }
  /** `paths`: files the branch changed whose content the published line does not hold. */
  | { readonly kind: 'pending'; readonly paths: readonly string[] };

/** Pure: the commit a host branch holds — the remote's copy first (what other hosts can see), else the local one. */
export const hostBranchTarget = (branches: readonly BranchInfo[], name: string, remote: string): CommitId | undefined => {
  const b = branches.find((x) => x.name === name);
  return b?.remoteTargets[remote] ?? b?.target;
};

/**
 * Pure: the files the branch changed (`own`) that differ between the branch and the published
 * head (`differing`); empty means everything it holds is in the published line.
 * @example unintegratedPaths([{ path: 'dot_a', kind: 'modified' }], [{ path: 'dot_a', kind: 'modified' }, { path: 'dot_b', kind: 'modified' }]) // ['dot_a']
 */
export const unintegratedPaths = (own: readonly FileChange[], differing: readonly FileChange[]): string[] => {
  const diff = new Set(differing.map((c) => c.path));
  return [...new Set(own.map((c) => c.path))].filter((p) => diff.has(p)).sort();
};

/**
 * Where the host branch `name` stands against the line whose head is `head` (just published).
 * Costs nothing when the branch is absent beyond one branch listing.
 */
export const hostBranchState = async (vcs: Vcs, remote: string, name: string, head: CommitId): Promise<Result<HostBranchState, SyncError>> => {
  const branches = await vcs.branches();
  if (branches.isErr()) return branches.map(() => ({ kind: 'absent' }) as const);
  const target = hostBranchTarget(branches.value, name, remote);
  if (target === undefined) return ok({ kind: 'absent' });
  if (vcs.inLine !== undefined) {
    const inLine = await vcs.inLine(target);
    if (inLine.isErr()) return inLine.map(() => ({ kind: 'absent' }) as const);
    if (inLine.value) return ok({ kind: 'integrated' });
  }
  // The same change, rewritten in the line (a conflict resolved by hand and folded into it, a clean
  // rebase): that side went on in the line, in whatever form the person gave it.
  if (vcs.rewrittenInLine !== undefined) {
    const rewritten = await vcs.rewrittenInLine(target);
    if (rewritten.isOk() && rewritten.value) return ok({ kind: 'integrated' });
  }
  // Content: the branch's own changes since it left the line, compared with the published head.
  const theirs = await vcs.divergence(remote, name);
  const differing = await vcs.changedPaths(target, head);
  if (differing.isErr()) return differing.map(() => ({ kind: 'absent' }) as const);
  const behind = theirs.isOk() && theirs.value.remoteHead === target ? theirs.value.behind : undefined;
  const fork = behind?.[0]?.parents[0];
  if (behind !== undefined && behind.length === 0) return ok({ kind: 'integrated' });
  // Unknown fork point (a branch never pushed): every differing file may be its own change.
  const own = fork !== undefined ? await vcs.changedPaths(fork, target) : ok(differing.value);
  if (own.isErr()) return own.map(() => ({ kind: 'absent' }) as const);
  const paths = unintegratedPaths(own.value, differing.value);
  return ok(paths.length === 0 ? { kind: 'integrated' } : { kind: 'pending', paths });
};
