import { err, ok, type Result } from 'neverthrow';
import { parseError, type ParseError } from '../../core/errors.js';
import { decodeConflictedCommit, type ConflictedCommit } from './parse-conflicts.js';
import { isRecord, parseJsonLines } from './parse-json-lines.js';
import { decodeCommit, type JjCommit } from './parse-log.js';

/** What `logAfterRebase` read: the working copy, and the conflicted commits above the base (newest first). */
export interface AfterRebase {
  readonly workingCopy: JjCommit;
  readonly conflicted: readonly ConflictedCommit[];
}

interface Row {
  readonly commit: JjCommit;
  readonly wc: boolean;
  readonly conflicted: ConflictedCommit | null;
}

const decode = (v: unknown): Row | undefined => {
  const commit = decodeCommit(v);
  if (commit === undefined || !isRecord(v) || typeof v['wc'] !== 'boolean') return undefined;
  const conflicted = v['conflicted'] === null ? null : decodeConflictedCommit(v['conflicted']);
  return conflicted === undefined ? undefined : { commit, wc: v['wc'], conflicted };
};

/** Parses `jj log -T <logAfterRebase template>`: exactly one working copy, any number of conflicted commits. */
export const parseAfterRebase = (stdout: string): Result<AfterRebase, ParseError> =>
  parseJsonLines(stdout, decode, 'a commit after the rebase').andThen((rows) => {
    const wcs = rows.filter((r) => r.wc);
    const [wc] = wcs;
    if (wc === undefined || wcs.length > 1) return err(parseError(`jj log: expected one working-copy commit, got ${wcs.length}`, stdout));
    return ok({ workingCopy: wc.commit, conflicted: rows.flatMap((r) => (r.conflicted !== null ? [r.conflicted] : [])) });
  });
