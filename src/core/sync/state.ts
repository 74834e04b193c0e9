import { createHash } from 'node:crypto';
import { okAsync, ResultAsync } from 'neverthrow';
import type { SyncError } from '../errors.js';
import { readEnds, writeAtomicPieces, type EngineFs } from './fs.js';
import type { HeldTarget } from './hold-code.js';
import type { SyncReport, SyncStatusWord } from './types.js';

/** Version of the `state.json` layout; bumped on incompatible change. */
export const STATE_SCHEMA = 1;

/** `state.json`: the last run, recent history, and what is pending. */
export interface StateFile {
  readonly schema: typeof STATE_SCHEMA;
  readonly lastRun?: SyncReport;
  /** Newest first. */
  readonly runs: readonly SyncReport[];
  /** Conflicts preserved on the host branch and not yet resolved. */
  readonly conflicts?: { readonly paths: readonly string[]; readonly branch: string; readonly since: string };
  /** Incoming targets held back because applying them runs code, until `chezmoi-sync apply`. */
  readonly held?: readonly HeldTarget[];
}

export const emptyState = (): StateFile => ({ schema: STATE_SCHEMA, runs: [] });

const STATUS_WORDS: readonly SyncStatusWord[] = ['success', 'fetch-failed', 'push-failed', 'auth-failed', 'conflicts-preserved', 'locked', 'error'];

/** Parses `state.json`; undefined when it is not a state file we understand (corrupt, truncated). */
export const parseState = (text: string): StateFile | undefined => {
  try {
    const v = JSON.parse(text) as Partial<StateFile>;
    if (v.schema !== STATE_SCHEMA || !Array.isArray(v.runs)) return undefined;
    if (!v.runs.every((r) => typeof r === 'object' && r !== null && STATUS_WORDS.includes(r.status))) return undefined;
    return v as StateFile;
  } catch {
    return undefined;
  }
};

export const statePaths = (stateDir: string) => ({
  state: `${stateDir}/state.json`,
  status: `${stateDir}/last-sync-status`,
});

/**
 * Reads the state. A corrupt or truncated file is moved aside (kept for a person to look
 * at) and an empty state is used: a broken state file must never wedge the sync.
 */
export const readState = (
  fs: EngineFs,
  stateDir: string,
  now: Date,
): ResultAsync<{ state: StateFile; recovered?: string }, SyncError> => {
  const { state: path } = statePaths(stateDir);
  return fs.readText(path).andThen((text) => {
    if (text === undefined) return okAsync({ state: emptyState() });
    const parsed = parseState(text);
    if (parsed !== undefined) return okAsync({ state: parsed });
    const aside = `${path}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;
    return fs
      .writeAtomic(aside, text)
      .map(() => ({ state: emptyState(), recovered: aside }));
  });
};

/** Adds a run to the state (history bounded) and writes `state.json` then `last-sync-status`, each atomically. */
export const writeRun = (
  fs: EngineFs,
  stateDir: string,
  previous: StateFile,
  report: SyncReport,
  historySize: number,
): ResultAsync<StateFile, SyncError> => {
  const conflicts =
    report.conflicts !== undefined
      ? { ...report.conflicts, since: previous.conflicts?.since ?? report.startedAt }
      : report.status === 'success'
        ? undefined
        : previous.conflicts;
  // A run that did not reach apply (offline, error) leaves earlier holds as they were.
  const held = report.held ?? previous.held;
  const next: StateFile = {
    schema: STATE_SCHEMA,
    lastRun: report,
    runs: [report, ...previous.runs].slice(0, Math.max(1, historySize)),
    ...(conflicts !== undefined ? { conflicts } : {}),
    ...(held !== undefined && held.length > 0 ? { held } : {}),
  };
  const paths = statePaths(stateDir);
  // Independent files, each replaced atomically: written at once.
  return ResultAsync.combine([fs.writeAtomic(paths.state, `${JSON.stringify(next, null, 2)}\n`), fs.writeAtomic(paths.status, `${report.status}\n`)]).map(() => next);
};

/** Replaces the held-back targets in `state.json` (atomically); the run history stays as it is. */
export const writeHeld = (fs: EngineFs, stateDir: string, state: StateFile, held: readonly HeldTarget[]): ResultAsync<StateFile, SyncError> => {
  const { held: _old, ...rest } = state;
  const next: StateFile = { ...rest, ...(held.length > 0 ? { held } : {}) };
  return fs.writeAtomic(statePaths(stateDir).state, `${JSON.stringify(next, null, 2)}\n`).map(() => next);
};

/** Per-target sha256 of the content HOME and the source last agreed on: the base of capture. */
export interface SyncedRecord {
  readonly schema: 1;
  readonly files: Readonly<Record<string, string>>;
  /**
   * Set by `undo` when it has no kept agreement for the undone run (undo-record.ts): the repository
   * went back, so HOME is the truth for every file that differs (the next capture re-adds them),
   * whatever chezmoi's state says.
   */
  readonly homeWins?: true;
  /**
   * For files in `files`: `<HOME fingerprint>|<source fingerprint>` when their hash was taken.
   * Unchanged fingerprints mean unchanged content, so a no-op sync reads no file (git's index
   * works the same way).
   */
  readonly stats?: Readonly<Record<string, string>>;
  /**
   * Head of the local line the record was made against. A repository whose line no longer holds
   * it (re-cloned, reset, switched) is not the one the record describes: it counts as no record.
   */
  readonly head?: string;
}

export const syncedRecordPath = (stateDir: string, sourceDir: string): string =>
  `${stateDir}/synced-${createHash('sha256').update(sourceDir).digest('hex').slice(0, 16)}.json`;

const parseSynced = (text: string | undefined): SyncedRecord => {
  try {
    // The quiet digest is only ever read from the record's end (readSyncedTail): a record changed
    // by anyone else (resolve, undo) is written without it.
    const { quiet: _quiet, ...v } = JSON.parse(text ?? '') as Partial<SyncedRecord> & { quiet?: unknown };
    if (v.schema === 1 && typeof v.files === 'object' && v.files !== null) return v as SyncedRecord;
  } catch {
    // fall through: an unreadable record is the same as none (see capture.ts)
  }
  return { schema: 1, files: {} };
};

/** The record, and whether its file was there (a missing file reads as an empty record). */
export const readSyncedFile = (fs: EngineFs, path: string): ResultAsync<{ record: SyncedRecord; found: boolean }, SyncError> =>
  fs.readText(path).map((text) => ({ record: parseSynced(text), found: text !== undefined }));

export const readSynced = (fs: EngineFs, path: string): ResultAsync<SyncedRecord, SyncError> => fs.readText(path).map(parseSynced);

/** A record written by writeSynced ends with its head: found there, the rest need not be parsed. */
const HEAD_AT_END = /,"head":"([^"\\]+)"\}\n?$/;

/** The end of a record written with a quiet digest (recordPieces): the digest, then the head. */
const QUIET_AT_END = /,"quiet":"([0-9a-f]{64})","head":"([^"\\]+)"\}\n?$/;

/** Bytes read at each end of a record for its head (a head is at most a 64-digit hash). */
const ENDS_BYTES = 256;

/**
 * The head a record was made against (see SyncedRecord.head), or undefined. Only the record's two
 * ends are read when they say it (a record of 10,000 files is 3.4 MB); else it is read and parsed.
 */
export const readSyncedHead = (fs: EngineFs, path: string): ResultAsync<string | undefined, SyncError> =>
  readEnds(fs, path, ENDS_BYTES).andThen((ends) => {
    if (ends === undefined) return okAsync(undefined);
    const atEnd = ends.start.startsWith('{"schema":1,') ? HEAD_AT_END.exec(ends.end) : null;
    return atEnd !== null ? okAsync(atEnd[1]) : fs.readText(path).map((text) => (text === undefined ? undefined : parseSynced(text).head));
  });

/** What a record says at its end (its file's first and last bytes, never the whole of it). */
export interface SyncedTail {
  /** Whether the record's file is there. */
  readonly found: boolean;
  /**
   * The digest of every plain file's fingerprints at the run that saved the record, when each of
   * them agreed with it then (capture.ts `quietDigest`): the same digest now means that nothing
   * about them changed, and the record need not be read at all.
   */
  readonly quiet?: string;
}

/**
 * The record's tail: whether it is there, and its quiet digest when it ends with one. Reads the
 * file's two ends only (a record of 10,000 files is 3.4 MB).
 */
export const readSyncedTail = (fs: EngineFs, path: string): ResultAsync<SyncedTail, SyncError> =>
  readEnds(fs, path, ENDS_BYTES).map((ends) => {
    if (ends === undefined) return { found: false };
    const atEnd = ends.start.startsWith('{"schema":1,') ? QUIET_AT_END.exec(ends.end) : null;
    return atEnd !== null && atEnd[1] !== undefined ? { found: true, quiet: atEnd[1] } : { found: true };
  });

const sameEntries = (a: Readonly<Record<string, string>> | undefined, b: Readonly<Record<string, string>> | undefined): boolean => {
  const ka = Object.keys(a ?? {});
  if (ka.length !== Object.keys(b ?? {}).length) return false;
  return ka.every((k) => a?.[k] === b?.[k]);
};

/** Pure: whether two records say the same (key order aside). */
export const sameRecord = (a: SyncedRecord, b: SyncedRecord): boolean =>
  a.schema === b.schema && a.homeWins === b.homeWins && a.head === b.head && sameEntries(a.files, b.files) && sameEntries(a.stats, b.stats);

/** Characters of JSON gathered into one piece of a record's text. */
const PIECE_CHARS = 64 * 1024;

/** An object of strings as JSON text, in pieces of about PIECE_CHARS (its keys as they are now, in order). */
const objectPieces = (o: Readonly<Record<string, string>>): Iterable<string> => {
  const keys = Object.keys(o);
  return (function* () {
    let piece = '{';
    let first = true;
    for (const k of keys) {
      const v = o[k];
      if (v === undefined) continue;
      piece += `${first ? '' : ','}${JSON.stringify(k)}:${JSON.stringify(v)}`;
      first = false;
      if (piece.length >= PIECE_CHARS) {
        yield piece;
        piece = '';
      }
    }
    yield `${piece}}`;
  })();
};

/**
 * The record as JSON text in pieces, the same JSON.stringify gives for its keys in this order
 * (schema, files, homeWins, stats, head: the head last, where readSyncedHead looks). A record of
 * 10,000 files is 3.4 MB of text: written piece by piece, it is never one string nor one buffer.
 */
export const recordPieces = (record: SyncedRecord, quiet?: string): Iterable<string> => {
  const files = objectPieces(record.files);
  const stats = record.stats !== undefined ? objectPieces(record.stats) : undefined;
  return (function* () {
    yield `{"schema":${JSON.stringify(record.schema)},"files":`;
    yield* files;
    if (record.homeWins !== undefined) yield `,"homeWins":${JSON.stringify(record.homeWins)}`;
    if (stats !== undefined) {
      yield ',"stats":';
      yield* stats;
    }
    // The quiet digest only with a head, just before it (where readSyncedTail looks).
    if (quiet !== undefined && record.head !== undefined) yield `,"quiet":${JSON.stringify(quiet)}`;
    if (record.head !== undefined) yield `,"head":${JSON.stringify(record.head)}`;
    yield '}';
  })();
};

/**
 * Writes the record atomically — unless it says the same as `unchanged` (the record as read from
 * this file) and its quiet digest is the one it had: a no-op sync of many files then writes
 * nothing. `quiet` (SyncedTail) only from the sync's own state step.
 */
export const writeSynced = (
  fs: EngineFs,
  path: string,
  record: SyncedRecord,
  unchanged?: SyncedRecord,
  quiet?: { readonly now?: string; readonly was?: string },
): ResultAsync<void, SyncError> =>
  unchanged !== undefined && sameRecord(unchanged, record) && quiet?.now === quiet?.was
    ? okAsync(undefined)
    : writeAtomicPieces(fs, path, withNewline(recordPieces(record, quiet?.now)));

/** The pieces, then a newline. */
export function* withNewline(pieces: Iterable<string>): Generator<string> {
  yield* pieces;
  yield '\n';
}
