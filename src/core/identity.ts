// Who the commits a backend makes are by: the person's name and email, and where each came from.
// Pure: the backends find the values, this module names them and builds the errors.
import { invalidInput, type ErrorDetails, type InvalidInputError } from './errors.js';

/** Where a name or email was found. */
export type IdentitySource = 'jj config' | 'git config' | 'environment';

/**
 * The name and email a backend's commits carry.
 *
 * @example
 * { name: 'Ann', email: 'ann@example.com', nameFrom: 'git config', emailFrom: 'git config' }
 */
export interface CommitIdentity {
  readonly name: string;
  readonly email: string;
  readonly nameFrom: IdentitySource;
  readonly emailFrom: IdentitySource;
}

/** One line for people: `Ann <ann@example.com> (from git config)`. */
export const describeIdentity = (id: CommitIdentity): string => {
  const from = id.nameFrom === id.emailFrom ? `from ${id.nameFrom}` : `name from ${id.nameFrom}, email from ${id.emailFrom}`;
  return `${id.name} <${id.email}> (${from})`;
};

/** What to run to give every backend an identity: git's config is read by jj too. */
export const IDENTITY_HINT =
  'set them once for git, jj uses them too: `git config --global user.name "Your Name"` and `git config --global user.email you@example.com`';

/**
 * Neither jj nor git has a name and email for commits: nothing may be committed (jj would make
 * commits it then refuses to push, git would guess an address).
 */
export const missingIdentity = (backend: 'jj' | 'git', missing: readonly ('name' | 'email')[], d?: ErrorDetails): InvalidInputError =>
  invalidInput(
    'identity',
    '',
    `no name and email to commit with: ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} set neither in ${backend === 'jj' ? "jj's nor in git's" : "git's"} configuration`,
    { ...d, hint: IDENTITY_HINT },
  );
