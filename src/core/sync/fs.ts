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
