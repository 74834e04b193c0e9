// The git commands behind the fleet records, as data. Every name in them was validated first
// (host names as ref components, the remote name, commit ids as hex); user values never lead.
import type { GitCommand } from '../git/process-runner.js';
import { FLEET_REF_PREFIX, FLEET_TRUNK_REF } from '../../core/fleet/record.js';

/** NUL-separated fields per ref; the record text only for blobs (commits would print their headers). */
const SNAPSHOT_FORMAT = '%(refname)%00%(objecttype)%00%(objectname)%00%(symref)%00%(if:equals=blob)%(objecttype)%(then)%(raw)%(end)%00';

/** Every host record, the fetched trunk and every remote-tracking ref of `remote`, in one process, no network. */
export const snapshotCommand = (remote: string): GitCommand => ({
  args: ['for-each-ref', `--format=${SNAPSHOT_FORMAT}`, FLEET_REF_PREFIX, FLEET_TRUNK_REF, `refs/remotes/${remote}/`],
});

/** The newest common ancestor of a host's head and the trunk; exit 1: none, 128: unknown commit. */
export const mergeBaseCommand = (head: string, trunk: string): GitCommand => ({ args: ['merge-base', head, trunk], okExitCodes: [1, 128] });

/** Trunk commits not reachable from `commit`; exit 128 when `commit` is not in this store. */
export const countBehindCommand = (commit: string, trunk: string): GitCommand => ({ args: ['rev-list', '--count', `${commit}..${trunk}`], okExitCodes: [128] });

/** Stores the record text as a blob (its id is its content's hash). */
export const writeBlobCommand = (text: string): GitCommand => ({ args: ['hash-object', '-w', '--stdin'], input: text });

/** The URL the remote is configured with (checked before anything talks to it). */
export const remoteUrlCommand = (remote: string): GitCommand => ({ args: ['config', '--get', `remote.${remote}.url`], okExitCodes: [1] });

/** Replaces the host's ref on the remote: `+` only on that one ref, which only this host writes. */
export const pushRecordCommand = (remote: string, blob: string, ref: string): GitCommand => ({
  args: ['push', '--quiet', '--no-verify', remote, `+${blob}:${ref}`],
  network: true,
  remote,
});

/** Deletes a host's ref on the remote. */
export const deleteRemoteRecordCommand = (remote: string, ref: string): GitCommand => ({
  args: ['push', '--quiet', '--no-verify', remote, `:${ref}`],
  network: true,
  remote,
});

/**
 * Every host's record, and the trunk into a ref of our own (the backend's remote-tracking refs
 * stay the sync's business); `--prune` drops local copies of records deleted on the remote.
 */
export const fetchRecordsCommand = (remote: string, trunk: string): GitCommand => ({
  args: ['fetch', '--quiet', '--no-tags', '--no-write-fetch-head', '--prune', remote, `+${FLEET_REF_PREFIX}*:${FLEET_REF_PREFIX}*`, `+refs/heads/${trunk}:${FLEET_TRUNK_REF}`],
  network: true,
  remote,
});

/** Sets (or, without `blob`, deletes) the local copy of a host's ref. */
export const updateLocalRefCommand = (ref: string, blob?: string): GitCommand => ({
  args: blob !== undefined ? ['update-ref', ref, blob] : ['update-ref', '-d', ref],
});
