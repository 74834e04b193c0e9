// The git `VcsFactory`: checks the git version once, then opens, inits and clones.
import { realpath, stat } from 'node:fs/promises';
import { cloneAtomically } from '../fs/atomic-clone.js';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, resolve } from 'node:path';
import { err, ok, Result, ResultAsync, safeTry } from 'neverthrow';
import { ioError, notARepo, redact, redactArgv, toolTooOld, type SyncError } from '../../core/errors.js';
import type { CommitIdentity } from '../../core/identity.js';
import { validatePath, validateRepoUrl } from '../../core/validate.js';
import type { ToolVersion, Vcs, VcsFactory } from '../../core/vcs.js';
import * as cmd from './commands.js';
import { makeGitVcs } from './vcs.js';
import { lookUpGitIdentity } from './identity.js';
import { toolVersionOutput } from '../memo/stat-memo.js';
import { compareVersions, parseToolVersion, type Version } from '../tool-version.js';
import type { GitSettings } from './settings.js';
import { makeGitRepo } from './repo.js';
import { locateCommand, parseLocation } from './location.js';
import { guardOpen } from './repo-state.js';
import { gitArgv, type GitCommand, type GitRunner } from './runner.js';
import { gitStreamer, type GitStreamer } from './stream.js';
import { makeDirs } from '../fs/make-dirs.js';

/**
 * The oldest git this backend accepts. Its commands need 2.30 (`rev-parse --end-of-options`,
 * `diff --no-relative`, `status --no-renames`); 2.34 made the `ort` merge the default, which
 * decides what a rebase counts as a conflict. Tested with 2.39 and 2.55.
 */
export const MIN_GIT: { readonly version: Version; readonly text: string } = { version: [2, 34, 0], text: '2.34.0' };

const isDirectory = (p: string): ResultAsync<boolean, never> =>
  ResultAsync.fromSafePromise(stat(p).then((s) => s.isDirectory(), () => false));

const makeDir = (path: string): ResultAsync<void, SyncError> =>
  ResultAsync.fromPromise(makeDirs(path), (e) => ioError(`could not create ${path}: ${String(e)}`, path)).map(() => undefined);

const realPath = (p: string): ResultAsync<string, never> => ResultAsync.fromSafePromise(realpath(p).catch(() => p));

/** A relative local path as URL is made absolute against our cwd, since git runs elsewhere. */
const absoluteLocalUrl = (url: string): string =>
  /^[a-z][a-z0-9+.-]*:\/\//i.test(url) || isAbsolute(url) || /^[^/]+:/.test(url) ? url : resolve(url);

/** The git `VcsFactory` over one set of settings and a runner. */
export const makeGitFactory = (settings: GitSettings, runner: GitRunner, streamer: GitStreamer = gitStreamer(settings)): VcsFactory => {
  const argvOf = (c: GitCommand): readonly string[] => gitArgv(settings, c);

  // Checked once per factory; a failure is not remembered, so installing git fixes it.
  let checked: Promise<Result<readonly ToolVersion[], SyncError>> | undefined;
  const check = (): ResultAsync<readonly ToolVersion[], SyncError> => {
    const p = (checked ??= Promise.resolve(
      toolVersionOutput(settings.cacheDir, settings.binary, settings.env['PATH'] ?? process.env['PATH'], () => runner(tmpdir(), cmd.version()).map((o) => o.stdout)).andThen((out) =>
        parseToolVersion(out, 'git').andThen((v) =>
          compareVersions(v.version, MIN_GIT.version) < 0
            ? err(toolTooOld('git', v.text, MIN_GIT.text, { command: argvOf(cmd.version()) }))
            : ok([{ tool: 'git', version: v.text, path: settings.binary }] as const),
        ),
      ),
    ).then((r) => {
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
      const located = yield* runner(abs, locateCommand());
      // git reports the git-dir paths relative to its physical working directory (symlinks resolved).
      const physical = yield* realPath(abs);
      const location = yield* parseLocation(located.stdout, physical).mapErr((e) => ({ ...e, command: redactArgv(argvOf(locateCommand())) }));
      const repo = makeGitRepo(location, runner, argvOf, streamer);
      // Opening writes nothing: a guided resolution or a rebase of ours may be in progress; acting is
      // guarded per operation, and what a killed run left is the sync's to recover (recoverInterrupted).
      yield* guardOpen(repo);
      return ok(makeGitVcs(repo, settings.env));
    });

  // Only the top of a work tree counts: a source dir inside some other repository (a HOME under
  // git) is not a dotfiles repository of its own.
  const isRepo = (path: string): ResultAsync<boolean, SyncError> =>
    safeTry(async function* () {
      const abs = resolve(yield* validatePath(path));
      if (!(yield* isDirectory(abs))) return ok(false);
      const top = await runner(abs, cmd.showToplevel());
      if (top.isErr()) return top.error.kind === 'not-a-repo' ? ok(false) : err(top.error);
      return ok(top.value.stdout.replace(/\r?\n$/, '') === (yield* realPath(abs)));
    });

  const init = (path: string): ResultAsync<Vcs, SyncError> =>
    safeTry(async function* () {
      const abs = resolve(yield* validatePath(path));
      yield* check();
      if (yield* isRepo(abs)) return ok(yield* open(abs));
      yield* makeDir(abs);
      yield* runner(abs, cmd.init());
      return ok(yield* open(abs));
    });

  const clone = (url: string, path: string): ResultAsync<Vcs, SyncError> =>
    safeTry(async function* () {
      const u = yield* validateRepoUrl(url);
      const abs = resolve(yield* validatePath(path));
      yield* check();
      // Whole or not at all: made beside the source dir, renamed into place when complete.
      yield* cloneAtomically(abs, (dir) => runner(dirname(dir), cmd.clone(absoluteLocalUrl(u), dir, redact(u))));
      return ok(yield* open(abs));
    });

  const identity = (dir: string): ResultAsync<CommitIdentity, SyncError> =>
    safeTry(async function* () {
      const abs = resolve(yield* validatePath(dir));
      return ok(yield* lookUpGitIdentity((c) => runner(abs, c), settings.env));
    });

  return { kind: 'git', check, open, init, clone, isRepo, identity };
};
