// The per-host fleet record: what one machine tells the others about its last sync. Pure:
// (de)serialisation, validation and the "did it change" rule. Holds no file contents.
import { err, ok, type Result } from 'neverthrow';
import { invalidInput, type InvalidInputError } from '../errors.js';
import type { SyncStatusWord } from '../sync/types.js';
import { validateHostName, validateRefName } from '../validate.js';

/** Version of the record's layout. */
export const FLEET_RECORD_SCHEMA = 1;

/** Where records live on the remote: one ref per host, outside branches and tags. */
export const FLEET_REF_PREFIX = 'refs/chezmoi-sync/hosts/';

/** Where `fleet` fetches the remote trunk to count against (jj imports nothing under refs/chezmoi-sync/). */
export const FLEET_TRUNK_REF = 'refs/chezmoi-sync/trunk';

/**
 * An unchanged record is published again once its time is this old, so a quiet host still
 * shows when it last synced (to within this period) without a push on every sync.
 */
export const FLEET_HEARTBEAT_MS = 60 * 60 * 1000;

/** Records larger than this are refused (a record is a few hundred bytes). */
export const FLEET_RECORD_MAX_BYTES = 64 * 1024;

const STATUS_WORDS: readonly SyncStatusWord[] = ['success', 'fetch-failed', 'push-failed', 'auth-failed', 'conflicts-preserved', 'locked', 'error'];

/** One host's record, as published under `refs/chezmoi-sync/hosts/<host>`. */
export interface HostRecord {
  readonly schema: 1;
  readonly host: string;
  /** ISO 8601 time the sync started. */
  readonly lastSync: string;
  readonly status: SyncStatusWord;
  /** Newest remote-trunk commit in the host's line of work; null when unknown. */
  readonly trunkCommit: string | null;
  /** Source paths of the preserved conflicts (empty when none). */
  readonly conflicts: readonly string[];
  /** The branch holding the host's conflicted work; null when none. */
  readonly conflictBranch: string | null;
  /** chezmoi-sync version that wrote the record. */
  readonly version: string;
}

/** The ref of a host's record, its name checked as a ref component. */
export const fleetRef = (host: string): Result<string, InvalidInputError> => validateHostName(host).map((h) => `${FLEET_REF_PREFIX}${h}`);

/** The host a record ref names, or undefined for a ref outside the namespace. */
export const hostOfRef = (ref: string): string | undefined => {
  if (!ref.startsWith(FLEET_REF_PREFIX)) return undefined;
  const host = ref.slice(FLEET_REF_PREFIX.length);
  return validateHostName(host).isOk() ? host : undefined;
};

/** One line of JSON, keys in a fixed order: identical records are identical bytes. */
export const serializeRecord = (r: HostRecord): string =>
  `${JSON.stringify({
    schema: r.schema,
    host: r.host,
    lastSync: r.lastSync,
    status: r.status,
    trunkCommit: r.trunkCommit,
    conflicts: r.conflicts,
    conflictBranch: r.conflictBranch,
    version: r.version,
  })}\n`;

const CONTROL = /[\u0000-\u001f\u007f]/;
const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length > 0 && v.length <= max && !CONTROL.test(v);

/**
 * A record read from a ref, checked field by field (anything with push access can write one).
 * @example parseRecord(text, 'laptop') // ok(record) when text is laptop's record
 */
export const parseRecord = (text: string, expectedHost?: string): Result<HostRecord, InvalidInputError> => {
  const bad = (why: string) => err(invalidInput('fleetRecord', text.slice(0, 80), `invalid fleet record${expectedHost !== undefined ? ` for ${expectedHost}` : ''}: ${why}`));
  if (Buffer.byteLength(text, 'utf8') > FLEET_RECORD_MAX_BYTES) return bad('it is larger than 64 KiB');
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return bad('it is not JSON');
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return bad('it is not a JSON object');
  const o = v as Record<string, unknown>;
  if (o['schema'] !== FLEET_RECORD_SCHEMA) return bad(`schema ${JSON.stringify(o['schema'])} is not ${FLEET_RECORD_SCHEMA}`);
  const host = o['host'];
  if (typeof host !== 'string' || validateHostName(host).isErr()) return bad('the host name is invalid');
  if (expectedHost !== undefined && host !== expectedHost) return bad(`it names host ${JSON.stringify(host)}`);
  const lastSync = o['lastSync'];
  if (!isText(lastSync, 40) || Number.isNaN(Date.parse(lastSync))) return bad('lastSync is not a time');
  const status = o['status'];
  if (typeof status !== 'string' || !(STATUS_WORDS as readonly string[]).includes(status)) return bad('status is not a status word');
  const trunkCommit = o['trunkCommit'];
  if (trunkCommit !== null && !(isText(trunkCommit, 100) && /^[0-9A-Za-z_][0-9A-Za-z._-]*$/.test(trunkCommit))) return bad('trunkCommit is not a commit id');
  const conflicts = o['conflicts'];
  if (!Array.isArray(conflicts) || conflicts.length > 10_000 || !conflicts.every((p) => isText(p, 4096))) return bad('conflicts is not a list of paths');
  const branch = o['conflictBranch'];
  if (branch !== null && (typeof branch !== 'string' || validateRefName(branch).isErr())) return bad('conflictBranch is not a branch name');
  const version = o['version'];
  if (!isText(version, 64)) return bad('version is not a version');
  return ok({
    schema: 1,
    host,
    lastSync,
    status: status as SyncStatusWord,
    trunkCommit: trunkCommit as string | null,
    conflicts: conflicts as string[],
    conflictBranch: branch as string | null,
    version,
  });
};

/**
 * Whether `next` must be pushed over `published`: anything but the time changed, or the
 * published time is older than the heartbeat.
 */
export const needsPublish = (published: HostRecord | undefined, next: HostRecord, heartbeatMs = FLEET_HEARTBEAT_MS): boolean => {
  if (published === undefined) return true;
  const { lastSync: a, ...restA } = published;
  const { lastSync: b, ...restB } = next;
  if (serializeRecord({ ...restA, lastSync: '' }) !== serializeRecord({ ...restB, lastSync: '' })) return true;
  const age = Date.parse(b) - Date.parse(a);
  return !(age >= 0 && age < heartbeatMs);
};
