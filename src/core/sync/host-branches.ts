// A host may hold more than one host branch: `sync/<host>`, then `sync/<host>-2`, `-3`… A host
// branch is moved to a new line only when that line holds its work (host-branch.ts: not
// `pending`); otherwise the new line goes to the next free name, so every preserved side stays
// on the remote (a re-clone or reset while a conflict is preserved, then a new conflict).
import { err, ok, type Result } from 'neverthrow';
import type { SyncError } from '../errors.js';
import { validateRefName } from '../validate.js';
import type { BranchInfo, CommitId, Vcs } from '../vcs.js';
import { hostBranchState, type HostBranchState } from './host-branch.js';

/** Pure: the number of `name` among `base`'s host branches (1 for `base` itself), else undefined. */
const indexOf = (base: string, name: string): number | undefined => {
  if (name === base) return 1;
  const rest = name.startsWith(`${base}-`) ? name.slice(base.length + 1) : '';
  return /^[1-9][0-9]{0,5}$/.test(rest) && rest !== '1' ? Number(rest) : undefined;
};

/**
 * Pure: the host branches of `base` that exist (locally or on a remote), `base` first, then by number.
 * @example hostBranchNames([{ name: 'sync/b-3', remoteTargets: {} }, { name: 'sync/b', remoteTargets: {} }], 'sync/b') // ['sync/b', 'sync/b-3']
 */
export const hostBranchNames = (branches: readonly BranchInfo[], base: string): string[] =>
  branches
    .map((b) => ({ name: b.name, i: indexOf(base, b.name) }))
    .filter((x): x is { name: string; i: number } => x.i !== undefined)
    .sort((x, y) => x.i - y.i)
    .map((x) => x.name);

/**
 * Pure: the first numbered name after `base` that is not in `taken`.
 * @example nextHostBranchName(['sync/b', 'sync/b-2'], 'sync/b') // 'sync/b-3'
 */
export const nextHostBranchName = (taken: readonly string[], base: string): string => {
  let i = 2;
  while (taken.includes(`${base}-${i}`)) i++;
  return `${base}-${i}`;
};

/** Each existing host branch of `base` with where it stands against `head` (an error counts as pending: it stays). */
export const hostBranchStates = async (
  vcs: Vcs,
  remote: string,
  base: string,
  head: CommitId,
): Promise<Result<{ readonly name: string; readonly state: HostBranchState | undefined }[], SyncError>> => {
  const branches = await vcs.branches();
  if (branches.isErr()) return err(branches.error);
  const out: { name: string; state: HostBranchState | undefined }[] = [];
  for (const name of hostBranchNames(branches.value, base)) {
    const s = await hostBranchState(vcs, remote, name, head);
    out.push({ name, state: s.isOk() ? s.value : undefined });
  }
  return ok(out);
};

/** Where the line `head` is preserved: the first host branch it may move (absent or its work in `head`), else the next free name. */
export interface PreserveTarget {
  readonly branch: string;
  /** Host branches left where they are: they hold work `head` does not. */
  readonly kept: readonly string[];
}

export const preserveTarget = async (vcs: Vcs, remote: string, base: string, head: CommitId): Promise<Result<PreserveTarget, SyncError>> => {
  const states = await hostBranchStates(vcs, remote, base, head);
  if (states.isErr()) return err(states.error);
  const kept = states.value.filter((s) => s.state === undefined || s.state.kind === 'pending').map((s) => s.name);
  const movable = [base, ...states.value.map((s) => s.name)].find((n) => !kept.includes(n));
  const branch = movable ?? nextHostBranchName(states.value.map((s) => s.name), base);
  return validateRefName(branch).map((b) => ({ branch: b, kept }));
};
