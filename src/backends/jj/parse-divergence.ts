import type { Result } from 'neverthrow';
import type { ParseError } from '../../core/errors.js';
import type { FileChange } from '../../core/vcs.js';
import { decodeConflictedCommit, type ConflictedCommit } from './parse-conflicts.js';
import { decodeFileChanges } from './parse-diff.js';
import type { SeenUser } from './identity.js';
import { isRecord, isStringArray, parseJsonLines } from './parse-json-lines.js';
import { decodeCommit, type JjCommit } from './parse-log.js';

/** One line of `logDivergence`: a commit and where it stands. */
export interface DivergenceEntry {
  readonly commit: JjCommit;
  readonly wc: boolean;
  readonly remote: boolean;
  readonly ahead: boolean;
  readonly behind: boolean;
  /** The local bookmark of the branch points here and is not conflicted. */
  readonly branchHere: boolean;
  /** On no bookmark of the remote: the paths it adds or modifies; undefined when published. */
  readonly outgoing?: readonly string[];
  /** The working copy's changes against its parent(s); undefined for every other commit. */
  readonly changes?: readonly FileChange[];
  /**
   * On the working copy's entry: `user.name` and `user.email` as jj resolves them ('' when unset,
   * jj's default). Absent when either is not a string (a number in a config file).
   */
  readonly user?: SeenUser;
  /** Asked with `conflicts` (after a rebase): the commit's conflict when it is one the rebase left above the base. */
  readonly conflicted?: ConflictedCommit;
}

const decodeUser = (v: unknown): DivergenceEntry['user'] => {
  if (!Array.isArray(v) || v.length !== 2) return undefined;
  const [name, email] = v as unknown[];
  return typeof name === 'string' && typeof email === 'string' ? { name, email } : undefined;
};

const decode = (v: unknown): DivergenceEntry | undefined => {
  const commit = decodeCommit(v);
  if (commit === undefined || !isRecord(v)) return undefined;
  const { wc, remote, ahead, behind, branchHere, outgoing } = v;
  const changes = v['files'] === null ? null : decodeFileChanges(v['files']);
  if (typeof wc !== 'boolean' || typeof remote !== 'boolean' || typeof ahead !== 'boolean' || typeof behind !== 'boolean' || typeof branchHere !== 'boolean') {
    return undefined;
  }
  if ((outgoing !== null && !isStringArray(outgoing)) || changes === undefined || (changes !== null) !== wc) return undefined;
  const user = decodeUser(v['user']);
  // Absent (not asked) or null (not conflicted); anything else must be a conflicted commit.
  const conflicted = v['conflicted'] === undefined || v['conflicted'] === null ? null : decodeConflictedCommit(v['conflicted']);
  if (conflicted === undefined) return undefined;
  return {
    commit,
    wc,
    remote,
    ahead,
    behind,
    branchHere,
    ...(outgoing !== null ? { outgoing } : {}),
    ...(changes !== null ? { changes } : {}),
    ...(user !== undefined ? { user } : {}),
    ...(conflicted !== null ? { conflicted } : {}),
  };
};

/** Parses `jj log -T <logDivergence template>` (oldest first). */
export const parseDivergence = (stdout: string): Result<DivergenceEntry[], ParseError> => parseJsonLines(stdout, decode, 'a divergence entry');
