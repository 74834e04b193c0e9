import { err, ok, type Result } from 'neverthrow';
import { parseError, type ParseError } from '../../core/errors.js';
import type { StatusEntry } from '../../core/chezmoi.js';

// `chezmoi status` has no JSON/NUL form in 2.73. Its format is fixed by design (git-style):
// two status letters from [ ADMR], one space, the path. With `--path-style=absolute` every path
// starts with "/", so each line is checkable; only a newline inside a file name could break
// it, and such a line fails the check (a parse error, never a wrong path).
const LINE = /^([ ADMR])([ ADMR]) (\/.*)$/;

/**
 * Parses `chezmoi status --path-style=absolute`.
 * @example parseStatus('MM /home/me/.bashrc\n') // ok([{ target: '/home/me/.bashrc', lastWritten: 'M', apply: 'M' }])
 */
export const parseStatus = (stdout: string): Result<readonly StatusEntry[], ParseError> => {
  const out: StatusEntry[] = [];
  const lines = stdout.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) {
    const m = LINE.exec(line);
    if (m === null) return err(parseError(`unexpected line in \`chezmoi status\`: ${JSON.stringify(line.slice(0, 200))}`, stdout));
    out.push({ target: m[3] ?? '', lastWritten: m[1] ?? ' ', apply: m[2] ?? ' ' });
  }
  return ok(out);
};
