import { describe, expect, it } from 'vitest';
import { emptyState, readState, statePaths, writeRun } from '../../../src/core/sync/state.js';
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
