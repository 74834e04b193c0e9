// chezmoi's managed list, remembered between runs (under the state dir) while nothing it follows
// from changed. The list follows from the source dir's names (every directory's entries, digested:
// a file added, removed or renamed changes the digest; a file rewritten in place or by rename —
// chezmoi's re-add, jj or git bringing in an edit — does not), from chezmoi's own files anywhere in
// it (`.chezmoiignore`, `.chezmoiroot`, `.chezmoidata*`, `.chezmoitemplates/`, …, whole), from
// chezmoi's config file and binary, and from the machine (host and user names). Edits of ordinary
// source files keep it. `.git` and `.jj` are not looked at. A source tree holding a symlink, or one
// that cannot be read, is never remembered; an entry is used for one clock hour at most, so a list
// that also depends on something else (an environment variable read by a `.chezmoiignore`
// template) is at most that old. A no-op sync then runs no chezmoi at all.
import { createHash } from 'node:crypto';
import { readdirSync, type Dirent } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import { okAsync, ResultAsync } from 'neverthrow';
import type { ManagedFile } from '../../core/chezmoi.js';
import type { SyncError } from '../../core/errors.js';
import { REPOSITORY_DIRS } from '../fs/repository-dirs.js';
import { nextTurn, turnDue } from '../fs/turn.js';
import { locateBinary, memoizedSettled, type MemoDir } from '../memo/stat-memo.js';
import { managedArgs } from './commands.js';
import { parseManaged, type ManagedEntry } from './parse-managed.js';
import { runChezmoi } from './runner.js';
import type { ChezmoiSettings } from './settings.js';

export interface ManagedMemo {
  readonly dir: MemoDir;
  /** The source dir chezmoi is given (`--source`). */
  readonly source: string;
  /** The config file chezmoi is given, else undefined (chezmoi looks in its config dir). */
  readonly config: string | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
}

const CONFIG_NAMES = ['chezmoi.json', 'chezmoi.jsonc', 'chezmoi.toml', 'chezmoi.yaml', 'chezmoi.yml'];

/** What the list follows from in the source tree (see the top of this file). */
interface TreeInputs {
  /** chezmoi's own files (watched by identity: their content counts). */
  readonly own: readonly string[];
  /** Digest of every directory's names and kinds (file or directory), in name order. */
  readonly names: string;
}

const byName = (x: Dirent, y: Dirent): number => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0);

/**
 * The tree's inputs; undefined for a symlink or an unreadable directory. Each directory is listed
 * synchronously (from the page cache: far less than a trip through libuv's pool), with a turn of
 * the event loop now and then (turn.ts).
 */
const treeInputs = async (source: string): Promise<TreeInputs | undefined> => {
  const own: string[] = [];
  const names = createHash('sha256');
  const due = turnDue();
  const walk = async (dir: string, rel: string, chezmoiOwn: boolean): Promise<boolean> => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return false;
    }
    if (due(entries.length)) await nextTurn();
    entries.sort(byName);
    // One update per directory: one per name costs more than the hashing.
    let listed = `${rel}\0`;
    for (const e of entries) {
      if (REPOSITORY_DIRS.has(e.name)) continue;
      if (e.isSymbolicLink()) return false;
      listed += `${e.isDirectory() ? 'd' : 'f'}${e.name}\0`;
    }
    names.update(listed);
    for (const e of entries) {
      if (REPOSITORY_DIRS.has(e.name)) continue;
      const isOwn = chezmoiOwn || e.name.startsWith('.chezmoi');
      if (e.isDirectory()) {
        if (!(await walk(join(dir, e.name), `${rel}${e.name}/`, isOwn))) return false;
      } else if (isOwn) own.push(join(dir, e.name));
    }
    return true;
  };
  return (await walk(source, '/', false)) ? { own, names: names.digest('hex') } : undefined;
};

/** The config file chezmoi reads: the one given, else every name it looks for in its config dir. */
export const configFiles = (memo: Pick<ManagedMemo, 'config' | 'env'>): string[] => {
  if (memo.config !== undefined) return [memo.config];
  const env = (k: string): string | undefined => memo.env[k] ?? process.env[k];
  const base = env('XDG_CONFIG_HOME') ?? join(env('HOME') ?? '/', '.config');
  return CONFIG_NAMES.map((n) => join(base, 'chezmoi', n));
};

const userName = (): string => {
  try {
    return userInfo().username;
  } catch {
    return '';
  }
};

const TYPES: readonly ManagedFile['type'][] = ['file', 'dir', 'symlink', 'script', 'remove', 'other'];

/** The list as remembered: one flat JSON array, type, target, source (or null) per entry (a third of the parse of chezmoi's own output). */
const written = (files: readonly ManagedFile[]): string => JSON.stringify(files.flatMap((f) => [f.type, f.target, f.source ?? null]));

/** A remembered list, or undefined when the text is not one (then it is computed again). */
const read = (text: string): ManagedFile[] | undefined => {
  let flat: unknown;
  try {
    flat = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(flat) || flat.length % 3 !== 0) return undefined;
  const out: ManagedFile[] = [];
  for (let i = 0; i < flat.length; i += 3) {
    const [type, target, source] = [flat[i] as unknown, flat[i + 1] as unknown, flat[i + 2] as unknown];
    if (!TYPES.includes(type as ManagedFile['type']) || typeof target !== 'string' || (source !== null && typeof source !== 'string')) return undefined;
    out.push(source === null ? { target, type: type as ManagedFile['type'] } : { target, source, type: type as ManagedFile['type'] });
  }
  return out;
};

/**
 * `chezmoi managed` (all targets) as the port's files (`typed` makes them from chezmoi's entries:
 * the type follows from the source names and the tree, both inputs of the memo), from the memo
 * while its inputs are unchanged.
 */
export const rememberedManaged = (
  settings: ChezmoiSettings,
  memo: ManagedMemo,
  typed: (entries: readonly ManagedEntry[]) => ResultAsync<readonly ManagedFile[], SyncError>,
): ResultAsync<readonly ManagedFile[], SyncError> => {
  const run = (): ResultAsync<readonly ManagedFile[], SyncError> => runChezmoi(settings, managedArgs(), parseManaged).andThen(typed);
  return ResultAsync.fromSafePromise(
    (async () => {
      const tree = await treeInputs(memo.source);
      const binary = await locateBinary(settings.binary, memo.env['PATH'] ?? process.env['PATH']);
      return tree === undefined || binary === undefined ? undefined : { files: [binary, ...configFiles(memo), ...tree.own], names: tree.names };
    })(),
  ).andThen((inputs) => {
    if (inputs === undefined) return run();
    // The value starts with the clock hour it was computed in (one hour old at most), the format's
    // name (an entry of an earlier version's format is computed again) and the tree's names as
    // they were before it was computed (a name changed meanwhile shows at the next run).
    const stamp = `${Math.floor(Date.now() / 3_600_000)} files ${inputs.names}\n`;
    const key = ['managed', memo.source, settings.binary, ...settings.globalArgs, ...managedArgs(), hostname(), userName()].join('\0');
    let computed: readonly ManagedFile[] | undefined;
    return memoizedSettled(memo.dir, key, inputs.files, () => run().map((list) => ((computed = list), `${stamp}${written(list)}`)), { isFresh: (v) => v.startsWith(stamp) }).andThen((v) => {
      if (computed !== undefined) return okAsync(computed);
      const list = read(v.slice(stamp.length));
      return list !== undefined ? okAsync(list) : run();
    });
  });
};
