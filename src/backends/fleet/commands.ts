// The git commands behind the fleet records, as data. Every name in them was validated first
// (host names as ref components, the remote name, commit ids as hex); user values never lead.
import type { GitCommand } from '../git/process-runner.js';
import { FLEET_REF_PREFIX, FLEET_TRUNK_REF } from '../../core/fleet/record.js';

/** NUL-separated fields per ref; the commit message (the record) only for host refs. */
const SNAPSHOT_FORMAT = `%(refname)%00%(objecttype)%00%(objectname)%00%(symref)%00%(if:equals=${FLEET_REF_PREFIX.slice(0, -1)})%(refname:rstrip=-3)%(then)%(contents)%(end)%00`;

/** Every host record, the fetched trunk and every remote-tracking ref of `remote`, in one process, no network. */
export const snapshotCommand = (remote: string): GitCommand => ({
  args: ['for-each-ref', `--format=${SNAPSHOT_FORMAT}`, FLEET_REF_PREFIX, FLEET_TRUNK_REF, `refs/remotes/${remote}/`],
});

/** The newest common ancestor of a host's head and the trunk; exit 1: none, 128: unknown commit. */
export const mergeBaseCommand = (head: string, trunk: string): GitCommand => ({ args: ['merge-base', head, trunk], okExitCodes: [1, 128] });

/** Trunk commits not reachable from `commit`; exit 128 when `commit` is not in this store. */
export const countBehindCommand = (commit: string, trunk: string): GitCommand => ({ args: ['rev-list', '--count', `${commit}..${trunk}`], okExitCodes: [128] });

/** git's empty tree, which every repository has without storing it (SHA-1 and SHA-256). */
export const emptyTree = (oidLength: number): string =>
  oidLength === 64 ? '6ef19b41225c5369f1c104d45d8d85efa9b057b53b14b4b9b939dd74decc5321' : '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

const RECORD_AUTHOR = { name: 'chezmoi-sync', email: 'chezmoi-sync@localhost' };

/**
 * The record as the message of a parentless commit of the empty tree: hosting services expect
 * refs to name commits, and no tree means no file. Dated with the sync, so it is reproducible.
 */
export const writeRecordCommand = (text: string, tree: string, at: string): GitCommand => ({
  args: ['commit-tree', tree],
  input: text,
  env: {
    GIT_AUTHOR_NAME: RECORD_AUTHOR.name,
    GIT_AUTHOR_EMAIL: RECORD_AUTHOR.email,
    GIT_AUTHOR_DATE: at,
    GIT_COMMITTER_NAME: RECORD_AUTHOR.name,
    GIT_COMMITTER_EMAIL: RECORD_AUTHOR.email,
    GIT_COMMITTER_DATE: at,
  },
});

/**
 * The URLs the remote is configured with, fetch and push (checked before anything talks to it):
 * `key\nvalue\0` records, as the git backend reads them (parseRemoteUrls).
 */
export const remoteUrlsCommand = (remote: string): GitCommand => ({
  args: ['config', '-z', '--get-regexp', `^remote\\.${remote.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(url|pushurl)$`],
  okExitCodes: [1],
});

/**
 * Replaces the host's ref on the remote: `+` only on that one ref, which only this host writes.
 * The records' fetch mapping, given for this command alone, makes git set the local copy once the
 * remote took it, as it does for a pushed branch's remote-tracking ref (no `update-ref` after).
 */
export const pushRecordCommand = (remote: string, commit: string, ref: string): GitCommand => ({
  args: ['push', '--quiet', '--no-verify', remote, `+${commit}:${ref}`],
  config: [`remote.${remote}.fetch=+${FLEET_REF_PREFIX}*:${FLEET_REF_PREFIX}*`],
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

/** Sets (or, without `commit`, deletes) the local copy of a host's ref. */
export const updateLocalRefCommand = (ref: string, commit?: string): GitCommand => ({
  args: commit !== undefined ? ['update-ref', ref, commit] : ['update-ref', '-d', ref],
});
