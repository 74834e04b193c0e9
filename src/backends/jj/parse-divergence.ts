import type { Result } from 'neverthrow';
import type { ParseError } from '../../core/errors.js';
import { isRecord, parseJsonLines } from './parse-json-lines.js';
import { decodeCommit, type JjCommit } from './parse-log.js';

/** One line of `logDivergence`: a commit and where it stands. */
export interface DivergenceEntry {
  readonly commit: JjCommit;
  readonly wc: boolean;
  readonly remote: boolean;
  readonly ahead: boolean;
  readonly behind: boolean;
}

const decode = (v: unknown): DivergenceEntry | undefined => {
  const commit = decodeCommit(v);
  if (commit === undefined || !isRecord(v)) return undefined;
  const { wc, remote, ahead, behind } = v;
  if (typeof wc !== 'boolean' || typeof remote !== 'boolean' || typeof ahead !== 'boolean' || typeof behind !== 'boolean') return undefined;
  return { commit, wc, remote, ahead, behind };
};

/** Parses `jj log -T <logDivergence template>` (oldest first). */
export const parseDivergence = (stdout: string): Result<DivergenceEntry[], ParseError> => parseJsonLines(stdout, decode, 'a divergence entry');
