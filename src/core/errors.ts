/**
 * The error model shared by every port: plain objects, a union on `kind`.
 * Nothing throws across a port; every failure becomes one of these values.
 *
 * @example
 * const r = await vcs.fetch('origin');
 * if (r.isErr() && r.error.kind === 'network') console.log(r.error.hint);
 */
export type ErrorKind =
  | 'tool-missing'
  | 'tool-too-old'
  | 'not-a-repo'
  | 'network'
  | 'auth'
  | 'rejected'
  | 'conflict'
  | 'unsafe-state'
  | 'invalid-input'
  | 'parse'
  | 'command-failed'
  | 'io'
  | 'locked'
  | 'secrets-found';

/** What every error carries so that a person can act on it. */
export interface ErrorBase<K extends ErrorKind> {
  readonly kind: K;
  /** One line: what went wrong. */
  readonly message: string;
  /** argv of the failing command, credentials in URLs redacted. */
  readonly command?: readonly string[];
  readonly exitCode?: number;
  /** The last lines of stderr (bounded, redacted). */
  readonly stderr?: string;
  /** One line: what to do about it. */
  readonly hint?: string;
}

export type ToolMissingError = ErrorBase<'tool-missing'> & { readonly tool: string };
export type ToolTooOldError = ErrorBase<'tool-too-old'> & {
  readonly tool: string;
  readonly found: string;
  readonly required: string;
};
export type NotARepoError = ErrorBase<'not-a-repo'> & { readonly path: string };
export type NetworkError = ErrorBase<'network'>;
export type AuthError = ErrorBase<'auth'>;
export type RejectedError = ErrorBase<'rejected'> & { readonly ref?: string };
export type ConflictError = ErrorBase<'conflict'> & { readonly paths: readonly string[] };
export type UnsafeStateError = ErrorBase<'unsafe-state'> & { readonly state: string };
export type InvalidInputError = ErrorBase<'invalid-input'> & {
  readonly field: string;
  readonly value: string;
};
export type ParseError = ErrorBase<'parse'> & { readonly output: string };
export type CommandFailedError = ErrorBase<'command-failed'>;
export type IoError = ErrorBase<'io'> & { readonly path?: string };
export type LockedError = ErrorBase<'locked'> & { readonly lockPath: string; readonly holderPid?: number };
export type SecretsFoundError = ErrorBase<'secrets-found'> & {
  readonly files: readonly { readonly path: string; readonly reason: string; readonly commit?: string }[];
  /** Unpublished commits holding them (found before a push); absent when found before a commit. */
  readonly commits?: readonly string[];
};

/** Every error any port or the engine can return. */
export type SyncError =
  | ToolMissingError
  | ToolTooOldError
  | NotARepoError
  | NetworkError
  | AuthError
  | RejectedError
  | ConflictError
  | UnsafeStateError
  | InvalidInputError
  | ParseError
  | CommandFailedError
  | IoError
  | LockedError
  | SecretsFoundError;

/** Optional diagnostic fields any factory accepts. */
export interface ErrorDetails {
  command?: readonly string[];
  exitCode?: number;
  stderr?: string;
  hint?: string;
}

const details = (d: ErrorDetails | undefined): ErrorDetails => {
  const out: { -readonly [K in keyof ErrorDetails]: ErrorDetails[K] } = {};
  if (d?.command !== undefined) out.command = redactArgv(d.command);
  if (d?.exitCode !== undefined) out.exitCode = d.exitCode;
  if (d?.stderr !== undefined) out.stderr = excerpt(redact(d.stderr));
  if (d?.hint !== undefined) out.hint = d.hint;
  return out;
};

export const toolMissing = (tool: string, d?: ErrorDetails): ToolMissingError => ({
  kind: 'tool-missing',
  tool,
  message: `${tool} was not found`,
  hint: `install ${tool}, put it on PATH, or pass its path (env CHEZMOI_SYNC_${tool.toUpperCase()})`,
  ...details(d),
});

export const toolTooOld = (
  tool: string,
  found: string,
  required: string,
  d?: ErrorDetails,
): ToolTooOldError => ({
  kind: 'tool-too-old',
  tool,
  found,
  required,
  message: `${tool} ${found} is too old; ${required} or newer is required`,
  hint: `upgrade ${tool} to ${required} or newer`,
  ...details(d),
});

export const notARepo = (path: string, d?: ErrorDetails): NotARepoError => ({
  kind: 'not-a-repo',
  path,
  message: `${path} is not a repository`,
  hint: 'check the source directory, or clone the dotfiles repository first',
  ...details(d),
});

export const networkError = (message: string, d?: ErrorDetails): NetworkError => ({
  kind: 'network',
  message,
  hint: 'the remote could not be reached; local work is kept and the next run retries',
  ...details(d),
});

export const authError = (message: string, d?: ErrorDetails): AuthError => ({
  kind: 'auth',
  message,
  hint: 'check the SSH key or agent available to this process (see `chezmoi-sync doctor`)',
  ...details(d),
});

export const rejected = (message: string, ref?: string, d?: ErrorDetails): RejectedError => ({
  kind: 'rejected',
  message,
  ...(ref !== undefined ? { ref } : {}),
  hint: 'the remote moved since the last fetch; fetch and integrate again',
  ...details(d),
});

export const conflictError = (
  message: string,
  paths: readonly string[],
  d?: ErrorDetails,
): ConflictError => ({
  kind: 'conflict',
  message,
  paths,
  hint: 'run `chezmoi-sync conflicts` to see what to do',
  ...details(d),
});

export const unsafeState = (state: string, message: string, d?: ErrorDetails): UnsafeStateError => ({
  kind: 'unsafe-state',
  state,
  message,
  hint: 'finish or abort the operation in progress by hand, then run again',
  ...details(d),
});

export const invalidInput = (
  field: string,
  value: string,
  message: string,
  d?: ErrorDetails,
): InvalidInputError => ({
  kind: 'invalid-input',
  field,
  value,
  message,
  ...details(d),
});

export const parseError = (message: string, output: string, d?: ErrorDetails): ParseError => ({
  kind: 'parse',
  message,
  output: excerpt(output),
  hint: 'the tool printed something unexpected; please report it with the tool versions',
  ...details(d),
});

export const commandFailed = (message: string, d?: ErrorDetails): CommandFailedError => ({
  kind: 'command-failed',
  message,
  ...details(d),
});

export const ioError = (message: string, path?: string, d?: ErrorDetails): IoError => ({
  kind: 'io',
  message,
  ...(path !== undefined ? { path } : {}),
  ...details(d),
});

export const lockedError = (lockPath: string, holderPid?: number): LockedError => ({
  kind: 'locked',
  message: `another sync holds the lock ${lockPath}${holderPid !== undefined ? ` (pid ${holderPid})` : ''}`,
  lockPath,
  ...(holderPid !== undefined ? { holderPid } : {}),
  hint: 'wait for the other sync to finish; a lock left by a dead process is recovered automatically',
});

export const secretsFound = (
  files: readonly { path: string; reason: string; commit?: string }[],
  o: { readonly inHome?: readonly string[] } = {},
): SecretsFoundError => {
  const commits = [...new Set(files.flatMap((f) => (f.commit !== undefined ? [f.commit] : [])))];
  const inHome = o.inHome ?? [];
  if (inHome.length > 0) {
    // Found before a HOME edit was copied: the source dir never held it.
    return {
      kind: 'secrets-found',
      files,
      message: `refusing to capture what looks like secrets: ${inHome.map((t, i) => `${t} (${files[i]?.reason ?? ''})`).join(', ')}; nothing was copied into the source dir`,
      hint: 'take them out of those files in HOME, or keep them out of the repository: a template that reads them from a password manager, `chezmoi add --encrypt`, or .chezmoiignore',
    };
  }
  if (commits.length === 0) {
    return {
      kind: 'secrets-found',
      files,
      message: `refusing to commit what looks like secrets: ${files.map((f) => `${f.path} (${f.reason})`).join(', ')}`,
      hint: 'remove them from the source dir, add them with `chezmoi add --encrypt`, or list them in .chezmoiignore',
    };
  }
  return {
    kind: 'secrets-found',
    files,
    commits,
    message: `refusing to push what looks like secrets: ${files.map((f) => `${f.path} (${f.reason}) in commit ${(f.commit ?? '').slice(0, 12)}`).join(', ')}; nothing was pushed`,
    hint:
      'the commits stay local and HOME is untouched: take the file out of those commits (`chezmoi forget <target>` or `git rm --cached <file>`, then `git commit --amend` / `jj squash`; an older commit needs `git rebase -i` / `jj edit`), then encrypt it (`chezmoi add --encrypt`) or list it in .chezmoiignore',
  };
};

const URL_CREDENTIALS = /([a-z][a-z0-9+.-]*:\/\/)([^/@\s:]+)(:[^/@\s]*)?@/gi;

/** Replaces `user:password@` in URLs with `***@`. */
export const redact = (text: string): string => text.replace(URL_CREDENTIALS, '$1***@');

export const redactArgv = (argv: readonly string[]): readonly string[] => argv.map(redact);

const MAX_EXCERPT = 2000;

/** The last lines of a possibly long output, bounded so errors stay readable. */
export const excerpt = (text: string, max = MAX_EXCERPT): string => {
  const t = text.trim();
  return t.length <= max ? t : `…${t.slice(t.length - max)}`;
};

/** One human line for an error, used by the CLI and in logs. */
export const formatError = (e: SyncError): string =>
  e.hint !== undefined ? `${e.message} (${e.hint})` : e.message;
