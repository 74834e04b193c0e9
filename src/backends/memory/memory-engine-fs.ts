import { createHash } from 'node:crypto';
import { okAsync, type ResultAsync } from 'neverthrow';
import type { SyncError } from '../../core/errors.js';
import type { EngineFs } from '../../core/sync/fs.js';
import type { MemoryFs } from './fs.js';

/**
 * The engine's filesystem port over a `MemoryFs`, so that `runSync` runs entirely in memory.
 *
 * @example
 * const deps = { fs: memoryEngineFs(fs), ... };
 */
export const memoryEngineFs = (fs: MemoryFs): EngineFs => {
  const probe = (path: string): 'missing' | 'empty-dir' | 'dir' | 'file' => {
    if (fs.exists(path)) return 'file';
    return fs.list(path).length > 0 ? 'dir' : 'missing';
  };
  return {
    probe: (path) => okAsync(probe(path)),
    readText: (path) => okAsync(fs.read(path)),
    // No timestamps in memory: every file is hashed, as a changed file would be.
    fingerprint: () => okAsync(undefined),
    fingerprints: (paths) => okAsync(paths.map(() => undefined)),
    readChunks: (path, onChunk) => {
      const c = fs.read(path);
      if (c !== undefined) onChunk(Buffer.from(c, 'utf8'));
      return okAsync(c !== undefined);
    },
    hash: (path) => {
      const c = fs.read(path);
      return okAsync(c === undefined ? undefined : createHash('sha256').update(c, 'utf8').digest('hex'));
    },
    writeAtomic: (path, content): ResultAsync<void, SyncError> => {
      fs.write(path, content);
      return okAsync(undefined);
    },
    createExclusive: (path, content) => {
      if (fs.exists(path)) return okAsync(false);
      fs.write(path, content);
      return okAsync(true);
    },
    remove: (path) => {
      fs.remove(path);
      return okAsync(undefined);
    },
  };
};
