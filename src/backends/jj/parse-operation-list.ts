// `jj op log -T 'id ++ "\t" ++ parents.len() ++ "\t" ++ time.start() ++ "\n"'` → operations. Pure.
import { err, ok, type Result } from 'neverthrow';
import { parseError, type ParseError } from '../../core/errors.js';

/** One operation of the log, newest first. */
export interface OperationEntry {
  readonly id: string;
  readonly parents: number;
  /** jj's start time, as printed: the same operation keeps it when it is reparented. */
  readonly started: string;
}

/** Reads the operation list; any line that is not `hex-id TAB count TAB time` is a parse error. */
export const parseOperationList = (stdout: string): Result<OperationEntry[], ParseError> => {
  const out: OperationEntry[] = [];
  for (const line of stdout.split('\n')) {
    if (line === '') continue;
    const m = /^([0-9a-f]{12,128})\t(\d+)\t(.+)$/.exec(line);
    if (m === null) return err(parseError('could not read the operation log', line));
    out.push({ id: m[1] ?? '', parents: Number(m[2]), started: m[3] ?? '' });
  }
  return ok(out);
};
