// Which identity git commits with: what git itself resolves (its variables, then its config),
// never a guess from the machine's user and host names.
import { err, ok, safeTry, type Result, type ResultAsync } from 'neverthrow';
import { commandFailed, type SyncError } from '../../core/errors.js';
import { missingIdentity, type CommitIdentity } from '../../core/identity.js';
import { gitIdentSources, IDENT_CONFIG, IDENTITY_UNKNOWN, identVarArgs, parseGitIdent, type GitIdent, type IdentRole } from '../identity/git-ident.js';
import type { GitCommand, GitOutput } from './runner.js';

type Run = (c: GitCommand) => ResultAsync<GitOutput, SyncError>;

const identVar = (role: IdentRole): GitCommand => ({ args: [...identVarArgs(role)], config: [IDENT_CONFIG], okExitCodes: [128], readOnly: true });

type Missing = readonly ('name' | 'email')[];
const isMissing = (x: GitIdent | Missing): x is Missing => Array.isArray(x);

/** One role's identity, or what git lacks for it. */
const ident = (run: Run, role: IdentRole): ResultAsync<GitIdent | Missing, SyncError> =>
  run(identVar(role)).andThen((out): Result<GitIdent | Missing, SyncError> => {
    if (out.exitCode === 0) return parseGitIdent(out.stdout);
    // git stops at the first missing value (the email, then the name): say the one it names.
    if (IDENTITY_UNKNOWN.test(out.stderr)) return ok(/no name was given|empty ident name|auto-detect name/.test(out.stderr) ? ['name'] : ['email']);
    return err(commandFailed(`git var failed (exit ${out.exitCode})`, { command: ['git', ...identVar(role).args], exitCode: out.exitCode, stderr: out.stderr }));
  });

/**
 * The author identity of git's commits in a repository (or any directory), with where it came
 * from; `invalid-input` when git has none (or no committer). Two `git var` processes.
 */
export const lookUpGitIdentity = (run: Run, env: Readonly<Record<string, string | undefined>>): ResultAsync<CommitIdentity, SyncError> =>
  safeTry(async function* () {
    const author = yield* ident(run, 'author');
    if (isMissing(author)) return err(missingIdentity('git', author));
    const committer = yield* ident(run, 'committer');
    if (isMissing(committer)) return err(missingIdentity('git', committer));
    return ok({ name: author.name, email: author.email, ...gitIdentSources(env, 'author', author) });
  });
