// `git diff --name-status -z` → FileChange[]. Pure.
import { err, ok, type Result } from 'neverthrow';
import { parseError, type ParseError } from '../../core/errors.js';
import type { ChangeKind, FileChange } from '../../core/vcs.js';

const KINDS: Readonly<Record<string, ChangeKind>> = { A: 'added', M: 'modified', T: 'modified', D: 'deleted', U: 'conflicted' };

/**
 * Parses `git diff --name-status -z`: `STATUS\0path\0`, or `R100\0old\0new\0` for renames and
 * copies (reported under the new path; we run with `--no-renames`, so they should not occur).
 *
 * @example parseNameStatus('M\0dot_bashrc\0') // ok([{ path: 'dot_bashrc', kind: 'modified' }])
 */
export const parseNameStatus = (stdout: string): Result<FileChange[], ParseError> => {
  const t = stdout.split('\0');
  const out: FileChange[] = [];
  let i = 0;
  while (i < t.length) {
    const status = t[i] ?? '';
    if (status === '' && i === t.length - 1) break;
    const letter = status[0] ?? '';
    if (letter === 'R' || letter === 'C') {
      const to = t[i + 2];
      if (to === undefined || to === '') return err(parseError('git diff: a rename without its new path', stdout));
      out.push({ path: to, kind: letter === 'R' ? 'renamed' : 'added' });
      i += 3;
      continue;
    }
    const path = t[i + 1];
    if (!/^[A-Z]$/.test(status) || path === undefined || path === '') {
      return err(parseError(`git diff: unexpected entry ${JSON.stringify(status)}`, stdout));
    }
    out.push({ path, kind: KINDS[letter] ?? 'other' });
    i += 2;
  }
  return ok(out);
};
