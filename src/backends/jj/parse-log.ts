import type { Result } from 'neverthrow';
import type { ParseError } from '../../core/errors.js';
import type { CommitInfo } from '../../core/vcs.js';
import { isRecord, isString, isStringArray, parseJsonLines, parseSingle } from './parse-json-lines.js';

/** A commit as printed by `COMMIT_TEMPLATE`, with the flags the backend decides on. */
export interface JjCommit {
  readonly info: CommitInfo;
  /** Same tree as its parent (jj's fresh working-copy commit is empty). */
  readonly empty: boolean;
  readonly conflict: boolean;
}

const decodeSignature = (v: unknown): CommitInfo['author'] | undefined =>
  isRecord(v) && isString(v['name']) && isString(v['email']) && isString(v['timestamp'])
    ? { name: v['name'], email: v['email'], timestamp: v['timestamp'] }
    : undefined;

// jj ends descriptions with a newline; callers compare them with the message they gave.
const trimDescription = (d: string): string => d.replace(/\n+$/, '');

/** Decodes `{"commit": json(self), "empty": bool, "conflict": bool}`. */
export const decodeCommit = (v: unknown): JjCommit | undefined => {
  if (!isRecord(v) || typeof v['empty'] !== 'boolean' || typeof v['conflict'] !== 'boolean') return undefined;
  const c = v['commit'];
  if (!isRecord(c)) return undefined;
  const author = decodeSignature(c['author']);
  const { commit_id: id, change_id: changeId, description, parents } = c;
  if (!isString(id) || !isString(changeId) || !isString(description) || !isStringArray(parents) || author === undefined) {
    return undefined;
  }
  return {
    info: { id, changeId, description: trimDescription(description), author, parents },
    empty: v['empty'],
    conflict: v['conflict'],
  };
};

/** Parses `jj log --no-graph -T COMMIT_TEMPLATE`. */
export const parseCommits = (stdout: string): Result<JjCommit[], ParseError> => parseJsonLines(stdout, decodeCommit, 'a commit');

/** Parses a log of exactly one commit (`-r @`). */
export const parseCommit = (stdout: string): Result<JjCommit, ParseError> => parseSingle(stdout, decodeCommit, 'commit');
