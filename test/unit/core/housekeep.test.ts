// Housekeeping's pure parts: which checkpoints are promised, how renamed ids are written back,
// how kept jj operations are matched up after an abandon, and the memory backend's trimming.
import { describe, expect, it } from 'vitest';
import { matchKept } from '../../../src/backends/jj/housekeep.js';
import { parseOperationList } from '../../../src/backends/jj/parse-operation-list.js';
import { MEMORY_OPS_DUE } from '../../../src/backends/memory/housekeep.js';
import { MemoryFs, MemoryRemote, memoryFactory } from '../../../src/testing.js';
import { promisedCheckpoints, renameCheckpoints } from '../../../src/core/sync/housekeep.js';
import type { StateFile } from '../../../src/core/sync/state.js';
import type { SyncReport } from '../../../src/core/sync/types.js';

const run = (sourceDir: string, id?: string): SyncReport => ({ status: 'success', sourceDir, ...(id !== undefined ? { checkpoint: { backend: 'jj', id } } : {}) }) as unknown as SyncReport;

describe('promised checkpoints', () => {
  it('are the recorded runs of this source dir that carry one', () => {
    const state: StateFile = { schema: 1, runs: [run('/s', 'c3'), run('/s'), run('/other', 'x'), run('/s', 'c1')] };
    expect(promisedCheckpoints(state, '/s').map((c) => c.id)).toEqual(['c3', 'c1']);
  });

  it('take their new ids everywhere the state names them', () => {
    const state: StateFile = { schema: 1, lastRun: run('/s', 'c3'), runs: [run('/s', 'c3'), run('/s'), run('/s', 'c1')] };
    const next = renameCheckpoints(state, { c3: 'n3', c1: 'n1' });
    expect(next.runs.map((r) => r.checkpoint?.id)).toEqual(['n3', undefined, 'n1']);
    expect(next.lastRun?.checkpoint?.id).toBe('n3');
    expect(renameCheckpoints(state, {})).toEqual(state);
  });
});

describe('jj operation list', () => {
  const list = (ids: string[]): string => ids.map((id, i) => `${id}\t${i === ids.length - 1 ? 0 : 1}\t2026-12-06 02:0${i}:00.000 +00:00\n`).join('');

  it('parses id, parent count and start time, and refuses anything else', () => {
    expect(parseOperationList(list(['aaaaaaaaaaaa', '000000000000']))._unsafeUnwrap()).toEqual([
      { id: 'aaaaaaaaaaaa', parents: 1, started: '2026-12-06 02:00:00.000 +00:00' },
      { id: '000000000000', parents: 0, started: '2026-12-06 02:01:00.000 +00:00' },
    ]);
    expect(parseOperationList('not an op\n').isErr()).toBe(true);
  });

  it('matches kept operations by position and start time, and gives up when they do not line up', () => {
    const before = parseOperationList(list(['aaaaaaaaaaaa', 'bbbbbbbbbbbb', 'cccccccccccc', '000000000000']))._unsafeUnwrap();
    const after = parseOperationList(list(['dddddddddddd', '000000000000']))._unsafeUnwrap();
    expect(matchKept(before, after, 1)).toEqual(new Map([['aaaaaaaaaaaa', 'dddddddddddd']]));
    expect(matchKept(before, after, 2)).toBeUndefined();
    const shifted = [{ ...after[0]!, started: 'another time' }, after[1]!];
    expect(matchKept(before, shifted, 1)).toBeUndefined();
  });
});

describe('memory housekeeping', () => {
  it('drops only unpromised checkpoints once due, and the promised ones still restore', async () => {
    const fs = new MemoryFs();
    const factory = memoryFactory({ fs, remotes: { origin: new MemoryRemote({ files: { f: 'seed\n' } }) } });
    const vcs = (await factory.clone('memory://origin', '/repo'))._unsafeUnwrap();
    const ids: string[] = [];
    for (let i = 0; i <= MEMORY_OPS_DUE; i++) {
      fs.write('/repo/f', `v${i}\n`);
      (await vcs.commitAll(`c${i}`))._unsafeUnwrap();
      ids.push((await vcs.checkpoint())._unsafeUnwrap().id);
    }
    const keep = [{ backend: 'memory' as const, id: ids[3]! }];
    expect((await vcs.housekeep!(keep))._unsafeUnwrap().ran).toBe(true);
    expect((await vcs.sizes!())._unsafeUnwrap().operations).toBe(1);
    (await vcs.restore(keep[0]!))._unsafeUnwrap();
    expect(fs.read('/repo/f')).toBe('v3\n');
    expect((await vcs.restore({ backend: 'memory', id: ids[4]! })).isErr()).toBe(true);
    expect((await vcs.housekeep!(keep))._unsafeUnwrap().ran).toBe(false);
  });
});
