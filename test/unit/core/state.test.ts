import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeFs } from '../../../src/backends/fs/node-fs.js';
import { emptyState, readState, readSynced, readSyncedFile, readSyncedHead, readSyncedTail, recordPieces, sameRecord, statePaths, writeRun, writeSynced } from '../../../src/core/sync/state.js';
import type { SyncedRecord } from '../../../src/core/sync/state.js';
import type { SyncReport } from '../../../src/core/sync/types.js';
import { MemoryFs } from '../../../src/backends/memory/fs.js';
import { memoryEngineFs } from '../../../src/backends/memory/memory-engine-fs.js';

const run = (status: SyncReport['status'], extra: Partial<SyncReport> = {}): SyncReport => ({
  status,
  startedAt: '2026-11-25T10:00:00.000Z',
  durationMs: 5,
  backend: 'memory',
  host: 'h',
  sourceDir: '/s',
  committed: 0,
  published: 0,
  applied: [],
  keptLocal: [],
  skippedReAdd: [],
  pendingPushes: 0,
  dryRun: false,
  ...extra,
});

describe('state file', () => {
  it('writes state.json and last-sync-status, keeping a bounded history', async () => {
    const mem = new MemoryFs();
    const fs = memoryEngineFs(mem);
    let s = emptyState();
    for (const w of ['success', 'fetch-failed', 'success'] as const) s = (await writeRun(fs, '/st', s, run(w), 2))._unsafeUnwrap();
    expect(mem.read(statePaths('/st').status)).toBe('success\n');
    const back = (await readState(fs, '/st', new Date()))._unsafeUnwrap().state;
    expect(back.runs.map((r) => r.status)).toEqual(['success', 'fetch-failed']);
  });

  it('remembers preserved conflicts until a successful run', async () => {
    const fs = memoryEngineFs(new MemoryFs());
    let s = (await writeRun(fs, '/st', emptyState(), run('conflicts-preserved', { conflicts: { paths: ['dot_bashrc'], branch: 'sync/h' } }), 5))._unsafeUnwrap();
    s = (await writeRun(fs, '/st', s, run('fetch-failed'), 5))._unsafeUnwrap();
    expect(s.conflicts).toMatchObject({ paths: ['dot_bashrc'], branch: 'sync/h' });
    s = (await writeRun(fs, '/st', s, run('success'), 5))._unsafeUnwrap();
    expect(s.conflicts).toBeUndefined();
  });

  it.each(['{"schema":1,"runs":[{"stat', 'not json', '{"schema":99,"runs":[]}', ''])(
    'moves a corrupt state.json aside and starts afresh (%j)',
    async (text) => {
      const mem = new MemoryFs();
      mem.write('/st/state.json', text);
      const r = (await readState(memoryEngineFs(mem), '/st', new Date('2026-11-25T10:00:00Z')))._unsafeUnwrap();
      expect(r.state).toEqual(emptyState());
      expect(r.recovered).toBeDefined();
      expect(mem.read(r.recovered ?? '')).toBe(text);
    },
  );
});

describe('synced record', () => {
  it('is not written again when nothing in it changed, and is when something did', async () => {
    const mem = new MemoryFs();
    const fs = memoryEngineFs(mem);
    const path = '/st/synced-x.json';
    const record = { schema: 1 as const, files: { '/h/.bashrc': 'a', '/h/.profile': 'p' }, stats: { '/h/.bashrc': '1:2:3:4|1:2:3:5' }, head: 'c1' };
    (await writeSynced(fs, path, record))._unsafeUnwrap();
    const read = (await readSyncedFile(fs, path))._unsafeUnwrap();
    expect(read).toEqual({ record, found: true });
    // A marker in place of the file: an unchanged record (in another key order) leaves it, a changed one replaces it.
    mem.write(path, 'marker');
    (await writeSynced(fs, path, { schema: 1, head: 'c1', stats: { ...record.stats }, files: { '/h/.profile': 'p', '/h/.bashrc': 'a' } }, read.record))._unsafeUnwrap();
    expect(mem.read(path)).toBe('marker');
    for (const changed of [{ files: { '/h/.bashrc': 'b', '/h/.profile': 'p' } }, { head: 'c2' }, { stats: {} }, { homeWins: true as const }, { files: { '/h/.bashrc': 'a' } }]) {
      expect(sameRecord(read.record, { ...record, ...changed })).toBe(false);
    }
    (await writeSynced(fs, path, { ...record, files: { '/h/.bashrc': 'b' } }, read.record))._unsafeUnwrap();
    expect((await readSyncedFile(fs, path))._unsafeUnwrap().record.files).toEqual({ '/h/.bashrc': 'b' });
  });

  it('reads a missing or unreadable record as none', async () => {
    const mem = new MemoryFs();
    const fs = memoryEngineFs(mem);
    expect((await readSyncedFile(fs, '/st/none.json'))._unsafeUnwrap()).toEqual({ record: { schema: 1, files: {} }, found: false });
    mem.write('/st/bad.json', '{"schema":1,"fil');
    expect((await readSyncedFile(fs, '/st/bad.json'))._unsafeUnwrap()).toEqual({ record: { schema: 1, files: {} }, found: true });
  });

  it('gives the head it was made against, also without parsing, and none when it has none', async () => {
    const mem = new MemoryFs();
    const fs = memoryEngineFs(mem);
    const files = { '/h/a","head":"evil"}': 'x', '/h/.bashrc': 'a' };
    (await writeSynced(fs, '/st/r1.json', { schema: 1, files, stats: { '/h/.bashrc': '1:2:3:4|1:2:3:5' }, head: 'c0ffee' }))._unsafeUnwrap();
    expect((await readSyncedHead(fs, '/st/r1.json'))._unsafeUnwrap()).toBe('c0ffee');
    (await writeSynced(fs, '/st/r2.json', { schema: 1, files, homeWins: true }))._unsafeUnwrap();
    expect((await readSyncedHead(fs, '/st/r2.json'))._unsafeUnwrap()).toBeUndefined();
    mem.write('/st/r3.json', '{"files":{},"schema":1,"head":"abc"}\n');
    expect((await readSyncedHead(fs, '/st/r3.json'))._unsafeUnwrap()).toBe('abc');
    expect((await readSyncedHead(fs, '/st/none.json'))._unsafeUnwrap()).toBeUndefined();
  });
});

describe('the quiet digest at the end of a synced record', () => {
  const Q = 'a'.repeat(64);
  const record = { schema: 1 as const, files: { '/h/.bashrc': 'a', '/h/x","quiet":"bad': 'b' }, stats: { '/h/.bashrc': '1:2:3:4|1:2:3:5' }, head: 'c1' };

  it('is read from the two ends only, and given to nobody who parses the record', async () => {
    const mem = new MemoryFs();
    const fs = memoryEngineFs(mem);
    (await writeSynced(fs, '/st/q.json', record, undefined, { now: Q }))._unsafeUnwrap();
    expect(mem.read('/st/q.json')).toMatch(/,"quiet":"a{64}","head":"c1"\}\n$/);
    expect((await readSyncedTail(fs, '/st/q.json'))._unsafeUnwrap()).toEqual({ found: true, quiet: Q });
    expect((await readSyncedHead(fs, '/st/q.json'))._unsafeUnwrap()).toBe('c1');
    // Whoever reads and writes the record (resolve, undo) writes it without the digest.
    const read = (await readSynced(fs, '/st/q.json'))._unsafeUnwrap();
    expect(read).toEqual(record);
    (await writeSynced(fs, '/st/q.json', { ...read, files: { ...read.files, '/h/.bashrc': 'c' } }))._unsafeUnwrap();
    expect((await readSyncedTail(fs, '/st/q.json'))._unsafeUnwrap()).toEqual({ found: true });
  });

  it('is written only with a head, and a record without one reads as having none', async () => {
    const mem = new MemoryFs();
    const fs = memoryEngineFs(mem);
    (await writeSynced(fs, '/st/n.json', { schema: 1, files: record.files }, undefined, { now: Q }))._unsafeUnwrap();
    expect(mem.read('/st/n.json')).not.toContain('"quiet"');
    expect((await readSyncedTail(fs, '/st/n.json'))._unsafeUnwrap()).toEqual({ found: true });
    expect((await readSyncedTail(fs, '/st/none.json'))._unsafeUnwrap()).toEqual({ found: false });
  });

  it('makes an unchanged record be written again when the digest changes, and only then', async () => {
    const mem = new MemoryFs();
    const fs = memoryEngineFs(mem);
    (await writeSynced(fs, '/st/w.json', record))._unsafeUnwrap();
    mem.write('/st/w.json', 'marker');
    (await writeSynced(fs, '/st/w.json', record, record, { now: Q }))._unsafeUnwrap();
    expect((await readSyncedTail(fs, '/st/w.json'))._unsafeUnwrap()).toEqual({ found: true, quiet: Q });
    mem.write('/st/w.json', 'marker');
    (await writeSynced(fs, '/st/w.json', record, record, { now: Q, was: Q }))._unsafeUnwrap();
    expect(mem.read('/st/w.json')).toBe('marker');
    // A digest that no longer holds is dropped.
    (await writeSynced(fs, '/st/w.json', record, record, { was: Q }))._unsafeUnwrap();
    expect((await readSyncedTail(fs, '/st/w.json'))._unsafeUnwrap()).toEqual({ found: true });
  });
});

describe('synced record as text', () => {
  const big = (n: number): SyncedRecord => {
    const files: Record<string, string> = {};
    const stats: Record<string, string> = {};
    for (let i = 0; i < n; i++) {
      files[`/home/user/.config/d${i % 97}/f${i}`] = 'a'.repeat(64);
      stats[`/home/user/.config/d${i % 97}/f${i}`] = `${i}:1796654973456335083:1796654973456335083:8437950|40:1796654968228680520:1796654968228680520:${i}`;
    }
    return { schema: 1, files, stats, head: 'd8c43c3ac5ae94e5fff5c8d7e262b3a4c9491f5b' };
  };

  it('is the text JSON.stringify gives, whatever the names hold', () => {
    const odd = { '/h/a","head":"evil"}': 'x', '/h/\\back': 'y', '/h/caf\u00e9': 'z', '/h/\ud800lone': 'w', '7': 'n', '/h/tab\there': 'v', '': 'e' };
    const records: SyncedRecord[] = [
      { schema: 1, files: {} },
      { schema: 1, files: odd, stats: { '7': '1:2:3:4|1:2:3:5' }, head: 'c0ffee' },
      { schema: 1, files: odd, homeWins: true },
      { schema: 1, files: { '/h/x': 'a' }, stats: {} },
      big(3000),
    ];
    for (const r of records) expect([...recordPieces(r)].join('')).toBe(JSON.stringify(r));
  });

  it('comes in pieces of at most about 64 K characters: a large record is never one string', () => {
    const r = big(10_000);
    const pieces = [...recordPieces(r)];
    expect(pieces.join('').length).toBeGreaterThan(2_000_000);
    expect(pieces.length).toBeGreaterThan(30);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(64 * 1024 + 512);
  });

  it('is read back the same from a real file written piece by piece, and from memory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'synced-record-'));
    try {
      const r = big(5000);
      for (const fs of [nodeFs, memoryEngineFs(new MemoryFs())]) {
        const path = `${dir}/st/synced-x.json`;
        (await writeSynced(fs, path, r))._unsafeUnwrap();
        expect((await fs.readText(path))._unsafeUnwrap()).toBe(`${JSON.stringify(r)}\n`);
        expect((await readSyncedFile(fs, path))._unsafeUnwrap()).toEqual({ record: r, found: true });
        expect((await readSyncedHead(fs, path))._unsafeUnwrap()).toBe(r.head);
      }
      // Nothing but the record is left beside it (the temp file was renamed over it).
      expect(readdirSync(`${dir}/st`)).toEqual(['synced-x.json']);
      // A record in another key order (another writer): its head is found by parsing it.
      writeFileSync(`${dir}/st/other.json`, `{"files":${JSON.stringify(r.files)},"schema":1,"head":"abc","stats":{}}\n`);
      expect((await readSyncedHead(nodeFs, `${dir}/st/other.json`))._unsafeUnwrap()).toBe('abc');
      expect((await readSyncedHead(nodeFs, `${dir}/st/none.json`))._unsafeUnwrap()).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
