// Every git command this backend runs, as data; a command whose output is read carries its
// parser (`{ args, parse }`, a `GitQuery`), so a call site runs it and never picks a parser.
// User values (already validated) go after `--` or into `=` forms; refs are always spelled out
// in full (`refs/heads/…`, `refs/remotes/…`).
import type { Result } from 'neverthrow';
import type { ParseError } from '../../core/errors.js';
import { DEFAULT_ALLOWED_PROTOCOLS } from '../../core/remote/remote-url.js';
import type { BranchInfo, CommitInfo, FileChange, OutgoingFile, RemoteInfo } from '../../core/vcs.js';
import type { GitCommand } from './runner.js';
import { parseNameStatus } from './parse-diff.js';
import { LOG_FORMAT, parseLog, parseSides, SIDES_FORMAT } from './parse-log.js';
import { OUTGOING_FORMAT, parseOutgoing } from './parse-outgoing.js';
import { parseBranches, parseRemoteUrls, REF_FORMAT } from './parse-refs.js';
import { parseWorkTree, type GitWorkTree } from './parse-status.js';

/** A command whose stdout is read: with the pure parser of that output. */
export interface GitQuery<T> extends GitCommand {
  readonly parse: (stdout: string) => Result<T, ParseError>;
}

/** Where a branch lives locally, and where its remote-tracking copy lives. */
export const localRef = (branch: string): string => `refs/heads/${branch}`;
export const trackingRef = (remote: string, branch: string): string => `refs/remotes/${remote}/${branch}`;

/** Protocols git may use by default (every command, set in the settings' environment); `ext::` is not among them. */
export const CLONE_PROTOCOLS = DEFAULT_ALLOWED_PROTOCOLS;

/** State files of operations that leave a repository half-done (`git rev-parse --git-path`). */
export const IN_PROGRESS_FILES = ['rebase-merge', 'rebase-apply', 'MERGE_HEAD', 'CHERRY_PICK_HEAD', 'REVERT_HEAD', 'BISECT_LOG'] as const;
/** The marker a sync's rebase writes in the git dir while it runs: a rebase of ours, safe to back out. */
export const OWN_REBASE_FILE = 'chezmoi-sync-rebase';
/** The marker `beginMerge` writes in the git dir: the MERGE_HEAD of our own merge. */
export const OWN_MERGE_FILE = 'chezmoi-sync-merge';
/** Every git-dir file the state checks read. */
export const STATE_FILES = [...IN_PROGRESS_FILES, OWN_REBASE_FILE, OWN_MERGE_FILE] as const;
/** Files git rewrites or appends to when HEAD or a branch moves (which exist depends on the ref storage): what a remembered answer is checked against. */
export const REF_FILES = ['HEAD', 'logs/HEAD', 'packed-refs', 'reftable/tables.list', 'refs'] as const;

export const version = (): GitCommand => ({ args: ['--version'] });
/** `gc --auto` with these thresholds instead of our per-command gc.auto=0, in the foreground (no lock held after we return). */
export const gcAuto = (loose: number, packs: number): GitCommand => ({
  args: ['gc', '--auto', '--quiet'],
  config: [`gc.auto=${loose}`, `gc.autoPackLimit=${packs}`, 'gc.autoDetach=false'],
});
export const showToplevel = (): GitCommand => ({ args: ['rev-parse', '--show-toplevel'] });
/**
 * The work tree's top (absolute), then the path of each of `names` in the git dir relative to the
 * current directory (`.git/HEAD`, `../.git/refs`): one per line, in this order. Relative, so that a
 * newline in the directory names above the repository shows only in the top, which is the rest.
 */
export const locate = (names: readonly string[]): GitCommand => ({
  args: ['rev-parse', '--path-format=absolute', '--show-toplevel', '--path-format=relative', ...names.flatMap((n) => ['--git-path', n])],
  readOnly: true,
});
/** Exit 1 with no output on a detached HEAD. */
export const headRef = (): GitCommand => ({ args: ['symbolic-ref', '-q', 'HEAD'], okExitCodes: [1], readOnly: true });
/** Exit 1 with no output when `rev` does not name a commit. */
export const revParseCommit = (rev: string): GitCommand => ({ args: ['rev-parse', '--verify', '-q', '--end-of-options', `${rev}^{commit}`], okExitCodes: [1], readOnly: true });
/** Exit 1 when not an ancestor. */
export const isAncestor = (ancestor: string, of: string): GitCommand => ({ args: ['merge-base', '--is-ancestor', ancestor, of], okExitCodes: [1], readOnly: true });

/**
 * What a commit would record, and the submodules whose checkout is not what the index holds
 * (`parseWorkTree`). `untracked: false` lists no untracked file (for the submodules alone).
 */
export const workTree = (o: { readonly untracked?: boolean } = {}): GitQuery<GitWorkTree> => ({
  args: ['status', '--porcelain=v2', '-z', `--untracked-files=${o.untracked === false ? 'no' : 'all'}`, '--no-renames', '--ignore-submodules=none'],
  readOnly: true,
  parse: parseWorkTree,
});
/**
 * Stages the whole work tree but the submodules in `leaveOut` (root-relative paths, taken
 * literally): a sync never stages a submodule's checkout (sync.md, submodules).
 */
export const addAll = (leaveOut: readonly string[] = []): GitCommand => ({
  args: leaveOut.length === 0 ? ['add', '-A'] : ['add', '-A', '--', ':/', ...leaveOut.map((p) => `:(top,exclude,literal)${p}`)],
});
/** Exit 1 when something is staged. */
export const stagedDiffers = (): GitCommand => ({ args: ['diff', '--cached', '--quiet', '--no-ext-diff'], okExitCodes: [1], readOnly: true });
/**
 * The sync's own commit. `--no-verify`: the person's pre-commit and commit-msg hooks are for their
 * commits at a terminal (their tools are often not on a timer's PATH, and would fail every sync);
 * jj runs no git hooks either.
 */
export const commit = (message: string): GitCommand => ({ args: ['commit', '-q', '--no-edit', '--no-verify', `--message=${message}`] });

/** How to list commits: newest first unless `reverse`; `notOnRemote` hides commits on any of that remote's branches. */
export interface LogOptions {
  readonly limit?: number;
  readonly reverse?: boolean;
  readonly notOnRemote?: string;
}

/** Commits of `revs` (e.g. `A..B`); the revisions come after `--end-of-options`. */
export const log = (revs: readonly string[], opts: LogOptions = {}): GitQuery<CommitInfo[]> => ({
  args: [
    'log',
    '-z',
    `--format=${LOG_FORMAT}`,
    ...(opts.limit !== undefined ? [`--max-count=${opts.limit}`] : []),
    ...(opts.reverse === true ? ['--reverse'] : []),
    // --not flips what follows until the next --not: the remote's branches become exclusions.
    ...(opts.notOnRemote !== undefined ? ['--not', `--remotes=${opts.notOnRemote}`, '--not'] : []),
    '--end-of-options',
    ...revs,
    '--',
  ],
  readOnly: true,
  parse: parseLog,
});

/** Commits on `right` and not `left` (ahead) and the other way round (behind), oldest first, from one walk. */
export const aheadBehind = (left: string, right: string): GitQuery<{ ahead: CommitInfo[]; behind: CommitInfo[] }> => ({
  args: ['log', '-z', '--left-right', `--format=${SIDES_FORMAT}`, '--reverse', '--end-of-options', `${left}...${right}`, '--'],
  readOnly: true,
  parse: (stdout) => parseSides(stdout).map((s) => ({ ahead: s.right, behind: s.left })),
});

/** Files added or modified by the commits of `head` not on any branch of `remote` (a merge: against its first parent). */
export const outgoingFiles = (remote: string, head: string): GitQuery<OutgoingFile[]> => ({
  args: [
    'log',
    '-z',
    `--format=${OUTGOING_FORMAT}`,
    '--name-only',
    '--no-renames',
    '--diff-filter=d',
    '--diff-merges=first-parent',
    '--no-ext-diff',
    '--not',
    `--remotes=${remote}`,
    '--not',
    '--end-of-options',
    head,
    '--',
  ],
  readOnly: true,
  parse: parseOutgoing,
});

export const remoteUrls = (): GitQuery<RemoteInfo[]> => ({ args: ['config', '-z', '--get-regexp', '^remote\\..*\\.(url|pushurl)$'], okExitCodes: [1], readOnly: true, parse: parseRemoteUrls });
export const remoteHeadRef = (remote: string): GitCommand => ({ args: ['symbolic-ref', '-q', `refs/remotes/${remote}/HEAD`], okExitCodes: [1], readOnly: true });
/** Local and remote-tracking branches; `remotes` tells remote-tracking refs from local names with a slash. */
export const forEachRef = (remotes: readonly string[] = []): GitQuery<BranchInfo[]> => ({
  args: ['for-each-ref', `--format=${REF_FORMAT}`, 'refs/heads', 'refs/remotes'],
  readOnly: true,
  parse: (stdout) => parseBranches(stdout, remotes),
});
export const nameStatus = (from: string, to: string): GitQuery<FileChange[]> => ({
  args: ['diff', '--name-status', '-z', '--no-renames', '--no-ext-diff', '--no-relative', from, to, '--'],
  readOnly: true,
  parse: parseNameStatus,
});

/** `--prune` only drops remote-tracking refs whose branch is gone on the remote; local branches stay. */
export const fetch = (remote: string): GitCommand => ({ args: ['fetch', '--prune', '--quiet', '--', remote], network: true, remote, remoteRefsOnly: true });

/** A plain rebase: no autostash, no autosquash, no update of other refs, no remembered resolutions. */
export const rebase = (onto: string): GitCommand => ({
  args: ['rebase', '--no-autosquash', onto],
  config: ['rebase.autoStash=false', 'rebase.updateRefs=false', 'rebase.autoSquash=false', 'rerere.enabled=false'],
  okExitCodes: [1],
});
export const rebaseAbort = (): GitCommand => ({ args: ['rebase', '--abort'] });
/**
 * Author, author date and subject of commits, one line each (fields NUL-separated): what a
 * rebase's pick keeps of the commit it copies. `revs`: hex ids, or one `<hex>..<hex>` range.
 */
export const pickedIdentities = (revs: readonly string[], walk: boolean): GitCommand => ({
  args: ['log', ...(walk ? [] : ['--no-walk=unsorted']), '--format=%an%x00%ae%x00%at%x00%s', '--end-of-options', ...revs, '--'],
  readOnly: true,
});
/** Tracked files changed in the work tree and not staged (NUL-separated; files in conflict are listed too). */
export const unstagedPaths = (): GitCommand => ({ args: ['diff', '--name-only', '-z', '--no-ext-diff', '--no-relative', '--diff-filter=AMDT'], readOnly: true });
/** Tracked files whose work-tree content differs from HEAD's, staged or not (NUL-separated; files in conflict are left out). */
export const changedSinceHead = (): GitCommand => ({ args: ['diff', '--name-only', '-z', '--no-ext-diff', '--no-relative', '--diff-filter=AMDT', 'HEAD', '--'], readOnly: true });
/** Files git does not track and does not ignore (NUL-separated). */
export const untrackedPaths = (): GitCommand => ({ args: ['ls-files', '--others', '--exclude-standard', '-z'], readOnly: true });
/** Conflicted paths, NUL-separated. */
export const unmergedPaths = (): GitCommand => ({ args: ['diff', '--name-only', '-z', '--diff-filter=U', '--no-ext-diff', '--no-relative'], readOnly: true });

/** Merges for a guided resolution: fast-forward allowed, no autostash, no remembered resolutions, no commit hooks (see commit); exit 1 = conflicts. */
export const merge = (theirs: string, message: string): GitCommand => ({
  args: ['merge', '--ff', '--no-edit', '--no-verify', `--message=${message}`, '--end-of-options', theirs],
  config: ['merge.autoStash=false', 'rerere.enabled=false'],
  okExitCodes: [1],
});
export const mergeAbort = (): GitCommand => ({ args: ['merge', '--abort'] });

/** Moves the checked-out branch; refuses (instead of losing) local changes that would be overwritten. */
export const resetKeep = (sha: string): GitCommand => ({ args: ['reset', '-q', '--keep', sha] });
/** Stages the whole work tree (untracked files too, ignored ones not) into the index file `index`, not the repository's. */
export const addAllTo = (index: string): GitCommand => ({ args: ['add', '-A'], env: { GIT_INDEX_FILE: index }, readOnly: true });
/** The tree the index file `index` holds, written to the object store; stdout: its id. */
export const writeTreeFrom = (index: string): GitCommand => ({ args: ['write-tree'], env: { GIT_INDEX_FILE: index }, readOnly: true });
/** Makes the work tree hold `tree` (files it lacks that git tracks are removed); the index is left alone. */
export const restoreWorkTree = (tree: string): GitCommand => ({ args: ['restore', `--source=${tree}`, '--worktree', '--', '.'] });
export const branchForce = (name: string, sha: string): GitCommand => ({ args: ['branch', '-f', '--', name, sha] });
/** One config value; exit 1 when unset. */
export const configGet = (key: string): GitCommand => ({ args: ['config', '--get', '--', key], okExitCodes: [1], readOnly: true });
/** Renames the checked-out branch (HEAD follows it). */
export const branchRenameCurrent = (to: string): GitCommand => ({ args: ['branch', '-m', '--', to] });
export const branchDelete = (name: string): GitCommand => ({ args: ['branch', '-D', '--', name] });

/**
 * Pushes `refs/heads/B` (or deletes it when `source` is empty) with a lease on where our
 * remote-tracking ref says the remote branch is: `expected` empty means "must not exist".
 */
export const push = (remote: string, branch: string, source: string, expected: string): GitCommand => ({
  args: ['push', '--porcelain', `--force-with-lease=${localRef(branch)}:${expected}`, '--', remote, `${source}:${localRef(branch)}`],
  network: true,
  remote,
  okExitCodes: [1],
});

export const init = (): GitCommand => ({ args: ['init', '-q'] });
export const clone = (url: string, path: string, redactedUrl: string): GitCommand => ({
  args: ['clone', '-q', '--', url, path],
  network: true,
  remote: redactedUrl,
});
