// The synced record says which content HOME and the source last agreed on. It is only true of
// the repository line it was made against: after a re-clone, a reset or a branch switch the
// source holds another line, and an old "agreed" hash would make the older source look newer
// than HOME — and apply it over an edit that exists nowhere else. So the record carries the
// head it was made against, and a record whose head left the line counts as no record.
import { ok, type Result } from 'neverthrow';
import type { SyncError } from '../errors.js';
import type { CommitId, Vcs } from '../vcs.js';
import type { CaptureInput } from './capture.js';

/**
 * Pure: the record matters only for files where HOME and the source differ; when they all agree
 * it changes no decision, so a no-op sync never asks the repository (no process).
 * @example recordMatters([{ target: '/h/.a', homeHash: 'x', sourceHash: 'y', recorded: 'x', sourceDirty: false }]) // true
 */
export const recordMatters = (inputs: readonly CaptureInput[]): boolean =>
  inputs.some((i) => i.recorded !== undefined && i.homeHash !== i.sourceHash);

/** The inputs as they are without a record (capture then compares with what chezmoi last wrote). */
export const withoutRecord = (inputs: readonly CaptureInput[]): CaptureInput[] => inputs.map((i) => ({ ...i, recorded: undefined }));

/**
 * Whether the record made against `head` still describes this repository: true when it carries
 * no head (written by an older version), when the backend cannot tell, when `head` is in the
 * local line, or a later version of it is (the person rebased it by hand, or folded a conflict's
 * resolution into it — their line carries that commit on, as the sync's own rebase does). One
 * query (three for a rewritten head), and only when the record matters.
 */
export const recordOnLine = async (vcs: Vcs, head: CommitId | undefined, inputs: readonly CaptureInput[]): Promise<Result<boolean, SyncError>> => {
  if (head === undefined || vcs.inLine === undefined || !recordMatters(inputs)) return ok(true);
  const inLine = await vcs.inLine(head);
  if (inLine.isErr() || inLine.value || vcs.rewrittenInLine === undefined) return inLine;
  return vcs.rewrittenInLine(head);
};
