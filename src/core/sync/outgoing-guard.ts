// The secret guard over everything about to leave the machine: before any push (the trunk, a
// host branch, a resolution), every file version in the commits the remote does not have is
// scanned whole — commits made by hand or by chezmoi's autoCommit included, not only this run's.
import { err, ok, type Result } from 'neverthrow';
import { secretsFound, type SyncError } from '../errors.js';
import { targetPathOf } from '../secrets/target-name.js';
import type { CommitId, OutgoingFile, Vcs } from '../vcs.js';
import { contentScan, nameReason, type ContentScan, type SecretFinding } from './secrets.js';

const keyOf = (f: OutgoingFile): string => `${f.commit}\u0000${f.path}`;

/**
 * Ok when nothing reachable from `head` and not yet on `remote` looks like a secret; otherwise
 * `secrets-found` naming each file and the commit that holds it. Nothing is pushed either way.
 */
export const guardOutgoing = async (vcs: Vcs, remote: string, head: CommitId): Promise<Result<readonly OutgoingFile[], SyncError>> => {
  const files = await vcs.outgoingFiles(remote, head);
  if (files.isErr()) return err(files.error);
  if (files.value.length === 0) return ok([]);
  const scans = new Map<string, ContentScan>();
  for (const f of files.value) scans.set(keyOf(f), contentScan(targetPathOf(f.path).encrypted));
  const read = await vcs.readFiles(files.value, (f, chunk) => scans.get(keyOf(f))?.push(chunk));
  if (read.isErr()) return err(read.error);
  const found: SecretFinding[] = [];
  for (const f of files.value) {
    const scan = scans.get(keyOf(f));
    const reason = scan?.finish() ?? (scan?.ciphertext() === true ? undefined : nameReason(f.path));
    if (reason !== undefined) found.push({ path: f.path, reason, commit: f.commit });
  }
  return found.length > 0 ? err(secretsFound(found)) : ok(files.value);
};
