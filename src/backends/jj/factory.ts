import { cloneAtomically } from '../fs/atomic-clone.js';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { err, ok, okAsync, Result, ResultAsync, safeTry } from 'neverthrow';
import { ioError, notARepo, redact, toolTooOld, unsafeState, type SyncError } from '../../core/errors.js';
import type { CommitIdentity } from '../../core/identity.js';
import { validatePath, validateRepoUrl } from '../../core/validate.js';
import type { ToolVersion, Vcs, VcsFactory } from '../../core/vcs.js';
import * as cmd from './commands.js';
import { makeJjVcs } from './vcs.js';
import { makeJjRepo } from './repo.js';
import { lookUpJjIdentity } from './identity.js';
import { gitOperationInProgress, isDirectory } from './locate.js';
import { toolVersionOutput } from '../memo/stat-memo.js';
import { compareVersions, parseToolVersion } from '../tool-version.js';
import { recordRemoteHead, TRUNK_REMOTE } from './repo-info.js';
import { gitProcess, requireSuccess, runGit, runJj } from './runner.js';
import type { JjSettings } from './settings.js';
import { MIN_GIT, MIN_JJ } from './version.js';
import { makeDirs } from '../fs/make-dirs.js';

const makeDir = (path: string): ResultAsync<void, SyncError> =>
  ResultAsync.fromPromise(makeDirs(path), (e) => ioError(`could not create ${path}: ${String(e)}`, path)).map(
    () => undefined,
  );

/** A URL that is a relative local path: made absolute against our cwd, since jj runs elsewhere. */
const absoluteLocalUrl = (url: string): string =>
  /^[a-z][a-z0-9+.-]*:\/\//i.test(url) || isAbsolute(url) || /^[^/]+:/.test(url) ? url : resolve(url);

const versionCheck = (settings: JjSettings): ResultAsync<readonly ToolVersion[], SyncError> =>
  safeTry(async function* () {
    const path = settings.env['PATH'] ?? process.env['PATH'];
    const gitCmd = cmd.gitVersion();
    // Both asked at once (a first run, or after an upgrade; remembered otherwise); jj's answer is judged first.
    const [jjR, gitR] = await Promise.all([
      toolVersionOutput(settings.cacheDir, settings.jj, path, () => runJj(settings, cmd.version()).map((o) => o.stdout)),
      toolVersionOutput(settings.cacheDir, settings.git, path, () => runGit(settings, gitCmd).andThen(requireSuccess(gitProcess(settings, gitCmd))).map((o) => o.stdout)),
    ]);
    const jj = yield* parseToolVersion(yield* jjR, 'jj');
    if (compareVersions(jj.version, MIN_JJ.version) < 0) return err(toolTooOld('jj', jj.text, MIN_JJ.text));
    const git = yield* parseToolVersion(yield* gitR, 'git');
    if (compareVersions(git.version, MIN_GIT.version) < 0) {
      return err(toolTooOld('git', git.text, MIN_GIT.text, { hint: `jj runs git for fetch and push and needs git ${MIN_GIT.text} or newer` }));
    }
    return ok([
      { tool: 'jj', version: jj.text, path: settings.jj },
      { tool: 'git', version: git.text, path: settings.git },
    ] as const);
  });

/** The jj `VcsFactory` over fixed settings: checks versions once, then opens, inits and clones. */
export const makeJjFactory = (settings: JjSettings): VcsFactory => {
  // Checked once per factory; a failure is not remembered, so installing the tool fixes it.
  let checked: Promise<Result<readonly ToolVersion[], SyncError>> | undefined;
  const check = (): ResultAsync<readonly ToolVersion[], SyncError> => {
    const p = (checked ??= Promise.resolve(versionCheck(settings)).then((r) => {
      if (r.isErr()) checked = undefined;
      return r;
    }));
    return new ResultAsync(p);
  };

  const open = (path: string): ResultAsync<Vcs, SyncError> =>
    safeTry(async function* () {
      const abs = resolve(yield* validatePath(path));
      if (!(yield* isDirectory(abs))) return err(notARepo(abs, { hint: 'the directory does not exist' }));
      yield* check();
      // The workspace root itself (the usual case) needs no `jj root` process.
      const root = (yield* isDirectory(join(abs, '.jj')))
        ? abs
        : (yield* runJj(settings, cmd.root(abs), undefined, { path: abs })).stdout.replace(/\r?\n$/, '');
      const inProgress = yield* gitOperationInProgress(root);
      if (inProgress !== undefined) {
        return err(unsafeState(`git-${inProgress}`, `a git operation (${inProgress}) is in progress in ${root}`));
      }
      // Opening writes nothing of ours: a rebase a killed run left is the sync's to undo, under its
      // lock (recoverInterrupted) — a read-only command may open while a sync rebases.
      return ok(makeJjVcs(settings, root));
    });

  const isRepo = (path: string): ResultAsync<boolean, SyncError> =>
    validatePath(path).asyncAndThen((p) => isDirectory(join(resolve(p), '.jj')));

  const init = (path: string): ResultAsync<Vcs, SyncError> =>
    safeTry(async function* () {
      const abs = resolve(yield* validatePath(path));
      yield* check();
      if (yield* isRepo(abs)) return ok(yield* open(abs));
      yield* makeDir(abs);
      yield* runJj(settings, cmd.gitInitColocate(abs), undefined, { path: abs });
      const vcs = yield* open(abs);
      const info = yield* vcs.info();
      // The imported trunk starts untracked; tracking it makes it the local bookmark jj moves on fetch.
      if (info.trunk !== undefined && info.remotes.some((r) => r.name === TRUNK_REMOTE)) {
        yield* runJj(settings, cmd.bookmarkTrack(info.trunk, TRUNK_REMOTE), vcs.root);
      }
      return ok(vcs);
    });

  const clone = (url: string, path: string): ResultAsync<Vcs, SyncError> =>
    safeTry(async function* () {
      const u = yield* validateRepoUrl(url);
      const abs = resolve(yield* validatePath(path));
      yield* check();
      // Whole or not at all: made beside the source dir, renamed into place when complete.
      yield* cloneAtomically(abs, (dir) =>
        runJj(settings, cmd.gitClone(absoluteLocalUrl(u), dir, dirname(dir)), undefined, { path: abs, remote: redact(u) }).andThen(() =>
          // Best effort: without it, each run asks jj for the trunk (one process more).
          recordRemoteHead(makeJjRepo(settings, dir)).orElse(() => okAsync(undefined)),
        ),
      );
      return ok(yield* open(abs));
    });

  const identity = (dir: string): ResultAsync<CommitIdentity, SyncError> =>
    validatePath(dir).asyncAndThen((p) => lookUpJjIdentity(settings, resolve(p))).andThen((r) => r.identity);

  return { kind: 'jj', check, open, init, clone, isRepo, identity };
};
