import { createHash } from 'node:crypto';
import type { ResultAsync } from 'neverthrow';
import type { SyncError } from '../errors.js';
/**
 * The few filesystem operations the engine needs, as a port, so that the in-memory
 * backends can run the very same engine. Paths are absolute.
 */
export interface EngineFs {
  /** 'missing', an empty directory, a non-empty directory, or a file. */
  probe(path: string): ResultAsync<'missing' | 'empty-dir' | 'dir' | 'file', SyncError>;
  /** Whole file as bytes-as-latin1-safe string (utf8), or undefined when missing. */
  readText(path: string): ResultAsync<string | undefined, SyncError>;
  /**
   * The file's first and last `bytes` bytes as text (utf8; a character cut at either edge reads
   * as U+FFFD), or undefined when missing: a large file's ends without reading it all. Optional:
   * without it the whole file is read (readEnds below).
   */
  readEnds?(path: string, bytes: number): ResultAsync<{ readonly start: string; readonly end: string } | undefined, SyncError>;
  /**
   * Streams the whole file to `onChunk` (the secret scan: memory stays at one chunk); false when
   * missing. A symlink or special file is an error, never followed.
   */
  readChunks(path: string, onChunk: (chunk: Uint8Array) => void): ResultAsync<boolean, SyncError>;
  /**
   * A cheap identity of the file's current version (size, mtime, ctime, inode — like git's
   * index), without opening it; undefined when missing or when the filesystem cannot tell.
   */
  fingerprint(path: string): ResultAsync<string | undefined, SyncError>;
  /** `fingerprint` of many files, one answer per path in order (a no-op sync looks at every file). */
  fingerprints(paths: readonly string[]): ResultAsync<(string | undefined)[], SyncError>;
  /** sha256 of the file's bytes, or undefined when missing. */
  hash(path: string): ResultAsync<string | undefined, SyncError>;
  /**
   * Writes via a temp file + rename, creating parent directories. `durable: false` skips the
   * flush to disk before the rename: for a copy that may be lost in a crash (a cache whose reader
   * checks what it reads), never for state.
   */
  writeAtomic(path: string, content: string, options?: { readonly durable?: boolean }): ResultAsync<void, SyncError>;
  /**
   * `writeAtomic` of the pieces' concatenation, taking one piece at a time: a large file (the
   * synced record: 3.4 MB at 10,000 files) is never one string nor one buffer. Optional: without
   * it the pieces are joined and given to `writeAtomic` (writeAtomicPieces below).
   */
  writeAtomicPieces?(path: string, pieces: Iterable<string>, options?: { readonly durable?: boolean }): ResultAsync<void, SyncError>;
  /** Creates a file only if it does not exist; false when it already exists. */
  createExclusive(path: string, content: string): ResultAsync<boolean, SyncError>;
  remove(path: string): ResultAsync<void, SyncError>;
  /**
   * Where the symlink at `path` points (the link itself, never followed); undefined when `path` is
   * missing or not a symlink. Optional: without it a HOME symlink's change is kept local, reported.
   */
  readLink?(path: string): ResultAsync<string | undefined, SyncError>;
}

/** sha256 of a string, as `EngineFs.hash` computes it for a file with that content. */
export const sha256 = (content: string): string => createHash('sha256').update(content, 'utf8').digest('hex');

/** Writes the pieces' concatenation atomically: piece by piece where the port can (EngineFs.writeAtomicPieces). */
export const writeAtomicPieces = (fs: EngineFs, path: string, pieces: Iterable<string>, options?: { readonly durable?: boolean }): ResultAsync<void, SyncError> =>
  fs.writeAtomicPieces !== undefined ? fs.writeAtomicPieces(path, pieces, options) : fs.writeAtomic(path, [...pieces].join(''), options);

/** The file's first and last `bytes` bytes as text, or undefined when missing (EngineFs.readEnds, else the whole file read). */
export const readEnds = (fs: EngineFs, path: string, bytes: number): ResultAsync<{ readonly start: string; readonly end: string } | undefined, SyncError> =>
  fs.readEnds !== undefined ? fs.readEnds(path, bytes) : fs.readText(path).map((text) => (text === undefined ? undefined : { start: text.slice(0, bytes), end: text.slice(-bytes) }));
