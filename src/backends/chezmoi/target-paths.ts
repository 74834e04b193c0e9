import { readFile } from 'node:fs/promises';
import { dirname, posix, resolve } from 'node:path';
import { okAsync, ResultAsync } from 'neverthrow';
import type { SyncError } from '../../core/errors.js';
import { managedEntries } from './managed.js';
import { matchTargets } from './match-targets.js';
import type { ManagedEntry } from './parse-managed.js';
import type { ChezmoiSettings } from './settings.js';

// `chezmoi target-path SRC…` maps any path (`.chezmoiignore`, `.git/config`, README.md) to a
// would-be target, prints plain lines, and fails the whole call for a source file that no
// longer exists (deleted by an incoming commit). One `managed -p all -f json` answers
// exactly the question instead: which of these source paths are managed, and as what target.
//
// Paths are relative to the repository (chezmoi's working tree), as the VCS names them. With a
// `.chezmoiroot` (twpayne/dotfiles keeps everything under `home/`) chezmoi's own
// `sourceRelative` is relative to that subdirectory instead, so the working tree is found from
// the `.chezmoiroot` file that points at chezmoi's source root.

/** The directory chezmoi's `sourceRelative` paths are relative to (below `.chezmoiroot`). */
const stateRootOf = (entries: readonly ManagedEntry[]): string | undefined => {
  for (const e of entries) {
    if (e.sourceRelative === '' || !e.source.endsWith(`/${e.sourceRelative}`)) continue;
    return e.source.slice(0, -(e.sourceRelative.length + 1));
  }
  return undefined;
};

const readRoot = (dir: string): Promise<string | undefined> =>
  readFile(`${dir}/.chezmoiroot`, 'utf8').then(
    (s) => s.trim(),
    () => undefined,
  );

/** The working tree: the ancestor whose `.chezmoiroot` names the state root, else the state root. */
const workingTreeOf = (entries: readonly ManagedEntry[]): ResultAsync<string | undefined, SyncError> => {
  const stateRoot = stateRootOf(entries);
  if (stateRoot === undefined) return okAsync(undefined);
  const search = async (): Promise<string> => {
    for (let dir = dirname(stateRoot); dir !== dirname(dir); dir = dirname(dir)) {
      const root = await readRoot(dir);
      if (root !== undefined && root !== '' && posix.normalize(resolve(dir, root)) === stateRoot) return dir;
    }
    return stateRoot;
  };
  // Unreadable `.chezmoiroot` files count as absent: the search itself cannot fail.
  return ResultAsync.fromSafePromise(search());
};

/** Processes: 0 for no paths, else 1 (`managed`); `.chezmoiroot` files are read directly. */
export const targetPaths = (settings: ChezmoiSettings, sourceRelative: readonly string[], sourceRoot?: string): ResultAsync<readonly string[], SyncError> =>
  sourceRelative.length === 0
    ? okAsync([])
    : managedEntries(settings).andThen((entries) =>
        (sourceRoot !== undefined ? okAsync<string | undefined, SyncError>(sourceRoot) : workingTreeOf(entries)).map((root) =>
          matchTargets(entries, sourceRelative, root),
        ),
      );
