// The FleetStore contract: the in-memory store must behave as the git-plumbing one does (on a
// git clone and behind a jj repo). Two hosts share one remote; the trunk moves under them.
import { describe, expect, it, onTestFinished } from 'vitest';
import type { FleetStore } from '../../src/core/fleet/store.js';
import type { HostRecord } from '../../src/core/fleet/record.js';

export interface FleetContractEnv {
  /** The store of each host (same remote). */
  readonly alpha: FleetStore;
  readonly beta: FleetStore;
  /** The remote trunk's head as both hosts last fetched it. */
  trunkHead(): Promise<string>;
  /** Adds `n` commits to the remote trunk and lets both hosts fetch them; returns the new head. */
  advanceTrunk(n: number): Promise<string>;
  /** A commit id neither host knows. */
  readonly unknownCommit: string;
  /** Hosts whose record the remote holds. */
  remoteHosts(): Promise<readonly string[]>;
  /** Makes every network operation of alpha's store fail (true) or work again. */
  cutAlpha(cut: boolean): void;
  cleanup(): void;
}

const record = (host: string, over: Partial<HostRecord> = {}): HostRecord => ({
  schema: 1,
  host,
  lastSync: '2026-12-01T10:00:00.000Z',
  status: 'success',
  trunkCommit: null,
  conflicts: [],
  conflictBranch: null,
  version: '0.1.0',
  ...over,
});

export const describeFleetContract = (name: string, makeEnv: () => Promise<FleetContractEnv>): void => {
  describe(`FleetStore contract: ${name}`, () => {
    const env = async (): Promise<FleetContractEnv> => {
      const e = await makeEnv();
      onTestFinished(() => e.cleanup());
      return e;
    };

    it('publishes a record that another host fetches and lists; the publisher reads its own without a fetch', async () => {
      const e = await env();
      expect((await e.alpha.list())._unsafeUnwrap().records).toEqual([]);
      const head = await e.trunkHead();
      const a = record('alpha', { trunkCommit: head });
      (await e.alpha.publish(a))._unsafeUnwrap();
      expect((await e.alpha.read('alpha'))._unsafeUnwrap()).toEqual(a);
      expect(await e.remoteHosts()).toEqual(['alpha']);
      expect((await e.beta.read('alpha'))._unsafeUnwrap()).toBeUndefined();
      (await e.beta.fetch())._unsafeUnwrap();
      const listed = (await e.beta.list())._unsafeUnwrap();
      expect(listed.records).toEqual([a]);
      expect(listed.trunkHead).toBe(head);
      expect(listed.invalid).toEqual([]);
    });

    it('a new record replaces the host\'s previous one; records of several hosts are listed by name', async () => {
      const e = await env();
      (await e.beta.publish(record('beta')))._unsafeUnwrap();
      (await e.alpha.publish(record('alpha')))._unsafeUnwrap();
      const second = record('alpha', { status: 'conflicts-preserved', conflicts: ['dot_bashrc'], conflictBranch: 'sync/alpha', lastSync: '2026-12-01T11:00:00.000Z' });
      (await e.alpha.publish(second))._unsafeUnwrap();
      (await e.beta.fetch())._unsafeUnwrap();
      expect((await e.beta.list())._unsafeUnwrap().records.map((r) => [r.host, r.status])).toEqual([
        ['alpha', 'conflicts-preserved'],
        ['beta', 'success'],
      ]);
    });

    it('counts the trunk commits a recorded commit lacks; an unknown commit is undefined, the head is its own integration', async () => {
      const e = await env();
      const before = await e.trunkHead();
      const after = await e.advanceTrunk(3);
      expect((await e.alpha.behind(before))._unsafeUnwrap()).toBe(3);
      expect((await e.alpha.behind(after))._unsafeUnwrap()).toBe(0);
      expect((await e.alpha.behind(e.unknownCommit))._unsafeUnwrap()).toBeUndefined();
      expect((await e.alpha.integrated(after))._unsafeUnwrap()).toBe(after);
      expect((await e.alpha.integrated(before))._unsafeUnwrap()).toBe(before);
      expect((await e.alpha.integrated(e.unknownCommit))._unsafeUnwrap()).toBeUndefined();
    });

    it('forget deletes the record on the remote and, at their next fetch, on other hosts; a missing one is no error', async () => {
      const e = await env();
      (await e.alpha.publish(record('alpha')))._unsafeUnwrap();
      (await e.beta.publish(record('beta')))._unsafeUnwrap();
      (await e.alpha.fetch())._unsafeUnwrap();
      (await e.beta.forget('alpha'))._unsafeUnwrap();
      expect(await e.remoteHosts()).toEqual(['beta']);
      (await e.alpha.fetch())._unsafeUnwrap();
      expect((await e.alpha.list())._unsafeUnwrap().records.map((r) => r.host)).toEqual(['beta']);
      (await e.alpha.forget('nobody'))._unsafeUnwrap();
    });

    it('refuses host names that are not one ref component, before anything runs', async () => {
      const e = await env();
      for (const bad of ['../x', '-x', 'a/b', 'x.lock', '']) {
        expect((await e.alpha.publish(record(bad)))._unsafeUnwrapErr()).toMatchObject({ kind: 'invalid-input', field: 'host' });
        expect((await e.alpha.forget(bad))._unsafeUnwrapErr()).toMatchObject({ kind: 'invalid-input', field: 'host' });
      }
      expect(await e.remoteHosts()).toEqual([]);
    });

    it('an unreachable remote is an error of publish and fetch; the local copies stay', async () => {
      const e = await env();
      (await e.alpha.publish(record('alpha')))._unsafeUnwrap();
      e.cutAlpha(true);
      expect((await e.alpha.publish(record('alpha', { status: 'push-failed' }))).isErr()).toBe(true);
      expect((await e.alpha.fetch()).isErr()).toBe(true);
      expect((await e.alpha.read('alpha'))._unsafeUnwrap()?.status).toBe('success');
      e.cutAlpha(false);
      (await e.alpha.publish(record('alpha', { status: 'push-failed' })))._unsafeUnwrap();
      expect((await e.alpha.read('alpha'))._unsafeUnwrap()?.status).toBe('push-failed');
    });
  });
};
