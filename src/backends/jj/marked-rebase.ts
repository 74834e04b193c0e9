// What happened since a sync marked its rebase (the operation before it is in the marker) and was
// killed before the marker was removed. Read from the operation log, newest first, down to the
// marked operation. Pure.
//
// - `not-run`: no rebase follows the marked operation: the sync died before it; nothing to undo.
// - `undone`: the rebase was followed by a restore of the marked operation (the killed run's own
//   back-out, or a person's): the line is where it was; what came after is kept.
// - `ours-only`: the rebase and, after it, only snapshots: restore the marked operation (the
//   working copy's edits are kept across it: fs/kept-edits.ts).
// - `built-on`: a person's operation follows the rebase (a commit, a describe, a git commit the
//   colocated repo imported): restoring would hide it, so the rebase alone is reverted.
// - `unknown`: the marked operation is not among those listed: too much happened to tell.
import type { Result } from 'neverthrow';
import type { ParseError } from '../../core/errors.js';
import { isRecord, parseJsonLines } from './parse-json-lines.js';

/** One operation of the log, as the recovery reads it. */
export interface LoggedOperation {
  readonly id: string;
  readonly snapshot: boolean;
  readonly description: string;
}

export type MarkedRebase =
  | { readonly kind: 'not-run' | 'undone' | 'ours-only' | 'unknown' }
  | { readonly kind: 'built-on'; readonly rebase: string };

/** The template of `operationLog` (one JSON object per line). */
export const LOGGED_OPERATION_TEMPLATE = String.raw`"{\"id\":" ++ json(id) ++ ",\"snapshot\":" ++ json(snapshot) ++ ",\"description\":" ++ json(description) ++ "}\n"`;

const decode = (v: unknown): LoggedOperation | undefined =>
  isRecord(v) && typeof v['id'] === 'string' && /^[0-9a-f]{12,128}$/.test(v['id']) && typeof v['snapshot'] === 'boolean' && typeof v['description'] === 'string'
    ? { id: v['id'], snapshot: v['snapshot'], description: v['description'] }
    : undefined;

export const parseLoggedOperations = (stdout: string): Result<LoggedOperation[], ParseError> => parseJsonLines(stdout, decode, 'an operation');

/** Operations jj records by itself, which say nothing of what a person did. */
const automatic = (op: LoggedOperation): boolean => op.snapshot || op.description === 'reconcile divergent operations';

/** Classifies the operations since `marked` (ids may be given in full or as jj's long prefix). */
export const classifyMarkedRebase = (newestFirst: readonly LoggedOperation[], marked: string): MarkedRebase => {
  const at = newestFirst.findIndex((op) => op.id.startsWith(marked) || marked.startsWith(op.id));
  if (at < 0) return { kind: 'unknown' };
  const since = newestFirst.slice(0, at).reverse().filter((op) => !automatic(op));
  const [first, ...after] = since;
  // The sync rebased right after writing the marker, under its lock: nothing of a person's comes first.
  if (first === undefined || !first.description.startsWith('rebase ')) return { kind: 'not-run' };
  if (after.some((op) => op.description.startsWith('restore to operation ') && op.description.slice('restore to operation '.length).startsWith(marked))) {
    return { kind: 'undone' };
  }
  return after.length === 0 ? { kind: 'ours-only' } : { kind: 'built-on', rebase: first.id };
};
