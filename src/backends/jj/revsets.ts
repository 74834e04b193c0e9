import { err, ok, type Result } from 'neverthrow';
import { invalidInput, type InvalidInputError } from '../../core/errors.js';

// Revsets are a small language: user values enter them only as quoted string literals
// (names validated to contain no quote or backslash) or as validated hex commit ids.

/** A jj string literal; callers pass only validated names (no `"` or `\`). */
const quote = (s: string): string => JSON.stringify(s);

/** The commit a remote bookmark points to: `remote_bookmarks(exact:"main", exact:"origin")`. */
export const remoteBookmark = (branch: string, remote: string): string =>
  `remote_bookmarks(exact:${quote(branch)}, exact:${quote(remote)})`;

/** Every bookmark of one remote: used as the base when the branch does not exist there yet. */
export const anyRemoteBookmark = (remote: string): string => `remote_bookmarks(remote=exact:${quote(remote)})`;

/** A commit by full or abbreviated id; `commit_id()` so that a bookmark named like hex cannot shadow it. */
export const commitRev = (id: string): string => `commit_id(${id})`;

/**
 * Local work not on `base`: committed work only — never the working-copy commit, whose changes
 * are uncommitted (with `--no-commit` they must not be pushed), nor empty commits.
 */
export const aheadOf = (base: string): string => `(${base})..@ ~ empty() ~ @`;

/** Commits of `base` not in the local line. */
export const behind = (base: string): string => `@..(${base})`;

/** Conflicted commits of the local line above `base`, the empty working-copy commit excluded. */
export const conflictedAbove = (base: string): string => `conflicts() & ((${base})..@) ~ (empty() & @)`;

/** Conflicted commits anywhere in the local line (mutable ancestors of @). */
export const conflictedLocal = `conflicts() & (::@ & mutable())`;

/** The commit, when it is in the local line (an ancestor of @); empty for an unknown or hidden-away commit. */
export const inLine = (id: string): string => `${commitRev(id)} & ::@`;

/**
 * Versions of a change in the local line (a change id as jj prints it: letters k-z only, checked by
 * the parser that read it): the same change rebased, amended, or with a fix squashed in.
 */
export const changeInLine = (changeId: string): string => `change_id(${changeId}) & ::@`;

/** Commits of the local line from `head` down, newest first when listed. */
export const lineFrom = (head: string): string => `::(${head}) ~ root()`;

/**
 * A commit id from a caller: lowercase hex, abbreviated ids allowed (at least 4 digits).
 * @example validateCommitId('52c1f91a') // ok
 */
export const validateCommitId = (id: string, field = 'commit'): Result<string, InvalidInputError> =>
  /^[0-9a-f]{4,64}$/.test(id)
    ? ok(id)
    : err(invalidInput(field, id, `invalid commit id ${JSON.stringify(id)}: expected lowercase hex`));

/** An operation id (jj op log): lowercase hex. */
export const validateOperationId = (id: string): Result<string, InvalidInputError> =>
  /^[0-9a-f]{12,128}$/.test(id)
    ? ok(id)
    : err(invalidInput('checkpoint', id, `invalid jj operation id ${JSON.stringify(id)}`));

/** Commits a push of `branch` to `remote` would publish: its ancestors that no bookmark of the remote holds. */
export const unpublished = (branch: string, remote: string): string =>
  `::bookmarks(exact:${quote(branch)}) ~ ::${anyRemoteBookmark(remote)}`;

/** Commits with an empty author name or email (made while jj had no identity). */
export const authorless = `(author_name(exact:"") | author_email(exact:""))`;

/** Commits with an empty committer name or email. */
export const committerless = `(committer_name(exact:"") | committer_email(exact:""))`;
