// `chezmoi source-path`, remembered between runs (under the state dir) while nothing it follows
// from changed: chezmoi's config file (where `sourceDir` is set) and binary, the environment the
// default comes from (HOME, XDG_CONFIG_HOME, XDG_DATA_HOME), and every `.chezmoiroot` that could
// move the answer (in the directory found and in each directory above it: a `.chezmoiroot` in the
// working tree puts the source below it). An entry is used for one clock hour at most. Without a
// configured source dir every sync asked chezmoi this first (40–55 ms).
import { dirname, join } from 'node:path';
import { okAsync, ResultAsync } from 'neverthrow';
import type { SyncError } from '../../core/errors.js';
import { locateBinary, memoizedSettled, recall, type MemoDir } from '../memo/stat-memo.js';
import { sourcePathArgs } from './commands.js';
import { configFiles } from './managed-memo.js';
import { parseSourcePath } from './parse-source-path.js';
import { runChezmoi } from './runner.js';
import type { ChezmoiSettings } from './settings.js';

export interface SourcePathMemo {
  readonly dir: MemoDir;
  /** The config file chezmoi is given, else undefined (chezmoi looks in its config dir). */
  readonly config: string | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** `.chezmoiroot` in `path` and in each directory above it. Pure. */
export const rootMarkers = (path: string): string[] => {
  const out: string[] = [];
  for (let d = path; ; d = dirname(d)) {
    out.push(join(d, '.chezmoiroot'));
    if (dirname(d) === d) return out;
  }
};

const OK = 'unchanged';

/** The source dir as `chezmoi source-path` says, from the memo while what it follows from is unchanged. */
export const rememberedSourcePath = (settings: ChezmoiSettings, memo: SourcePathMemo): ResultAsync<string, SyncError> => {
  const run = (): ResultAsync<string, SyncError> => runChezmoi(settings, sourcePathArgs(), parseSourcePath);
  const env = (k: string): string => memo.env[k] ?? process.env[k] ?? '';
  const key = ['source-path', settings.binary, ...settings.globalArgs, env('HOME'), env('XDG_CONFIG_HOME'), env('XDG_DATA_HOME')].join('\0');
  const markersKey = (path: string): string => `${key}\0${path}`;
  return ResultAsync.fromSafePromise(locateBinary(settings.binary, memo.env['PATH'] ?? process.env['PATH'])).andThen((binary) => {
    if (binary === undefined || memo.dir === undefined) return run();
    const files = [binary, ...configFiles(memo)];
    const hour = String(Math.floor(Date.now() / 3_600_000));
    const fresh = (v: string): boolean => v.startsWith(`${hour}\n`);
    return ResultAsync.fromSafePromise(
      (async () => {
        // Both halves must hold: the config and binary, then the .chezmoiroot files around the answer.
        const known = await recall(memo.dir, key, files);
        if (known === undefined || !fresh(known)) return undefined;
        const path = known.slice(known.indexOf('\n') + 1);
        return (await recall(memo.dir, markersKey(path), rootMarkers(path))) === OK ? path : undefined;
      })(),
    ).andThen((path) =>
      path !== undefined
        ? okAsync<string, SyncError>(path)
        : // Asked afresh (the first half alone may still hold), then both halves remembered.
          memoizedSettled(
            memo.dir,
            key,
            files,
            () =>
              run().andThen((p) =>
                memoizedSettled(memo.dir, markersKey(p), rootMarkers(p), () => okAsync<string, SyncError>(OK), { isFresh: () => false }).map(() => `${hour}\n${p}`),
              ),
            { isFresh: () => false },
          ).map((v) => v.slice(v.indexOf('\n') + 1)),
    );
  });
};
