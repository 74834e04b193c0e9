// What does not change between runs, remembered in the state dir: a value kept with the identity
// (path, inode, size, mtime, ctime) of the files it was derived from, and used again only while every one
// of them is unchanged. One small JSON file per key, written atomically (write + rename); a missing,
// unreadable, corrupt or stale entry is simply recomputed. Never an error of the sync.
import { createHash } from 'node:crypto';
import { readFile, realpath, rename, stat, writeFile } from 'node:fs/promises';
import { delimiter, isAbsolute, join } from 'node:path';
import { okAsync, ResultAsync } from 'neverthrow';
import { makeDirs } from '../fs/make-dirs.js';

/** Where memo entries live (a directory under the state dir), or undefined: nothing remembered. */
export type MemoDir = string | undefined;

interface FileId {
  readonly path: string;
  readonly ino: number;
  readonly size: number;
  readonly mtimeMs: number;
  /** Changes with any change of the entry, and cannot be set back (`touch -d` and `rsync -t` set mtimes). */
  readonly ctimeMs?: number;
}

interface Entry {
  readonly key: string;
  readonly files: readonly FileId[];
  readonly value: string;
}

const idOf = async (path: string): Promise<FileId | undefined> => {
  try {
    const s = await stat(path);
    return { path, ino: s.ino, size: s.size, mtimeMs: s.mtimeMs, ctimeMs: s.ctimeMs };
  } catch {
    return undefined;
  }
};

/** A missing file is part of the identity too (its later appearance invalidates the entry). */
const idsOf = (paths: readonly string[]): Promise<FileId[]> =>
  Promise.all(paths.map(async (p) => (await idOf(p)) ?? { path: p, ino: -1, size: -1, mtimeMs: -1, ctimeMs: -1 }));

const same = (a: readonly FileId[], b: readonly FileId[]): boolean =>
  a.length === b.length &&
  a.every((x, i) => x.path === b[i]?.path && x.ino === b[i]?.ino && x.size === b[i]?.size && x.mtimeMs === b[i]?.mtimeMs && x.ctimeMs === b[i]?.ctimeMs);

const fileOf = (dir: string, key: string): string => join(dir, `${createHash('sha256').update(key).digest('hex').slice(0, 32)}.json`);

const isEntry = (x: unknown): x is Entry => {
  const e = x as Partial<Entry> | null;
  return typeof e === 'object' && e !== null && typeof e.key === 'string' && typeof e.value === 'string' && Array.isArray(e.files);
};

/** The remembered value, when its files are unchanged. */
export const recall = async (dir: MemoDir, key: string, files: readonly string[]): Promise<string | undefined> => {
  if (dir === undefined) return undefined;
  try {
    const e: unknown = JSON.parse(await readFile(fileOf(dir, key), 'utf8'));
    if (!isEntry(e) || e.key !== key) return undefined;
    return same(e.files, await idsOf(files)) ? e.value : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Remembers `value` with the identity of `files` as they are now. Best effort: a failure to write
 * only means the next run computes it again.
 */
export const remember = async (dir: MemoDir, key: string, files: readonly string[], value: string): Promise<void> =>
  rememberAs(dir, key, await idsOf(files), value);

const rememberAs = async (dir: MemoDir, key: string, ids: readonly FileId[], value: string): Promise<void> => {
  if (dir === undefined) return;
  try {
    const entry: Entry = { key, files: ids, value };
    await makeDirs(dir, 0o700);
    const target = fileOf(dir, key);
    const tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(tmp, JSON.stringify(entry), { mode: 0o600 });
    await rename(tmp, target);
  } catch {
    // Not remembered: computed again next time.
  }
};

/** `compute`'s value, from the memo while `files` are unchanged; a failed computation is not remembered. */
export const memoized = <E>(dir: MemoDir, key: string, files: readonly string[], compute: () => ResultAsync<string, E>): ResultAsync<string, E> =>
  ResultAsync.fromSafePromise(recall(dir, key, files)).andThen((known) =>
    known !== undefined ? okAsync<string, E>(known) : compute().andThen((v) => ResultAsync.fromSafePromise(remember(dir, key, files, v)).map(() => v)),
  );

/**
 * Like `memoized`, for a value that `files` can change while it is computed (a directory tree):
 * their identity is taken before computing, and nothing is remembered while one of them changed
 * within the last `settleMs` — a change in the same timestamp tick would leave its mtime as it
 * was, and the value stale (git's "racily clean" index entries). A remembered value that
 * `isFresh` rejects is computed again.
 */
export const memoizedSettled = <E>(
  dir: MemoDir,
  key: string,
  files: readonly string[],
  compute: () => ResultAsync<string, E>,
  o: { readonly settleMs?: number; readonly isFresh?: (value: string) => boolean } = {},
): ResultAsync<string, E> =>
  ResultAsync.fromSafePromise(recall(dir, key, files)).andThen((known) => {
    if (known !== undefined && (o.isFresh?.(known) ?? true)) return okAsync<string, E>(known);
    const settleMs = o.settleMs ?? 2000;
    return ResultAsync.fromSafePromise(idsOf(files)).andThen((ids) =>
      compute().andThen((v) => {
        const settled = ids.every((f) => Math.max(f.mtimeMs, f.ctimeMs ?? -1) < Date.now() - settleMs);
        return ResultAsync.fromSafePromise(settled ? rememberAs(dir, key, ids, v) : Promise.resolve()).map(() => v);
      }),
    );
  });

/**
 * The file a command name runs, as the system would find it on `pathEnv` (no shell), resolved
 * through symlinks (with `resolveLinks: false`, the PATH entry itself); undefined when it cannot
 * be found (then nothing is remembered for it).
 */
export const locateBinary = async (file: string, pathEnv: string | undefined, o: { readonly resolveLinks?: boolean } = {}): Promise<string | undefined> => {
  const candidates = file.includes('/') ? (isAbsolute(file) ? [file] : []) : (pathEnv ?? '').split(delimiter).filter((d) => isAbsolute(d)).map((d) => join(d, file));
  for (const c of candidates) {
    try {
      const s = await stat(c);
      if (s.isFile() && (s.mode & 0o111) !== 0) return o.resolveLinks === false ? c : await realpath(c);
    } catch {
      // not here: try the next directory
    }
  }
  return undefined;
};

/**
 * A tool's `--version` output, remembered per binary (its real path, inode, size and mtime): an
 * upgraded, replaced or re-linked binary is asked again. An unlocatable binary is always asked.
 */
export const toolVersionOutput = <E>(dir: MemoDir, file: string, pathEnv: string | undefined, ask: () => ResultAsync<string, E>): ResultAsync<string, E> =>
  dir === undefined
    ? ask()
    : ResultAsync.fromSafePromise(locateBinary(file, pathEnv)).andThen((real) =>
        real === undefined ? ask() : memoized(dir, `version\0${real}`, [real], ask),
      );
