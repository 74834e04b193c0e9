// chezmoi's managed list, remembered between runs (under the state dir) while nothing it follows
// from changed. The list follows from the source dir's names (every directory's entries: a file
// added, removed or renamed changes its directory's mtime), from chezmoi's own files anywhere in it
// (`.chezmoiignore`, `.chezmoiroot`, `.chezmoidata*`, `.chezmoitemplates/`, …, whole), from
// chezmoi's config file and binary, and from the machine (host and user names). Edits of ordinary
// source files keep it. `.git` and `.jj` are not looked at. A source tree holding a symlink, or one
// that cannot be read, is never remembered; an entry is used for one clock hour at most, so a list
// that also depends on something else (an environment variable read by a `.chezmoiignore`
// template) is at most that old. A no-op sync then runs no chezmoi at all.
import { readdir } from 'node:fs/promises';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import { ok, ResultAsync } from 'neverthrow';
import type { SyncError } from '../../core/errors.js';
import { REPOSITORY_DIRS } from '../fs/repository-dirs.js';
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

/** Every directory of the tree and every file of chezmoi's own; undefined for a symlink or an unreadable directory. */
const treeInputs = async (source: string): Promise<string[] | undefined> => {
  const out = [source];
  const walk = async (dir: string, own: boolean): Promise<boolean> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return false;
    }
    for (const e of entries) {
      if (REPOSITORY_DIRS.has(e.name)) continue;
      if (e.isSymbolicLink()) return false;
      const p = join(dir, e.name);
      const chezmoiOwn = own || e.name.startsWith('.chezmoi');
      if (e.isDirectory()) {
        out.push(p);
        if (!(await walk(p, chezmoiOwn))) return false;
      } else if (chezmoiOwn) out.push(p);
    }
    return true;
  };
  return (await walk(source, false)) ? out : undefined;
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

/** `chezmoi managed` (all targets) as parsed entries, from the memo while its inputs are unchanged. */
export const rememberedManaged = (settings: ChezmoiSettings, memo: ManagedMemo): ResultAsync<readonly ManagedEntry[], SyncError> => {
  const run = (): ResultAsync<string, SyncError> => runChezmoi(settings, managedArgs(), (out) => ok(out));
  return ResultAsync.fromSafePromise(
    (async () => {
      const tree = await treeInputs(memo.source);
      const binary = await locateBinary(settings.binary, memo.env['PATH'] ?? process.env['PATH']);
      return tree === undefined || binary === undefined ? undefined : [binary, ...configFiles(memo), ...tree];
    })(),
  )
    .andThen((files) => {
      if (files === undefined) return run();
      // The value starts with the clock hour it was computed in: one hour old at most.
      const hour = String(Math.floor(Date.now() / 3_600_000));
      const key = ['managed', memo.source, settings.binary, ...settings.globalArgs, ...managedArgs(), hostname(), userName()].join('\0');
      return memoizedSettled(memo.dir, key, files, () => run().map((out) => `${hour}\n${out}`), { isFresh: (v) => v.startsWith(`${hour}\n`) }).map((v) =>
        v.slice(v.indexOf('\n') + 1),
      );
    })
    .andThen((stdout) => parseManaged(stdout));
};
