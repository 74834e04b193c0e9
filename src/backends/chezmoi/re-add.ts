import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ok, okAsync, ResultAsync } from 'neverthrow';
import type { ManagedFile, ReAddReport } from '../../core/chezmoi.js';
import { ioError, type SyncError } from '../../core/errors.js';
import { isPlainSource } from '../../core/sync/capture.js';
import { addPlainArgs, reAddArgs, reAddStatusArgs } from './commands.js';
import { probeHome } from './home-probe.js';
import { managedEntries } from './managed.js';
import { parseStatus } from './parse-status.js';
import { runChezmoi } from './runner.js';
import type { ChezmoiSettings } from './settings.js';
import { reAddSkipReason, SKIP_REASONS } from './source-names.js';
import { makeDirs } from '../fs/make-dirs.js';

// chezmoi 2.73 `re-add` copies HOME over the source for plain files (encrypted_ ones are
// re-encrypted in place, name kept), skips templates and symlinks silently (exit 0), skips a
// target missing from HOME silently, fails on an unmanaged target, and records what it copied
// in its state database (the next `status` has a blank first column, the next `apply` of
// that target does not see a HOME edit). Here every skip is reported with its reason.

type Skipped = ReAddReport['skipped'][number];

// chezmoi's own `git.autoAdd/autoCommit/autoPush` (common in dotfiles config templates) fire
// after `re-add` changed the source dir: chezmoi commits and pushes behind the sync's back, a
// push that fails on a concurrent edit fails the re-add, and in a colocated jj repository the
// next jj command ends in "Newly-created commit … already exists". For the `re-add` process
// only, git is pointed at an empty throwaway repository: chezmoi's `git status` there is clean,
// so it commits and pushes nothing; the engine commits the change itself.
const withoutGit = <T>(settings: ChezmoiSettings, run: (quiet: ChezmoiSettings) => ResultAsync<T, SyncError>): ResultAsync<T, SyncError> => {
  const made = ResultAsync.fromPromise(
    (async () => {
      const dir = await mkdtemp(join(tmpdir(), 'chezmoi-sync-nogit-'));
      await makeDirs(join(dir, 'git/objects'));
      await makeDirs(join(dir, 'git/refs/heads'));
      await mkdir(join(dir, 'tree'));
      await writeFile(join(dir, 'git/HEAD'), 'ref: refs/heads/main\n');
      return dir;
    })(),
    (e) => ioError(`could not make a scratch directory for chezmoi: ${String(e)}`),
  );
  return made.andThen((dir) => {
    const env = { ...settings.env, GIT_DIR: join(dir, 'git'), GIT_WORK_TREE: join(dir, 'tree'), GIT_INDEX_FILE: undefined, GIT_COMMON_DIR: undefined, GIT_OBJECT_DIRECTORY: undefined };
    const cleanUp = (): Promise<void> => rm(dir, { recursive: true, force: true }).catch(() => undefined);
    return new ResultAsync(
      (async () => {
        const r = await run({ ...settings, env });
        await cleanUp();
        return r;
      })(),
    );
  });
};

const baseName = (p: string): string => p.slice(p.lastIndexOf('/') + 1);

/**
 * Whether chezmoi's config asks it to refuse secrets on add (`[add] secrets = "error"`, in any
 * of its formats): then `add` keeps chezmoi's own scan. Otherwise that scan only warns (or is
 * off), and `add` skips it. Read as text: a match anywhere errs towards keeping the scan.
 */
export const SECRETS_ERROR = /secrets["']?\s*[:=]\s*["']?error/i;
const secretsMode = (settings: ChezmoiSettings): Promise<'ignore' | 'error'> =>
  Promise.all((settings.configFiles ?? []).map((f) => readFile(f, 'utf8').catch(() => ''))).then((texts) => (texts.some((t) => SECRETS_ERROR.test(t)) ? 'error' : 'ignore'));

/**
 * The managed entries of `targets`: from `known` (the caller's `managed()` list, read since the
 * source dir last changed) when it names a source for every target, else one `chezmoi managed`.
 */
const entriesOf = (settings: ChezmoiSettings, targets: readonly string[], known: readonly ManagedFile[] | undefined): ResultAsync<readonly { target: string; source: string }[], SyncError> => {
  const bySource = new Map((known ?? []).flatMap((m) => (m.source !== undefined ? [[m.target, m.source] as const] : [])));
  if (known !== undefined && targets.every((t) => bySource.has(t))) return okAsync(targets.map((t) => ({ target: t, source: bySource.get(t) ?? '' })));
  return managedEntries(settings, targets);
};

/** Sorts targets into re-addable ones and skips (managed + HOME probe), then re-adds. */
const reAddTargets = (
  settings: ChezmoiSettings,
  targets: readonly string[],
  skipped: readonly Skipped[],
  known?: readonly ManagedFile[],
): ResultAsync<ReAddReport, SyncError> => {
  if (targets.length === 0) return okAsync({ updated: [], skipped });
  return ResultAsync.combine([entriesOf(settings, targets, known), probeHome(targets)]).andThen(([entries, home]) => {
    const bySource = new Map(entries.map((e) => [e.target, e]));
    const plain: string[] = [];
    const skips: Skipped[] = [...skipped];
    for (const t of targets) {
      const entry = bySource.get(t);
      const reason =
        entry === undefined
          ? SKIP_REASONS.notManaged
          : (reAddSkipReason(baseName(entry.source)) ??
            (home.get(t)?.kind === 'missing' ? SKIP_REASONS.missing : home.get(t)?.kind !== 'file' ? SKIP_REASONS.notFile : undefined));
      if (reason === undefined) plain.push(t);
      else skips.push({ target: t, reason });
    }
    if (plain.length === 0) return okAsync({ updated: [], skipped: skips });
    // Plain sources through `add` (the same result, without chezmoi's slow secret scan); the
    // rest (encrypted, create_) through `re-add`, which keeps their attributes.
    const viaAdd = plain.filter((t) => isPlainSource(bySource.get(t)?.source ?? ''));
    const viaReAdd = plain.filter((t) => !viaAdd.includes(t));
    const added = (quiet: ChezmoiSettings): ResultAsync<void, SyncError> =>
      ResultAsync.fromSafePromise(secretsMode(settings)).andThen((secrets) => runChezmoi(quiet, addPlainArgs(viaAdd, secrets), () => ok(undefined)));
    return withoutGit(settings, (quiet) =>
      (viaAdd.length > 0 ? added(quiet) : okAsync(undefined)).andThen(() =>
        viaReAdd.length > 0 ? runChezmoi(quiet, reAddArgs(viaReAdd), () => ok(undefined)) : okAsync(undefined),
      ),
    ).map(() => ({ updated: plain, skipped: skips }));
  });
};

/**
 * `reAdd(targets)`: exactly those targets. `reAdd()`: every target HOME changed since chezmoi
 * last wrote it (status first column), never one that is merely older than the source —
 * re-adding that would revert an incoming change.
 *
 * Processes: `reAdd()` 1 when nothing was edited (status), else 3 (status, managed, re-add);
 * `reAdd(targets)` 2 (managed, re-add), 1 when all are skipped; 1 (re-add) with `known` covering the targets.
 */
export const reAdd = (settings: ChezmoiSettings, targets?: readonly string[], known?: readonly ManagedFile[]): ResultAsync<ReAddReport, SyncError> => {
  if (targets !== undefined) return reAddTargets(settings, [...new Set(targets)], [], known);
  return runChezmoi(settings, reAddStatusArgs(), parseStatus).andThen((status) => {
    const edited = status.filter((s) => s.lastWritten !== ' ' && s.apply !== ' ');
    const deleted = edited.filter((s) => s.lastWritten === 'D').map((s) => ({ target: s.target, reason: SKIP_REASONS.missing }));
    return reAddTargets(
      settings,
      edited.filter((s) => s.lastWritten !== 'D').map((s) => s.target),
      deleted,
    );
  });
};
