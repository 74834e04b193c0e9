// Which identity jj commits with: jj's own `user.name`/`user.email` (config files or JJ_USER /
// JJ_EMAIL), else git's, handed to each jj process as JJ_USER / JJ_EMAIL — the person's jj config
// is only read, never written. Also the repair of commits an earlier version made without one.
import { err, ok, okAsync, safeTry, type Result, type ResultAsync } from 'neverthrow';
import type { SyncError } from '../../core/errors.js';
import { missingIdentity, type CommitIdentity } from '../../core/identity.js';
import { gitIdentSources, IDENT_CONFIG, identVarArgs, IDENTITY_UNKNOWN, parseGitIdent, type GitIdent } from '../identity/git-ident.js';
import * as cmd from './commands.js';
import { parseUserConfig, type JjUserConfig, type JjUserValue } from './parse-user-config.js';
import * as rev from './revsets.js';
import { gitProcess, requireSuccess, runGit, runJj } from './runner.js';
import type { JjSettings } from './settings.js';

/** The identity (or why there is none) and the environment that gives it to jj. */
export interface JjIdentity {
  readonly identity: Result<CommitIdentity, SyncError>;
  /** JJ_USER / JJ_EMAIL for the values jj's config lacks; empty when jj has both. */
  readonly env: Readonly<Record<string, string>>;
}

/** git's author identity seen from `dir`, or undefined when git has none configured. */
const gitIdent = (settings: JjSettings, dir: string): ResultAsync<GitIdent | undefined, SyncError> => {
  const c = { args: ['-c', IDENT_CONFIG, ...identVarArgs('author')] };
  return runGit(settings, c, dir).andThen((out) =>
    out.exitCode !== 0 && IDENTITY_UNKNOWN.test(out.stderr)
      ? okAsync(undefined)
      : requireSuccess(gitProcess(settings, c, dir))(out).andThen((o) => parseGitIdent(o.stdout)),
  );
};

/** `user.name` and `user.email` as a jj query in the repository resolved them ('' when unset). */
export interface SeenUser {
  readonly name: string;
  readonly email: string;
}

/** What jj resolved, named by where it came from: JJ_USER / JJ_EMAIL are jj's `env` layer. */
const fromSeen = (seen: SeenUser, env: Readonly<Record<string, string | undefined>>): JjUserConfig => {
  const value = (v: string, variable: string): JjUserValue | undefined =>
    v === '' ? undefined : { value: v, from: (env[variable] ?? '') !== '' ? 'environment' : 'jj config' };
  const name = value(seen.name, 'JJ_USER');
  const email = value(seen.email, 'JJ_EMAIL');
  return { ...(name !== undefined ? { name } : {}), ...(email !== undefined ? { email } : {}) };
};

/**
 * Resolves the identity for commits made in `dir`: one jj process, and one git process when jj
 * lacks a value. `seen`: what a query of the same repository already read of jj's config (the
 * status's `jj log` carries it): then no jj process.
 */
export const lookUpJjIdentity = (settings: JjSettings, dir: string, seen?: SeenUser): ResultAsync<JjIdentity, SyncError> =>
  safeTry(async function* () {
    // JJ_USER and JJ_EMAIL override every config file: no process needed to know the answer.
    const env: Readonly<Record<string, string | undefined>> = { ...process.env, ...settings.env };
    const [user, mail] = [env['JJ_USER'] ?? '', env['JJ_EMAIL'] ?? ''];
    if (user !== '' && mail !== '') return ok({ identity: ok({ name: user, email: mail, nameFrom: 'environment', emailFrom: 'environment' } as const), env: {} });
    const jj = seen !== undefined ? fromSeen(seen, env) : yield* parseUserConfig((yield* runJj(settings, cmd.userConfig(dir), undefined, { path: dir })).stdout);
    if (jj.name !== undefined && jj.email !== undefined) {
      return ok({ identity: ok({ name: jj.name.value, email: jj.email.value, nameFrom: jj.name.from, emailFrom: jj.email.from }), env: {} });
    }
    const git = yield* gitIdent(settings, dir);
    const sources = git !== undefined ? gitIdentSources(env, 'author', git) : undefined;
    const name = jj.name ?? (git !== undefined && git.name !== '' && sources !== undefined ? { value: git.name, from: sources.nameFrom } : undefined);
    const email = jj.email ?? (git !== undefined && git.email !== '' && sources !== undefined ? { value: git.email, from: sources.emailFrom } : undefined);
    if (name === undefined || email === undefined) {
      const missing = [...(name === undefined ? ['name' as const] : []), ...(email === undefined ? ['email' as const] : [])];
      return ok({ identity: err(missingIdentity('jj', missing)), env: {} });
    }
    return ok({
      identity: ok({ name: name.value, email: email.value, nameFrom: name.from, emailFrom: email.from }),
      env: { ...(jj.name === undefined ? { JJ_USER: name.value } : {}), ...(jj.email === undefined ? { JJ_EMAIL: email.value } : {}) },
    });
  });

/**
 * Gives the configured identity to the commits a push of `branch` would publish that have none
 * (made by an earlier version while jj had no identity; jj refuses to push them). Authorless
 * commits get the identity as author; the rewrite stamps it as committer on them and on everything
 * rebased above them; commits with an author but no committer are rewritten unchanged.
 */
export const repairAuthorless = (run: (c: cmd.JjCommand) => ResultAsync<string, SyncError>, branch: string, remote: string): ResultAsync<void, SyncError> => {
  const mine = rev.unpublished(branch, remote);
  return run(cmd.metaeditUpdateAuthor(`(${mine}) & ${rev.authorless}`))
    .andThen(() => run(cmd.metaeditForceRewrite(`(${mine}) & ${rev.committerless}`)))
    .map(() => undefined);
};
