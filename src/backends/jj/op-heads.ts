import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ResultAsync } from 'neverthrow';
import { repoDir } from './locate.js';

// The current operation, read from jj's operation-heads store on disk instead of a `jj op log`
// (one jj process, 15-25 ms, on the path of every sync that changes anything). jj keeps one empty
// file per head, named by the operation's id, under `.jj/repo/op_heads/heads/`, and says which
// store it is in `op_heads/type`. Anything else — another store, two heads (a jj command is
// writing, or two ran at once and the next one merges them), a name that is not an id — is not
// read here: the caller asks jj.

/** The store jj 0.46 writes (`op_heads/type`). */
const SIMPLE_STORE = 'simple_op_heads_store';
/** A full operation id: 64 bytes of BLAKE2b, in hex. */
const FULL_ID = /^[0-9a-f]{128}$/;

/** The one operation head given the store's type and the heads directory's names; undefined otherwise. Pure. */
export const soleOperationHead = (type: string, names: readonly string[]): string | undefined => {
  if (type.trim() !== SIMPLE_STORE) return undefined;
  const [only, ...more] = names;
  return more.length === 0 && only !== undefined && FULL_ID.test(only) ? only : undefined;
};

/**
 * The repository's current operation as the last jj command left it, or undefined when the store
 * does not say it plainly. Unlike `jj op log` it takes no snapshot: edits on disk since the last
 * jj command are not in it (every restore of a checkpoint checks for such edits first).
 */
export const readOperationHead = (root: string): ResultAsync<string | undefined, never> =>
  ResultAsync.fromSafePromise(
    repoDir(root).then(async (repo) => {
      if (repo.isErr()) return undefined;
      const store = join(repo.value, 'op_heads');
      return Promise.all([readFile(join(store, 'type'), 'utf8'), readdir(join(store, 'heads'))]).then(
        ([type, names]) => soleOperationHead(type, names),
        () => undefined,
      );
    }),
  );
