// `git push --porcelain` → one status per ref. Pure.
import { err, ok, type Result } from 'neverthrow';
import { parseError, type ParseError } from '../../core/errors.js';

/** What git did with one ref: `flag` is ' ' (fast-forward), '+' (forced), '-' (deleted), '*' (new), '=' (up to date), '!' (rejected). */
export interface PushRefStatus {
  readonly flag: ' ' | '+' | '-' | '*' | '=' | '!';
  readonly from: string;
  readonly to: string;
  /** e.g. `[rejected]`, `[new branch]`, `a1b2..c3d4`. */
  readonly summary: string;
  /** The parenthesised reason, e.g. `stale info`, `fetch first`. */
  readonly reason?: string;
}

/**
 * Parses `git push --porcelain`: `To URL`, then `FLAG\tFROM:TO\tSUMMARY (REASON)` per ref, then `Done`.
 *
 * @example parsePushPorcelain('To r\n!\trefs/heads/main:refs/heads/main\t[rejected] (stale info)\nDone\n')
 */
export const parsePushPorcelain = (stdout: string): Result<PushRefStatus[], ParseError> => {
  const out: PushRefStatus[] = [];
  for (const line of stdout.split('\n')) {
    if (!line.includes('\t')) continue;
    const [flag = '', refs = '', summaryAndReason = ''] = line.split('\t');
    const colon = refs.lastIndexOf(':');
    if (!/^[ +\-*=!]$/.test(flag) || colon < 0) {
      return err(parseError(`git push: unexpected line ${JSON.stringify(line.slice(0, 120))}`, stdout));
    }
    const m = /^(.*?)(?: \((.*)\))?$/.exec(summaryAndReason);
    out.push({
      flag: flag as PushRefStatus['flag'],
      from: refs.slice(0, colon),
      to: refs.slice(colon + 1),
      summary: m?.[1] ?? summaryAndReason,
      ...(m?.[2] !== undefined ? { reason: m[2] } : {}),
    });
  }
  return ok(out);
};
