// jj (and the few git) commands the backend runs, as data: pure argv builders, no I/O; a
// command whose output is read carries its parser (`{ args, parse }`, a `JjQuery`), so a call
// site runs it and never picks a parser. The runner adds the global flags (-R, --no-pager,
// --color=never, --config ...). User values arrive validated; they go after `=` or `--`, or into
// revsets as quoted literals.
import type { Result } from 'neverthrow';
import type { ParseError } from '../../core/errors.js';
import type { BranchInfo, FileChange } from '../../core/vcs.js';
import { parseBookmarks } from './parse-bookmarks.js';
import { parseConflicts, type ConflictedCommit } from './parse-conflicts.js';
import { parseDiff } from './parse-diff.js';
import { parseDivergence, type DivergenceEntry } from './parse-divergence.js';
import { parseCommit, parseCommits, type JjCommit } from './parse-log.js';
import { parseOperationId } from './parse-operation.js';
import { LOGGED_OPERATION_TEMPLATE, parseLoggedOperations, type LoggedOperation } from './marked-rebase.js';
import { parseOperationList, type OperationEntry } from './parse-operation-list.js';
import { parseWorkingCopy, type JjWorkingCopy } from './parse-working-copy.js';
import { anyRemoteBookmark, conflictedAbove } from './revsets.js';

/** One jj invocation, before global flags are added. */
export interface JjCommand {
  /** Subcommand and its arguments. */
  readonly args: readonly string[];
  /** Talks to a remote: network timeout and network error classification apply. */
  readonly network?: boolean;
  /** Runs without `-R`, in this directory (init, root and clone work on a path, not a repo). */
  readonly cwd?: string;
}

/** A command whose stdout is read: with the pure parser of that output. */
export interface JjQuery<T> extends JjCommand {
  readonly parse: (stdout: string) => Result<T, ParseError>;
}

/** One git invocation on the git repository behind a jj repo (read-only queries). */
export interface GitCommand {
  readonly args: readonly string[];
}

// Templates: every byte we parse comes out of json(...), one JSON value per line.

/** The files a commit adds or modifies (a removal publishes nothing), as a JSON list. */
export const OUTGOING_PATHS = String.raw`json(self.diff().files().filter(|f| f.status() != "removed").map(|f| f.path()))`;

/** A commit with its empty/conflict flags. */
export const COMMIT_TEMPLATE = String.raw`"{\"commit\":" ++ json(self) ++ ",\"empty\":" ++ json(empty) ++ ",\"conflict\":" ++ json(conflict) ++ "}\n"`;

/** A changed file in `jj diff -T` (TreeDiffEntry keywords). */
export const DIFF_TEMPLATE = String.raw`"{\"path\":" ++ json(path) ++ ",\"status\":" ++ json(status) ++ ",\"conflict\":" ++ json(target.conflict()) ++ "}\n"`;

/**
 * A conflicted commit: its id, change id, the first line of its description, the conflicted paths
 * in its tree, and those its own diff touches (a commit that only inherits a conflict from its
 * parent touches none).
 */
const CONFLICT_OBJECT = String.raw`"{\"commit\":" ++ json(commit_id) ++ ",\"change\":" ++ json(change_id) ++ ",\"summary\":" ++ json(description.first_line()) ++ ",\"paths\":" ++ json(self.conflicted_files().map(|f| f.path())) ++ ",\"introduced\":" ++ json(self.diff().files().filter(|f| f.target().conflict()).map(|f| f.path())) ++ "}"`;
export const CONFLICTS_TEMPLATE = String.raw`${CONFLICT_OBJECT} ++ "\n"`;

/** A local or remote bookmark. */
export const BOOKMARK_TEMPLATE = String.raw`json(self) ++ "\n"`;

/** An operation id. */
export const OPERATION_TEMPLATE = String.raw`json(id) ++ "\n"`;

/** `jj --version`; the only command whose output is not a template. */
export const version = (): JjCommand => ({ args: ['--version'] });

/** `git --version` of the git that jj runs for fetch and push. */
export const gitVersion = (): GitCommand => ({ args: ['--version'] });

/** Finds the workspace root at or above `dir` (`-R` would demand the root itself). */
export const root = (dir: string): JjCommand => ({ args: ['root'], cwd: dir });

/** Makes a colocated jj repo in `dir` (must run with cwd, see tool-facts: `-R` fails here). */
export const gitInitColocate = (dir: string): JjCommand => ({ args: ['git', 'init', '--colocate'], cwd: dir });

/** Clones `url` into `dest` (absolute), colocated. */
export const gitClone = (url: string, dest: string, cwd: string): JjCommand => ({
  args: ['git', 'clone', '--colocate', '--', url, dest],
  network: true,
  cwd,
});

/** Tracks `branch@remote` so that the local bookmark follows it on fetch; the `@` form matches exactly. */
export const bookmarkTrack = (branch: string, remote: string): JjCommand => ({
  args: ['bookmark', 'track', '--', `${branch}@${remote}`],
});

/** Commits matching a revset, newest first (or oldest first with `reversed`). */
export const logCommits = (revset: string, opts: { limit?: number; reversed?: boolean } = {}): JjQuery<JjCommit[]> => ({
  args: [
    'log',
    '--no-graph',
    `--revisions=${revset}`,
    ...(opts.limit !== undefined ? [`--limit=${opts.limit}`] : []),
    ...(opts.reversed === true ? ['--reversed'] : []),
    `--template=${COMMIT_TEMPLATE}`,
  ],
  parse: parseCommits,
});

/** One commit (`@`, `@-`, a commit id), as `logCommits` reads it; more or fewer is a parse error. */
export const logCommit = (revision: string): JjQuery<JjCommit> => ({ ...logCommits(revision), parse: parseCommit });

/** Changes of the working-copy commit against its parent. */
export const diffWorkingCopy = (): JjQuery<FileChange[]> => ({ args: ['diff', '--revisions=@', `--template=${DIFF_TEMPLATE}`], parse: parseDiff });

/** A commit's changed files as a JSON array (DIFF_TEMPLATE's fields, as TreeDiffEntry methods). */
const CHANGED_FILES = String.raw`"[" ++ self.diff().files().map(|f| "{\"path\":" ++ json(f.path()) ++ ",\"status\":" ++ json(f.status()) ++ ",\"conflict\":" ++ json(f.target().conflict()) ++ "}").join(",") ++ "]"`;

/** The working-copy commit with its changes: `jj diff -r @` and `jj log -r @` in one. */
export const WORKING_COPY_TEMPLATE =
  String.raw`"{\"commit\":" ++ json(self) ++ ",\"empty\":" ++ json(empty) ++ ",\"conflict\":" ++ json(conflict) ++ ",\"files\":" ++ ` + CHANGED_FILES + String.raw` ++ "}\n"`;

/** The working-copy commit and its changes against its parent(s), snapshotting first. */
export const workingCopyWithChanges = (): JjQuery<JjWorkingCopy> => ({
  args: ['log', '--no-graph', '--revisions=@', `--template=${WORKING_COPY_TEMPLATE}`],
  parse: parseWorkingCopy,
});

/** Changes between two revisions. */
export const diffRange = (fromRev: string, toRev: string): JjQuery<FileChange[]> => ({
  args: ['diff', `--from=${fromRev}`, `--to=${toRev}`, `--template=${DIFF_TEMPLATE}`],
  parse: parseDiff,
});

/**
 * `q` without a snapshot of the working copy: it reads the repository as the last operation left
 * it, and may run beside another jj command without two snapshots racing.
 */
export const withoutSnapshot = <T>(q: JjQuery<T>): JjQuery<T> => ({ ...q, args: ['--ignore-working-copy', ...q.args] });

/** Files changed between two commits (neither side is @, so no snapshot is needed). */
export const diffCommits = (fromRev: string, toRev: string): JjQuery<FileChange[]> => withoutSnapshot(diffRange(fromRev, toRev));

/** Conflicted commits in a revset with their conflicted paths. */
export const logConflicts = (revset: string): JjQuery<ConflictedCommit[]> => ({
  args: ['log', '--no-graph', `--revisions=${revset}`, `--template=${CONFLICTS_TEMPLATE}`],
  parse: parseConflicts,
});

/** Commits the working copy as one commit with `message`; @ becomes a new empty commit on top. */
export const commit = (message: string): JjCommand => ({ args: ['commit', `--message=${message}`] });

/**
 * The current operation id. Without `--ignore-working-copy`: the snapshot taken first is part of
 * the recorded state, so restoring it never drops edits made before the call.
 */
export const currentOperation = (): JjQuery<string> => ({
  args: ['operation', 'log', '--no-graph', '--limit=1', `--template=${OPERATION_TEMPLATE}`],
  parse: parseOperationId,
});

/** Brings a stale working copy up to date, snapshotting what is on disk first. */
export const workspaceUpdateStale = (): JjCommand => ({ args: ['workspace', 'update-stale'] });

/** The working-copy commit as of an operation (read-only; `--at-op` implies no snapshot). */
export const workingCopyAt = (operation: string): JjQuery<JjCommit> => ({
  args: ['log', '--no-graph', `--at-operation=${operation}`, '--revisions=@', `--template=${COMMIT_TEMPLATE}`],
  parse: parseCommit,
});

/** Returns the repository (and the working-copy files) to an operation. */
export const operationRestore = (operation: string): JjCommand => ({ args: ['operation', 'restore', '--', operation] });

/**
 * Side heads that are divergent copies of a commit of the line: what `jj workspace update-stale`
 * makes of edits on disk when the operation the working copy missed rewrote its commit (the
 * snapshot becomes a sibling, and @ a fresh commit without them).
 */
export const DIVERGENT_SIDE_HEADS = 'visible_heads() & divergent() ~ ::@';

/** Moves the changes of `from` into @ (keeping @'s description); emptied sources are abandoned. */
export const squashInto = (from: string): JjCommand => ({ args: ['squash', `--from=${from}`, '--into=@', '--use-destination-message'] });

/** Reverts one operation alone, keeping every operation after it (the working-copy files follow). */
export const operationRevert = (operation: string): JjCommand => ({ args: ['operation', 'revert', '--', operation] });

/** The newest `limit` operations with what the recovery of a marked rebase reads (no snapshot). */
export const operationLog = (limit: number): JjQuery<LoggedOperation[]> => ({
  args: ['operation', 'log', '--no-graph', '--ignore-working-copy', `--limit=${limit}`, `--template=${LOGGED_OPERATION_TEMPLATE}`],
  parse: parseLoggedOperations,
});

/** Rebases the local line (branch of @) onto one revision, dropping commits the rebase empties. */
export const rebaseBranch = (onto: string): JjCommand => ({
  args: ['rebase', '--branch=@', `--onto=${onto}`, '--skip-emptied'],
});

/**
 * Fetches every branch of one remote, without a snapshot: a fetch only moves remote bookmarks
 * (the working-copy commit is a visible head, never rewritten by one), and the next command that
 * looks at @ snapshots whatever changed meanwhile. Saves one walk of the working copy per sync.
 */
export const gitFetch = (remote: string): JjCommand => ({
  args: ['--ignore-working-copy', 'git', 'fetch', `--remote=exact:${remote}`],
  network: true,
});

/**
 * Pushes one bookmark (creating, moving or deleting it on the remote) with jj's lease checks.
 * Commits without a description are allowed: a hand-made one must not block every later sync.
 */
export const gitPush = (remote: string, branch: string): JjCommand => ({
  args: ['git', 'push', `--remote=exact:${remote}`, `--bookmark=exact:${branch}`, '--allow-empty-description'],
  network: true,
});

/** Every local and remote bookmark. */
export const bookmarkList = (): JjQuery<BranchInfo[]> => ({
  args: ['bookmark', 'list', '--all-remotes', `--template=${BOOKMARK_TEMPLATE}`],
  parse: parseBookmarks,
});

/** Creates or moves a bookmark, sideways and backwards included. */
export const bookmarkSet = (name: string, revset: string): JjCommand => ({
  args: ['bookmark', 'set', `--revision=${revset}`, '--allow-backwards', '--', name],
});

/** Deletes a local bookmark; a later push deletes it on the remote. */
export const bookmarkDelete = (name: string): JjCommand => ({ args: ['bookmark', 'delete', '--', `exact:${name}`] });

/**
 * Tracks every remote's copy of `name` that is not tracked yet (a no-op otherwise). Deleting a
 * bookmark only deletes it on a remote through a tracked remote bookmark: a repository re-cloned
 * (or colocated by hand) holds the remote copy untracked, with no local bookmark to delete.
 */
export const bookmarkTrackAll = (name: string): JjCommand => ({ args: ['bookmark', 'track', '--', `exact:${name}`] });

/** A config entry with its value and the layer it came from. */
export const CONFIG_TEMPLATE = String.raw`json(self) ++ "\n"`;

/** jj's `user.name` / `user.email` as commits made in `dir` would see them (no `-R`: `dir` may be no repo). */
export const userConfig = (dir: string): JjCommand => ({ args: ['config', 'list', `--template=${CONFIG_TEMPLATE}`, '--', 'user'], cwd: dir });

/** Sets the author of each commit of a revset to the configured user (the committer follows). */
export const metaeditUpdateAuthor = (revset: string): JjCommand => ({ args: ['metaedit', '--update-author', '--', revset] });

/** Rewrites each commit of a revset unchanged, which stamps the configured user as committer. */
export const metaeditForceRewrite = (revset: string): JjCommand => ({ args: ['metaedit', '--force-rewrite', '--', revset] });

/** The `trunk()` alias, as jj clone/init wrote it (`main@origin`). */
export const trunkAlias = (): JjCommand => ({ args: ['config', 'get', 'revset-aliases."trunk()"'] });

/**
 * Sets the repo's `trunk()` alias to `<branch>@<remote>` (both validated names: the value is
 * never valid TOML, so jj keeps it as a string).
 */
export const setTrunkAlias = (branch: string, remote: string): JjCommand => ({
  args: ['config', 'set', '--repo', 'revset-aliases."trunk()"', `${branch}@${remote}`],
});

/** Remote URLs, fetch and push, from the git config file of the repo (read as a file: no includes, nothing runs). */
export const gitRemoteUrls = (configFile: string): GitCommand => ({
  args: ['config', `--file=${configFile}`, '--null', '--get-regexp', String.raw`^remote\..*\.(url|pushurl)$`],
});

/** Records the remote's default branch as `git clone` does (`refs/remotes/origin/HEAD`). */
export const gitSetRemoteHead = (gitDir: string, remote: string, branch: string): GitCommand => ({
  args: [`--git-dir=${gitDir}`, 'symbolic-ref', `refs/remotes/${remote}/HEAD`, `refs/remotes/${remote}/${branch}`],
});

/** A new working-copy commit with several parents (a merge), described at once. */
export const newMerge = (message: string, parents: readonly string[]): JjCommand => ({
  args: ['new', `--message=${message}`, '--', ...parents],
});

/** A fresh empty working-copy commit on top of @ (what `jj commit` leaves behind). */
export const newOnTop = (): JjCommand => ({ args: ['new'] });

/** A jj template string literal holding a revset (names in it are validated: no `"` or `\`). */
const templateString = (revset: string): string => JSON.stringify(revset);

/**
 * Everything `divergence` needs in one `jj log`: each commit of the local line, the remote
 * branch and the working copy, with where it stands (`contained_in` evaluates a revset per commit),
 * whether the local bookmark `branch` points there, settled (not conflicted), for a commit
 * on no bookmark of `remote` the files it adds or modifies (what the push guard reads), and for
 * the working copy its changes (what a status reads: `status` with a line asks this instead).
 */
export const logDivergence = (base: string, branch: string, remote: string, opts: { readonly conflicts?: boolean } = {}): JjQuery<DivergenceEntry[]> => {
  const ahead = `(${base})..@ ~ empty() ~ @`;
  const behind = `@..(${base})`;
  // Right after a rebase: the conflicted commits it left above the base too, each with its conflict.
  const conflicted = opts.conflicts === true ? conflictedAbove(base) : undefined;
  const template = String.raw`"{\"commit\":" ++ json(self) ++ ",\"empty\":" ++ json(empty) ++ ",\"conflict\":" ++ json(conflict)` +
    String.raw` ++ ",\"wc\":" ++ json(current_working_copy)` +
    String.raw` ++ ",\"files\":" ++ if(current_working_copy, ${CHANGED_FILES}, "null")` +
    // The name and email jj would commit with (its defaults are empty), read with the working copy:
    // no `jj config list` for the identity a commit or a rebase needs (identity.ts).
    String.raw` ++ ",\"user\":" ++ if(current_working_copy, "[" ++ json(config("user.name")) ++ "," ++ json(config("user.email")) ++ "]", "null")` +
    String.raw` ++ ",\"remote\":" ++ json(self.contained_in(${templateString(base)}))` +
    String.raw` ++ ",\"ahead\":" ++ json(self.contained_in(${templateString(ahead)}))` +
    String.raw` ++ ",\"behind\":" ++ json(self.contained_in(${templateString(behind)}))` +
    String.raw` ++ ",\"branchHere\":" ++ json(self.local_bookmarks().any(|b| b.name() == ${templateString(branch)} && !b.conflict()))` +
    String.raw` ++ ",\"outgoing\":" ++ if(self.contained_in(${templateString(`~(::${anyRemoteBookmark(remote)}) ~ root()`)}), ${OUTGOING_PATHS}, "null")` +
    (conflicted !== undefined ? String.raw` ++ ",\"conflicted\":" ++ if(self.contained_in(${templateString(conflicted)}), ${CONFLICT_OBJECT}, "null")` : '') +
    String.raw` ++ "}\n"`;
  return {
    args: ['log', '--no-graph', '--reversed', `--revisions=(${ahead}) | (${behind}) | (${base}) | @${conflicted !== undefined ? ` | (${conflicted})` : ''}`, `--template=${template}`],
    parse: parseDivergence,
  };
};

/** Every operation, newest first: id, number of parents, start time (read-only, no snapshot). */
export const operationList = (): JjQuery<OperationEntry[]> => ({
  args: ['operation', 'log', '--no-graph', '--ignore-working-copy', `--template=id ++ "\\t" ++ parents.len() ++ "\\t" ++ time.start() ++ "\\n"`],
  parse: parseOperationList,
});

/**
 * Abandons `operation` and all its ancestors; its descendants are reparented onto the root
 * operation (and get new ids). Not `--ignore-working-copy`: the working copy's operation must follow.
 */
export const operationAbandonUpTo = (operation: string): JjCommand => ({ args: ['operation', 'abandon', '--', `..${operation}`] });

/** Removes what no remaining operation reaches, older than jj's default expiry (two weeks). */
export const utilGc = (): JjCommand => ({ args: ['util', 'gc'] });
