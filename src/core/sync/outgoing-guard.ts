// The secret guard over everything about to leave the machine: before any push (the trunk, a
// host branch, a resolution), every file version in the commits the remote does not have is
// scanned whole — commits made by hand or by chezmoi's autoCommit included, not only this run's.
import { err, ok, type Result } from 'neverthrow';
import { secretsFound, type SyncError } from '../errors.js';
import type { CommitId, OutgoingFile, Vcs } from '../vcs.js';
import { findSecrets } from './secret-files.js';
import type { SecretFinding } from './secrets.js';

const keyOf = (f: OutgoingFile): string => `${f.commit}\u0000${f.path}`;

/**
 * Ok when nothing reachable from `head` and not yet on `remote` looks like a secret; otherwise
 * `secrets-found` naming each file and the commit that holds it. Nothing is pushed either way.
 */
export const guardOutgoing = async (vcs: Vcs, remote: string, head: CommitId): Promise<Result<readonly OutgoingFile[], SyncError>> => {
  const files = await vcs.outgoingFiles(remote, head);
  if (files.isErr()) return err(files.error);
  if (files.value.length === 0) return ok([]);
  const found = await findSecrets(files.value, keyOf, (push) => vcs.readFiles(files.value, push).map(() => new Set<string>()));
  if (found.isErr()) return err(found.error);
  const named: SecretFinding[] = found.value.map(({ file, reason }) => ({ path: file.path, reason, commit: file.commit }));
  return named.length > 0 ? err(secretsFound(named)) : ok(files.value);
};
