import { err, ok, type Result } from 'neverthrow';
import { parseError, type ParseError } from '../../core/errors.js';

// What info() reads: remotes and the trunk name, from git's config and refs and jj's trunk() alias.

/**
 * Parses `git config --null --get-regexp '^remote\..*\.url$'`: records `key\nvalue\0`.
 * Returns remotes in file order.
 */
export const parseRemoteUrls = (stdout: string): Result<{ name: string; url: string }[], ParseError> => {
  const out: { name: string; url: string }[] = [];
  for (const record of stdout.split('\0')) {
    if (record.length === 0) continue;
    const nl = record.indexOf('\n');
    const key = nl < 0 ? record : record.slice(0, nl);
    const m = /^remote\.(.+)\.url$/.exec(key);
    if (m === null || nl < 0 || m[1] === undefined) return err(parseError('git printed an unexpected config entry', stdout));
    out.push({ name: m[1], url: record.slice(nl + 1) });
  }
  return ok(out);
};

/** Parses `git symbolic-ref refs/remotes/<remote>/HEAD`: `refs/remotes/<remote>/<branch>`. */
export const parseRemoteHead = (stdout: string, remote: string): Result<string, ParseError> => {
  const prefix = `refs/remotes/${remote}/`;
  const ref = stdout.trim();
  return ref.startsWith(prefix) && ref.length > prefix.length
    ? ok(ref.slice(prefix.length))
    : err(parseError(`git printed an unexpected ref for ${remote}/HEAD`, stdout));
};

/** Parses the `trunk()` alias when it is a plain `<branch>@<remote>`; anything else is not a name. */
export const parseTrunkAlias = (stdout: string, remote: string): string | undefined => {
  const m = /^([^@\s"'()]+)@([^@\s"'()]+)$/.exec(stdout.trim());
  return m !== null && m[2] === remote ? m[1] : undefined;
};
