// The pure parts of the fleet view: the record's format and checks, when a record is pushed, the
// publish decision after a sync (on the in-memory store), behind counts and the status summary.
import { describe, expect, it } from 'vitest';
import { MemoryFleetRemote, memoryFleetStore } from '../../../src/backends/memory/fleet-store.js';
import { publishFleetRecord, recordFor } from '../../../src/core/fleet/publish.js';
import { FLEET_HEARTBEAT_MS, needsPublish, parseRecord, serializeRecord, type HostRecord } from '../../../src/core/fleet/record.js';
import { fleetSummary, fleetView, staleHosts } from '../../../src/core/fleet/view.js';
import type { SyncReport } from '../../../src/core/sync/types.js';

const report = (over: Partial<SyncReport> = {}): SyncReport => ({
  status: 'success',
  startedAt: '2026-12-01T10:00:00.000Z',
  durationMs: 5,
  backend: 'memory',
  host: 'alpha',
  sourceDir: '/s',
  committed: 0,
  published: 0,
  applied: [],
  keptLocal: [],
  skippedReAdd: [],
  pendingPushes: 0,
  dryRun: false,
  ...over,
});

const rec = (over: Partial<HostRecord> = {}): HostRecord => ({ ...recordFor(report(), 'c1', '0.1.0'), ...over });

describe('fleet record', () => {
  it('serialises to one line in a fixed key order and parses back', () => {
    const r = rec({ conflicts: ['dot_bashrc'], conflictBranch: 'sync/alpha', status: 'conflicts-preserved' });
    const text = serializeRecord(r);
    expect(text).toBe('{"schema":1,"host":"alpha","lastSync":"2026-12-01T10:00:00.000Z","status":"conflicts-preserved","trunkCommit":"c1","conflicts":["dot_bashrc"],"conflictBranch":"sync/alpha","version":"0.1.0"}\n');
    expect(parseRecord(text, 'alpha')._unsafeUnwrap()).toEqual(r);
  });

  it.each([
    ['not JSON', 'nope'],
    ['another schema', JSON.stringify({ ...rec(), schema: 2 })],
    ['another host than its ref', JSON.stringify(rec({ host: 'beta' }))],
    ['an unknown status', JSON.stringify({ ...rec(), status: 'great' })],
    ['an option-like commit', JSON.stringify(rec({ trunkCommit: '--upload-pack=x' }))],
    ['a branch that is no ref name', JSON.stringify(rec({ conflictBranch: 'a..b' }))],
    ['a control character in a path', JSON.stringify(rec({ conflicts: ['a\u001bb'] }))],
    ['a time that is none', JSON.stringify(rec({ lastSync: 'yesterday' }))],
  ])('refuses a record with %s', (_, text) => {
    expect(parseRecord(text, 'alpha')._unsafeUnwrapErr()).toMatchObject({ kind: 'invalid-input', field: 'fleetRecord' });
  });

  it('is pushed when anything but the time changed, or when the published time is older than the heartbeat', () => {
    const published = rec();
    const later = (ms: number): string => new Date(Date.parse(published.lastSync) + ms).toISOString();
    expect(needsPublish(undefined, published)).toBe(true);
    expect(needsPublish(published, rec({ lastSync: later(60_000) }))).toBe(false);
    expect(needsPublish(published, rec({ lastSync: later(FLEET_HEARTBEAT_MS) }))).toBe(true);
    expect(needsPublish(published, rec({ lastSync: later(60_000), status: 'push-failed' }))).toBe(true);
    expect(needsPublish(published, rec({ lastSync: later(60_000), trunkCommit: 'c2' }))).toBe(true);
    // A clock that went back: publish rather than trust it.
    expect(needsPublish(published, rec({ lastSync: later(-60_000) }))).toBe(true);
  });
});

describe('publishFleetRecord', () => {
  const setUp = () => {
    const remote = new MemoryFleetRemote();
    const trunk = ['c0', 'c1'];
    return { remote, trunk, deps: { store: memoryFleetStore({ remote, trunk: () => trunk }), version: '0.1.0' } };
  };

  it('publishes the first record, skips an unchanged one, publishes a change', async () => {
    const { remote, deps } = setUp();
    expect((await publishFleetRecord(deps, report(), 'c1'))._unsafeUnwrap()).toMatchObject({ outcome: 'published', record: { trunkCommit: 'c1' } });
    expect((await publishFleetRecord(deps, report({ startedAt: '2026-12-01T10:05:00.000Z' }), 'c1'))._unsafeUnwrap().outcome).toBe('unchanged');
    const conflict = report({ startedAt: '2026-12-01T10:10:00.000Z', status: 'conflicts-preserved', conflicts: { paths: ['dot_bashrc'], branch: 'sync/alpha' } });
    expect((await publishFleetRecord(deps, conflict, 'c1'))._unsafeUnwrap()).toMatchObject({ outcome: 'published', record: { conflicts: ['dot_bashrc'], conflictBranch: 'sync/alpha' } });
    expect(remote.updates).toBe(2);
  });

  it('publishes nothing after an offline, refused, locked or dry run', async () => {
    const { remote, deps } = setUp();
    for (const r of [report({ status: 'fetch-failed' }), report({ status: 'auth-failed' }), report({ status: 'locked' }), report({ dryRun: true })]) {
      expect((await publishFleetRecord(deps, r, 'c1'))._unsafeUnwrap().outcome).toBe('skipped');
    }
    expect(remote.updates).toBe(0);
  });

  it('keeps the previous trunk commit when the head is not known', async () => {
    const { deps } = setUp();
    expect((await publishFleetRecord(deps, report(), 'c1')).isOk()).toBe(true);
    const r = await publishFleetRecord(deps, report({ startedAt: '2026-12-01T10:05:00.000Z', status: 'error' }), undefined);
    expect(r._unsafeUnwrap()).toMatchObject({ outcome: 'published', record: { status: 'error', trunkCommit: 'c1' } });
  });

  it('is an error (for the caller to warn about) when the remote cannot be reached', async () => {
    const { remote, deps } = setUp();
    remote.reachable = false;
    expect((await publishFleetRecord(deps, report(), 'c1'))._unsafeUnwrapErr().kind).toBe('network');
  });

  it('refuses a record that looks like it holds a secret (the guard every push passes)', async () => {
    const { remote, deps } = setUp();
    const leaky = report({ status: 'conflicts-preserved', conflicts: { paths: [`dot_config/ghp_${'a'.repeat(36)}`], branch: 'sync/alpha' } });
    expect((await publishFleetRecord(deps, leaky, 'c1'))._unsafeUnwrapErr().kind).toBe('secrets-found');
    expect(remote.updates).toBe(0);
  });
});

describe('fleet view', () => {
  it('counts behind per host; unknown commits and missing ones say why; the summary names hosts', async () => {
    const remote = new MemoryFleetRemote();
    const trunk = ['c0', 'c1', 'c2', 'c3'];
    const store = memoryFleetStore({ remote, trunk: () => trunk });
    for (const r of [
      rec({ host: 'alpha', trunkCommit: 'c3' }),
      rec({ host: 'beta', trunkCommit: 'c1', status: 'conflicts-preserved', conflicts: ['dot_bashrc'], conflictBranch: 'sync/beta' }),
      rec({ host: 'gamma', trunkCommit: 'zz' }),
      rec({ host: 'delta', trunkCommit: null, status: 'push-failed' }),
    ]) {
      (await store.publish(r))._unsafeUnwrap();
    }
    const snap = (await store.list())._unsafeUnwrap();
    const view = (await fleetView(store, snap))._unsafeUnwrap();
    expect(view.hosts.map((h) => [h.record.host, h.behind ?? h.behindUnknown])).toEqual([
      ['alpha', 0],
      ['beta', 2],
      ['delta', 'its record names no trunk commit'],
      ['gamma', 'its trunk commit zz is not known here'],
    ]);
    expect(fleetSummary(snap)).toBe('4 hosts: 1 up to date, 3 behind (beta, delta, gamma), 1 with conflicts (beta), 1 failing (delta)');
    expect(fleetSummary({ records: [], invalid: [] })).toBe('no host records yet');
  });

  it('finds hosts not seen for longer than the allowance, oldest first', () => {
    const now = new Date('2026-12-31T00:00:00.000Z');
    const rs = [rec({ host: 'a', lastSync: '2026-12-30T00:00:00.000Z' }), rec({ host: 'b', lastSync: '2026-10-01T00:00:00.000Z' }), rec({ host: 'c', lastSync: '2026-09-01T00:00:00.000Z' })];
    expect(staleHosts(rs, now, 30 * 86_400_000).map((r) => r.host)).toEqual(['c', 'b']);
  });
});
