import type { ResultAsync } from 'neverthrow';
import type { ManagedFile } from '../../core/chezmoi.js';
import type { SyncError } from '../../core/errors.js';
import { managedArgs } from './commands.js';
import { rememberedManaged, type ManagedMemo } from './managed-memo.js';
import { sourceDirs } from './home-probe.js';
import { parseManaged, type ManagedEntry } from './parse-managed.js';
import { runChezmoi } from './runner.js';
import type { ChezmoiSettings } from './settings.js';
import { parseSourceFileName } from './source-names.js';

const baseName = (p: string): string => p.slice(p.lastIndexOf('/') + 1);

/**
 * The type of a managed entry: from its source name where the name decides (`run_`,
 * `symlink_`, `remove_`), else from the source on disk (a directory, or a file) — `managed`
 * prints no type, and an empty directory cannot be told from a file by name.
 */
const typeOf = (e: ManagedEntry, dir: boolean): ManagedFile['type'] => {
  if (dir) return 'dir';
  const kind = parseSourceFileName(baseName(e.source))?.kind;
  if (kind === 'script') return 'script';
  if (kind === 'symlink') return 'symlink';
  if (kind === 'remove') return 'remove';
  return kind === undefined ? 'other' : 'file';
};

/**
 * `managed` entries as the port's `ManagedFile`s (one chezmoi process, none while `memo` holds the
 * whole list; each source directory listed once).
 */
export const managedFiles = (settings: ChezmoiSettings, targets: readonly string[] = [], memo?: ManagedMemo): ResultAsync<readonly ManagedFile[], SyncError> =>
  targets.length === 0 && memo !== undefined ? rememberedManaged(settings, memo, typedFiles) : managedEntries(settings, targets).andThen(typedFiles);

/** chezmoi's entries with their types (each source directory listed once). */
const typedFiles = (entries: readonly ManagedEntry[]): ResultAsync<readonly ManagedFile[], SyncError> =>
  sourceDirs(entries.map((e) => e.source)).map((dirs) => entries.map((e, i): ManagedFile => ({ target: e.target, source: e.source, type: typeOf(e, dirs[i] === true) })));

/** Raw `managed` entries (target, source, source-relative), one chezmoi process. */
export const managedEntries = (settings: ChezmoiSettings, targets: readonly string[] = []): ResultAsync<readonly ManagedEntry[], SyncError> =>
  runChezmoi(settings, managedArgs(targets), parseManaged);
