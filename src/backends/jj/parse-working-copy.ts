import type { Result } from 'neverthrow';
import type { ParseError } from '../../core/errors.js';
import type { FileChange } from '../../core/vcs.js';
import { decodeFileChanges } from './parse-diff.js';
import { isRecord, parseSingle } from './parse-json-lines.js';
import { decodeCommit, type JjCommit } from './parse-log.js';

/** The working-copy commit and what it changes against its parent(s) (`WORKING_COPY_TEMPLATE`). */
export interface JjWorkingCopy {
  readonly commit: JjCommit;
  readonly changes: readonly FileChange[];
}

const decodeWorkingCopy = (v: unknown): JjWorkingCopy | undefined => {
  const commit = decodeCommit(v);
  const changes = commit !== undefined && isRecord(v) ? decodeFileChanges(v['files']) : undefined;
  return commit !== undefined && changes !== undefined ? { commit, changes } : undefined;
};

/** Parses `jj log -r @ -T WORKING_COPY_TEMPLATE`: exactly one commit with its changed files. */
export const parseWorkingCopy = (stdout: string): Result<JjWorkingCopy, ParseError> => parseSingle(stdout, decodeWorkingCopy, 'working-copy commit');
