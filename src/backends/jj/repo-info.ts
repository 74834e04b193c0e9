import { join } from 'node:path';
import { err, ok, okAsync, ResultAsync, safeTry } from 'neverthrow';
import type { SyncError } from '../../core/errors.js';
import type { RemoteInfo, RepoInfo } from '../../core/vcs.js';
import * as cmd from './commands.js';
import { readFile } from 'node:fs/promises';
import { ioError } from '../../core/errors.js';
import { validateRefName } from '../../core/validate.js';
import { memoized } from '../memo/stat-memo.js';
import { exists, gitDirOf } from './locate.js';
import { parseRemoteUrls } from '../git/parse-refs.js';
import { parseRemoteHead, parseTrunkAlias } from './parse-repo-info.js';
import { gitProcess, requireSuccess, runGit, runJjRaw } from './runner.js';
import { remoteBookmark } from './revsets.js';
import type { JjRepo } from './repo.js';

// `jj git remote list` has no template: remotes come from the git config file behind the
// repo, read with `git config --file` (a plain file read: no includes, no hooks).

/** A file's text, or undefined when it does not exist. */
const readOptional = (path: string): ResultAsync<string | undefined, SyncError> =>
  ResultAsync.fromPromise(
    readFile(path, 'utf8').catch((e: { code?: string }) => {
      if (e.code === 'ENOENT' || e.code === 'ENOTDIR') return undefined;
      throw e;
    }),
    (e) => ioError(`could not read ${path}: ${String(e)}`, path),
  );

/** The remote whose default branch is the trunk. */
export const TRUNK_REMOTE = 'origin';

// The answer depends on the config file alone (`--file` reads no includes): remembered while
// that file is unchanged (path, inode, size, mtime; git rewrites it by rename). The key names what
// is asked (fetch and push URLs): an entry of an earlier version, which asked for fetch URLs only,
// is never used for it.
const remotes = (s: JjRepo, gitDir: string): ResultAsync<RemoteInfo[], SyncError> => {
  const file = join(gitDir, 'config');
  const c = cmd.gitRemoteUrls(file);
  const ask = (): ResultAsync<string, SyncError> =>
    runGit(s.settings, c, s.root).andThen((out) =>
      // Exit 1: no key matched, i.e. no remotes.
      out.exitCode === 1 && out.stdout.length === 0 ? okAsync('') : requireSuccess(gitProcess(s.settings, c, s.root))(out).map((o) => o.stdout),
    );
  return memoized(s.settings.cacheDir, `git-config-remote-urls\0${file}`, [file], ask).andThen((stdout) => {
    const r = parseRemoteUrls(stdout);
    return r.isOk() ? okAsync(r.value) : err(r.error);
  });
};

/** Where git records the trunk remote's default branch (`git clone` writes it; a symbolic ref is never packed). */
const remoteHeadFile = (gitDir: string): string => join(gitDir, 'refs', 'remotes', TRUNK_REMOTE, 'HEAD');

/** The branch jj's `trunk()` alias names on the trunk remote (jj writes it on clone), if any. */
const aliasedTrunk = (s: JjRepo): ResultAsync<string | undefined, SyncError> =>
  runJjRaw(s.settings, cmd.trunkAlias(), s.root).map((alias) => {
    const named = alias.exitCode === 0 ? parseTrunkAlias(alias.stdout, TRUNK_REMOTE) : undefined;
    return named !== undefined && /^[A-Za-z0-9._/-]+$/.test(named) ? named : undefined;
  });

/**
 * jj's `trunk()` alias (written on clone/init: `main@origin`) follows the trunk when it names a
 * branch the remote no longer has: a default-branch rename the person followed. Left behind, every
 * jj command of theirs warns, and one whose own import drops the old branch is refused
 * ("Invalid `revset-aliases.immutable_heads()`"). An alias naming a branch that exists, or anything
 * but `<branch>@origin`, is the person's and stays. Asked once per change of origin/HEAD (memo,
 * in the state dir): no process on other runs.
 */
const followTrunkAlias = (s: JjRepo, gitDir: string, trunkName: string): ResultAsync<string, SyncError> => {
  // Without a state dir to remember the answer in (an SDK caller that gives none), never asked:
  // a process on every run is too much for what is jj's warning.
  const dir = s.settings.cacheDir;
  if (dir === undefined) return okAsync('not asked');
  return memoized(dir, `jj-trunk-alias\0${s.root}\0${trunkName}`, [remoteHeadFile(gitDir)], () =>
    safeTry(async function* () {
      if (validateRefName(trunkName).isErr()) return ok('kept');
      const named = yield* aliasedTrunk(s);
      if (named === undefined || named === trunkName) return ok('kept');
      // What the repository recorded is enough: a fetch (the sync's, or the person's) updates it.
      if ((yield* s.query(cmd.withoutSnapshot(cmd.logCommits(remoteBookmark(named, TRUNK_REMOTE))))).length > 0) return ok('kept');
      yield* s.run(cmd.setTrunkAlias(trunkName, TRUNK_REMOTE));
      return ok('followed');
    }),
  );
};

/**
 * The trunk: the remote's default branch as git recorded it (`refs/remotes/origin/HEAD`, set
 * by `git clone`), else the `trunk()` alias jj wrote on clone/init when it names a branch that
 * exists on the remote, else `main` when `main@origin` exists.
 */
const trunk = (s: JjRepo, gitDir: string): ResultAsync<string | undefined, SyncError> =>
  safeTry(async function* () {
    // The loose file is the whole truth, and reading it costs no process.
    const headFile = yield* readOptional(remoteHeadFile(gitDir));
    if (headFile !== undefined) {
      const name = parseRemoteHead(headFile.replace(/^ref: /, ''), TRUNK_REMOTE);
      if (name.isOk()) {
        // Best effort: a failure here leaves jj warning, as it did; the sync goes on.
        yield* followTrunkAlias(s, gitDir, name.value).orElse(() => okAsync('failed'));
        return ok(name.value);
      }
    }
    // jj wrote the alias itself on clone/init from the remote's default branch: trust it.
    const named = yield* aliasedTrunk(s);
    if (named !== undefined) return ok(named);
    for (const candidate of ['main']) {
      if (candidate === undefined || !/^[A-Za-z0-9._/-]+$/.test(candidate)) continue;
      const at = yield* s.remoteHead(remoteBookmark(candidate, TRUNK_REMOTE), `${candidate}@${TRUNK_REMOTE}`);
      if (at !== undefined) return ok(candidate);
    }
    return ok(undefined);
  });

/**
 * After `jj git clone`: records the branch jj's `trunk()` alias names where `git clone` would
 * have (`refs/remotes/origin/HEAD`, which jj does not import), so that every later run reads the
 * trunk from a file instead of asking jj. Never replaces one git recorded.
 */
export const recordRemoteHead = (s: JjRepo): ResultAsync<void, SyncError> =>
  safeTry(async function* () {
    const gitDir = yield* gitDirOf(s.root);
    if ((yield* readOptional(remoteHeadFile(gitDir))) !== undefined) return ok(undefined);
    const named = yield* aliasedTrunk(s);
    if (named === undefined) return ok(undefined);
    const c = cmd.gitSetRemoteHead(gitDir, TRUNK_REMOTE, named);
    yield* runGit(s.settings, c, s.root).andThen(requireSuccess(gitProcess(s.settings, c, s.root)));
    return ok(undefined);
  });

/** Root, colocation, remotes and trunk of a jj workspace. */
export const repoInfo = (s: JjRepo): ResultAsync<RepoInfo, SyncError> =>
  safeTry(async function* () {
    const colocated = yield* exists(join(s.root, '.git'));
    const gitDir = yield* gitDirOf(s.root);
    const rs = yield* remotes(s, gitDir);
    const t = rs.some((r) => r.name === TRUNK_REMOTE) ? yield* trunk(s, gitDir) : undefined;
    return ok({ root: s.root, backend: 'jj' as const, colocated, remotes: rs, ...(t !== undefined ? { trunk: t } : {}) });
  });
