import type { Result } from 'neverthrow';
import type { ParseError } from '../../core/errors.js';
import { isRecord, isString, isStringArray, parseJsonLines } from './parse-json-lines.js';

/** A conflicted commit and the paths that are conflicted in its tree. */
export interface ConflictedCommit {
  readonly commit: string;
  /** jj change id: the same change after an operation restore, under its old commit id. */
  readonly change: string;
  /** The first line of its description. */
  readonly summary: string;
  readonly paths: readonly string[];
  /** Conflicted paths this commit's own diff touches: empty when it only inherits them. */
  readonly introduced: readonly string[];
}

/** Decodes `{"commit": "<id>", "change": "<change id>", "summary": "…", "paths": [...], "introduced": [...]}` (CONFLICTS_TEMPLATE). */
export const decodeConflictedCommit = (v: unknown): ConflictedCommit | undefined => {
  const { commit, change, summary, paths, introduced } = isRecord(v) ? v : {};
  if (!isString(commit) || !isString(change) || !isString(summary) || !isStringArray(paths) || !isStringArray(introduced)) return undefined;
  // Change ids use the letters k-z only; anything else would not be safe inside a revset.
  if (!/^[0-9a-f]+$/.test(commit) || !/^[k-z]+$/.test(change)) return undefined;
  return { commit, change, summary, paths, introduced };
};

/** Parses `jj log -T CONFLICTS_TEMPLATE`. */
export const parseConflicts = (stdout: string): Result<ConflictedCommit[], ParseError> =>
  parseJsonLines(stdout, decodeConflictedCommit, 'a conflicted commit');

/** Every conflicted path across commits, deduplicated and sorted. */
export const conflictedPaths = (commits: readonly ConflictedCommit[]): string[] =>
  [...new Set(commits.flatMap((c) => c.paths))].sort();

/**
 * The commits where conflicts arose (their own diff touches a conflicted path), not those that
 * merely sit on top of one; all of them if none qualifies.
 */
export const conflictOrigins = (commits: readonly ConflictedCommit[]): ConflictedCommit[] => {
  const origins = commits.filter((c) => c.introduced.length > 0);
  return origins.length > 0 ? origins : [...commits];
};
