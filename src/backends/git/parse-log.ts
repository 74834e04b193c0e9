// `git log -z --format=LOG_FORMAT` → CommitInfo[]. Pure.
import { err, ok, type Result } from 'neverthrow';
import { parseError, type ParseError } from '../../core/errors.js';
import type { CommitInfo } from '../../core/vcs.js';

/**
 * Six NUL-separated fields per commit; with `-z` each commit ends with a NUL too. Only the last
 * field (the message) is free text, and a git commit message cannot hold a NUL.
 */
export const LOG_FORMAT = '%H%x00%P%x00%an%x00%ae%x00%aI%x00%B';
const FIELDS = 6;
const HEX = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/**
 * Parses commits printed with `git log -z --format=${LOG_FORMAT}`. The description is the raw
 * message without its final newline.
 *
 * @example parseLog(`${sha}\0${parent}\0Ann\0ann@x\x002026-01-02T03:04:05+01:00\0msg\n\0`)
 */
export const parseLog = (stdout: string): Result<CommitInfo[], ParseError> => {
  if (stdout === '') return ok([]);
  const t = stdout.split('\0');
  // A trailing NUL leaves one empty token after the last record.
  if (t.length % FIELDS === 1 && t[t.length - 1] === '') t.pop();
  if (t.length % FIELDS !== 0) return err(parseError(`git log: ${t.length} fields is not a multiple of ${FIELDS}`, stdout));
  const out: CommitInfo[] = [];
  for (let i = 0; i < t.length; i += FIELDS) {
    const [id = '', parents = '', name = '', email = '', timestamp = '', body = ''] = t.slice(i, i + FIELDS);
    const parentIds = parents === '' ? [] : parents.split(' ');
    if (!HEX.test(id) || !parentIds.every((p) => HEX.test(p))) {
      return err(parseError(`git log: ${JSON.stringify(id.slice(0, 80))} is not a commit id`, stdout));
    }
    out.push({
      id,
      changeId: id,
      description: body.replace(/\n$/, ''),
      author: { name, email, timestamp },
      parents: parentIds,
    });
  }
  return ok(out);
};
