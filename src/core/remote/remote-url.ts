// A remote URL read from the repository's own config is as untrusted as one typed by a user:
// anything with write access to `.git/config` (a tool, a cloned script, a person) can set it.
// It is checked with the same rules as a configured URL before any fetch or push runs.
import { err, ok, type Result } from 'neverthrow';
import { invalidInput, unsafeState, type ErrorDetails, type InvalidInputError, type UnsafeStateError } from '../errors.js';
import type { RemoteInfo } from '../vcs.js';
import { validateRepoUrl } from '../validate.js';

/**
 * The URL of a remote found in the repository, refused (naming the remote and the URL) when it
 * could run a command or be read as an option — and so is each other URL git may talk to for it
 * (a second `url`, a `pushurl`: a push goes there).
 *
 * @example checkRepositoryRemote({ name: 'origin', url: 'ext::sh -c id' }) // err(invalid-input, field remoteUrl)
 */
export const checkRepositoryRemote = (remote: RemoteInfo): Result<string, InvalidInputError> => {
  const checked = validateRepoUrl(remote.url);
  if (checked.isErr()) return err(unsafeRemote(remote.name, remote.url, checked.error.message, `set a plain URL with \`git remote set-url ${remote.name} <url>\``));
  const fix = `remove it (\`git config --unset-all remote.${remote.name}.pushurl\` for a push URL, \`git remote set-url --delete ${remote.name} <pattern>\` for a second URL) or set a plain one`;
  for (const other of remote.otherUrls ?? []) {
    const o = validateRepoUrl(other);
    if (o.isErr()) return err(unsafeRemote(remote.name, other, o.error.message, fix));
  }
  return ok(checked.value);
};

const unsafeRemote = (name: string, url: string, why: string, fix: string): InvalidInputError =>
  invalidInput('remoteUrl', url, `the repository's remote ${name} has an unsafe URL: ${why}`, {
    hint: `nothing was fetched or pushed; ${fix} (ssh://, https://, git@host:path or a local path)`,
  });

/** Transports every git process may use unless a setting widens the list (git's `GIT_ALLOW_PROTOCOL`). */
export const DEFAULT_ALLOWED_PROTOCOLS = 'file:git:ssh:http:https';

/**
 * A colon-separated list of git transports for `GIT_ALLOW_PROTOCOL` (`allowProtocols` setting).
 * @example validateAllowedProtocols('file:git:ssh:http:https:ext') // ok
 */
export const validateAllowedProtocols = (value: string): Result<string, InvalidInputError> =>
  /^[a-z][a-z0-9+.-]*(:[a-z][a-z0-9+.-]*)*$/.test(value)
    ? ok(value)
    : err(
        invalidInput('allowProtocols', value, `invalid protocol list ${JSON.stringify(value)}: use git transport names separated by ":" (e.g. ${DEFAULT_ALLOWED_PROTOCOLS})`),
      );

/** git's own refusal of a transport outside `GIT_ALLOW_PROTOCOL` (directly, or inside jj's "External git program failed"). */
export const TRANSPORT_REFUSED = /transport '([^']*)' not allowed/;

/** The error for a transport git refused: a safety stop, never "offline". */
export const transportRefused = (stderr: string, d: ErrorDetails = {}): UnsafeStateError => {
  const transport = TRANSPORT_REFUSED.exec(stderr)?.[1] ?? 'unknown';
  return unsafeState('transport-not-allowed', `git refused the remote's transport "${transport}": it is not in the allowed protocols`, {
    ...d,
    hint: `the remote URL (or a url.*.insteadOf rewrite in the git config) uses "${transport}"; use ssh, https, git or a local path, or widen the allowProtocols setting if you trust it`,
  });
};
