// git's resolved identity, as both backends read it (jj falls back to it): the command, a pure
// parser of its output and where each value came from. No guessing: `user.useConfigOnly` makes git
// refuse instead of inventing `user@host.(none)` from the machine's names.
import { err, ok, type Result } from 'neverthrow';
import { parseError, type ParseError } from '../../core/errors.js';
import type { IdentitySource } from '../../core/identity.js';

export type IdentRole = 'author' | 'committer';

/** The `-c` setting that makes git refuse to guess an identity. */
export const IDENT_CONFIG = 'user.useConfigOnly=true';

/** `git var GIT_AUTHOR_IDENT` (or committer), to run with `-c IDENT_CONFIG`. */
export const identVarArgs = (role: IdentRole): readonly string[] => ['var', role === 'author' ? 'GIT_AUTHOR_IDENT' : 'GIT_COMMITTER_IDENT'];

/** What git says when it has no identity (commit, rebase, merge, `git var`), in any of its wordings. */
export const IDENTITY_UNKNOWN =
  /Please tell me who you are|unable to auto-detect (?:email address|name)|no (?:email|name) was given and auto-detection is disabled|empty ident name/;

export interface GitIdent {
  readonly name: string;
  readonly email: string;
}

/** Parses `Name <email> 1700000000 +0100`. */
export const parseGitIdent = (stdout: string): Result<GitIdent, ParseError> => {
  const m = /^(.*?) ?<([^<>]*)> \d+ [+-]\d{4}\r?\n?$/.exec(stdout);
  if (m === null) return err(parseError('git var printed no identity line', stdout));
  return ok({ name: m[1] ?? '', email: m[2] ?? '' });
};

type Env = Readonly<Record<string, string | undefined>>;

const set = (env: Env, k: string): boolean => (env[k] ?? '') !== '';

/** Where git took each value from: its variables (GIT_AUTHOR_NAME, …, EMAIL) or its config. */
export const gitIdentSources = (env: Env, role: IdentRole, ident: GitIdent): { nameFrom: IdentitySource; emailFrom: IdentitySource } => {
  const prefix = role === 'author' ? 'GIT_AUTHOR' : 'GIT_COMMITTER';
  return {
    nameFrom: set(env, `${prefix}_NAME`) ? 'environment' : 'git config',
    // EMAIL is git's last resort, after user.email: it counts only when it is what git chose.
    emailFrom: set(env, `${prefix}_EMAIL`) || (set(env, 'EMAIL') && env['EMAIL'] === ident.email) ? 'environment' : 'git config',
  };
};
