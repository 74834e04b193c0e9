import type { Result } from 'neverthrow';
import type { ParseError } from '../../core/errors.js';
import type { ChangeKind, FileChange } from '../../core/vcs.js';
import { isRecord, isString, parseJsonLines } from './parse-json-lines.js';

// jj's TreeDiffEntry.status(): "modified", "added", "removed", "copied" or "renamed".
const KINDS: Readonly<Record<string, ChangeKind>> = {
  modified: 'modified',
  added: 'added',
  removed: 'deleted',
  renamed: 'renamed',
  // A copy leaves the source alone: for the new path it is an addition.
  copied: 'added',
};

/** Decodes `{"path": "...", "status": "...", "conflict": bool}` (DIFF_TEMPLATE). */
export const decodeFileChange = (v: unknown): FileChange | undefined => {
  if (!isRecord(v) || !isString(v['path']) || !isString(v['status']) || typeof v['conflict'] !== 'boolean') return undefined;
  const kind: ChangeKind = v['conflict'] ? 'conflicted' : (KINDS[v['status']] ?? 'other');
  return { path: v['path'], kind };
};

/** Decodes a JSON array of DIFF_TEMPLATE's objects (a template's `CHANGED_FILES`); undefined if any is not one. */
export const decodeFileChanges = (v: unknown): FileChange[] | undefined => {
  if (!Array.isArray(v)) return undefined;
  const changes = v.map(decodeFileChange);
  return changes.every((c): c is FileChange => c !== undefined) ? changes : undefined;
};

/** Parses `jj diff -T DIFF_TEMPLATE`; paths are relative to the repository root. */
export const parseDiff = (stdout: string): Result<FileChange[], ParseError> =>
  parseJsonLines(stdout, decodeFileChange, 'a changed file');
