import { err, ok, type Result } from 'neverthrow';
import { parseError, type ParseError } from '../../core/errors.js';

// What info() reads: remotes and the trunk name, from git's config and refs and jj's trunk() alias.

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
