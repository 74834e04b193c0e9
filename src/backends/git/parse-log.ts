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

/** The commit whose six fields start at `t[i]`. */
const commitAt = (t: readonly string[], i: number, stdout: string): Result<CommitInfo, ParseError> => {
  const [id = '', parents = '', name = '', email = '', timestamp = '', body = ''] = t.slice(i, i + FIELDS);
  const parentIds = parents === '' ? [] : parents.split(' ');
  if (!HEX.test(id) || !parentIds.every((p) => HEX.test(p))) {
    return err(parseError(`git log: ${JSON.stringify(id.slice(0, 80))} is not a commit id`, stdout));
  }
  return ok({ id, changeId: id, description: body.replace(/\n$/, ''), author: { name, email, timestamp }, parents: parentIds });
};

/** The NUL-separated tokens of `-z` output in records of `width`, or a parse error. */
const tokens = (stdout: string, width: number): Result<string[], ParseError> => {
  const t = stdout.split('\0');
  // A trailing NUL leaves one empty token after the last record.
  if (t.length % width === 1 && t[t.length - 1] === '') t.pop();
  return t.length % width === 0 ? ok(t) : err(parseError(`git log: ${t.length} fields is not a multiple of ${width}`, stdout));
};

/**
 * Parses commits printed with `git log -z --format=${LOG_FORMAT}`. The description is the raw
 * message without its final newline.
 *
 * @example parseLog(`${sha}\0${parent}\0Ann\0ann@x\x002026-01-02T03:04:05+01:00\0msg\n\0`)
 */
export const parseLog = (stdout: string): Result<CommitInfo[], ParseError> => {
  if (stdout === '') return ok([]);
  return tokens(stdout, FIELDS).andThen((t) => {
    const out: CommitInfo[] = [];
    for (let i = 0; i < t.length; i += FIELDS) {
      const c = commitAt(t, i, stdout);
      if (c.isErr()) return err(c.error);
      out.push(c.value);
    }
    return ok(out);
  });
};

/** `LOG_FORMAT` after the side mark of `--left-right` (`<` left, `>` right). */
export const SIDES_FORMAT = `%m%x00${LOG_FORMAT}`;

/** The commits of a symmetric difference `L...R`, printed with `git log -z --left-right --format=${SIDES_FORMAT}`, by side, in printed order. Pure. */
export const parseSides = (stdout: string): Result<{ left: CommitInfo[]; right: CommitInfo[] }, ParseError> => {
  const sides = { left: [] as CommitInfo[], right: [] as CommitInfo[] };
  if (stdout === '') return ok(sides);
  return tokens(stdout, FIELDS + 1).andThen((t) => {
    for (let i = 0; i < t.length; i += FIELDS + 1) {
      const mark = t[i];
      if (mark !== '<' && mark !== '>') return err(parseError(`git log: ${JSON.stringify(mark)} is not a side mark`, stdout));
      const c = commitAt(t, i + 1, stdout);
      if (c.isErr()) return err(c.error);
      (mark === '<' ? sides.left : sides.right).push(c.value);
    }
    return ok(sides);
  });
};
