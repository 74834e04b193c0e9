// `git for-each-ref` output (snapshotCommand) → host records and remote-tracking refs. Pure.
import { FLEET_TRUNK_REF, parseRecord, hostOfRef, type HostRecord } from '../../core/fleet/record.js';

export interface RefSnapshot {
  /** Valid records by host. */
  readonly records: ReadonlyMap<string, HostRecord>;
  /** Hosts whose ref holds no valid record. */
  readonly invalid: readonly string[];
  /** Remote-tracking branches of the remote: short name → commit id. */
  readonly branches: ReadonlyMap<string, string>;
  /** The branch `refs/remotes/<remote>/HEAD` points at, when set. */
  readonly remoteHead?: string;
  /** The trunk as `fleet` last fetched it (FLEET_TRUNK_REF). */
  readonly fetchedTrunk?: string;
  /** Length of the object ids seen (64 in a SHA-256 repository); 40 when there were none. */
  readonly oidLength: number;
}

const FIELDS = 5;

export const parseSnapshot = (stdout: string, remote: string): RefSnapshot => {
  const parts = stdout.split('\0');
  const records = new Map<string, HostRecord>();
  const invalid: string[] = [];
  const branches = new Map<string, string>();
  let remoteHead: string | undefined;
  let fetchedTrunk: string | undefined;
  let oidLength = 40;
  const tracking = `refs/remotes/${remote}/`;
  for (let i = 0; i + FIELDS <= parts.length; i += FIELDS) {
    // Each ref's line ends with the newline for-each-ref adds after the format.
    const [rawName = '', type = '', id = '', symref = '', raw = ''] = parts.slice(i, i + FIELDS);
    const name = rawName.replace(/^\n/, '');
    if (id.length === 64) oidLength = 64;
    const host = hostOfRef(name);
    if (name === FLEET_TRUNK_REF) {
      if (type === 'commit') fetchedTrunk = id;
    } else if (host !== undefined) {
      const parsed = type === 'commit' ? parseRecord(raw, host) : undefined;
      if (parsed?.isOk() === true) records.set(host, parsed.value);
      else invalid.push(host);
    } else if (name.startsWith(tracking)) {
      const short = name.slice(tracking.length);
      if (short === 'HEAD') {
        if (symref.startsWith(tracking)) remoteHead = symref.slice(tracking.length);
      } else if (type === 'commit') {
        branches.set(short, id);
      }
    }
  }
  return { records, invalid, branches, oidLength, ...(remoteHead !== undefined ? { remoteHead } : {}), ...(fetchedTrunk !== undefined ? { fetchedTrunk } : {}) };
};

/**
 * The trunk branch: the configured one, else the remote's HEAD as recorded here, else main,
 * master, or the only branch.
 */
export const trunkOf = (snap: RefSnapshot, configured: string | undefined): string | undefined => {
  if (configured !== undefined) return configured;
  if (snap.remoteHead !== undefined) return snap.remoteHead;
  for (const b of ['main', 'master']) if (snap.branches.has(b)) return b;
  return snap.branches.size === 1 ? [...snap.branches.keys()][0] : undefined;
};
