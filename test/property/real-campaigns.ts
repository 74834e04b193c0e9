// The campaigns run with the real tools, per backend (one test file each, so the two run in parallel).
// CI runs fixed seeds sized to keep each backend's file near two minutes on a quiet 2-core machine;
// `npm run soak` runs every campaign with random seeds for CHEZMOI_SYNC_SOAK_MINUTES each.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RealBackend } from '../support/engine.js';
import { campaignTimeout, formatStats, personKinds, runCampaign, SOAK, type Campaign } from './campaign.js';
import type { Driver } from './driver.js';
import { realDriver } from './real-driver.js';

/** Bulk: short sequences on 3 hosts, person actions now and then. */
const short = (seed: number): Campaign => ({ name: 'short sequences, 3 hosts', seed, runs: 8, minSteps: 3, maxSteps: 6, kills: true, person: 3, soakOnly: SOAK_ONLY });
/** A few long sequences on 5 hosts. */
const long = (seed: number): Campaign => ({ name: 'long sequences, 5 hosts', seed, runs: 1, minSteps: 20, maxSteps: 30, kills: true, person: 3, soakOnly: SOAK_ONLY });
/** Sequences where about a third of the steps are a person's own actions on the repositories. */
const person = (seed: number): Campaign => ({ name: 'person actions, 3 hosts', seed, runs: 8, minSteps: 6, maxSteps: 10, kills: true, person: 12, soakOnly: SOAK_ONLY });

const FIXED = !SOAK && ['SEQUENCE', 'SEED', 'RUNS'].every((k) => process.env[`CHEZMOI_SYNC_PROPERTY_${k}`] === undefined);

/** Person actions left out of CI's fixed seeds (`npm run soak` plays them all): none today. */
const SOAK_ONLY = [] as const;

/** `personSeed`: the person campaign's own seed, when `seed + 2` does not play every action the backend has. */
export const realCampaigns = (backend: RealBackend, seed: number, personSeed = seed + 2): void => {
  describe.each([
    [short(seed).name, short(seed), ['alpha', 'beta', 'gamma']],
    [long(seed + 1).name, long(seed + 1), ['alpha', 'beta', 'gamma', 'delta', 'epsilon']],
    [person(personSeed).name, person(personSeed), ['alpha', 'beta', 'gamma']],
  ] as const)(`no edit is ever lost (${backend}, real tools): %s`, (_name, campaign, hosts) => {
    let driver: Driver;
    beforeAll(async () => {
      driver = await realDriver(backend, hosts);
    });
    afterAll(() => driver.dispose());

    it('holds for every sequence', { timeout: campaignTimeout(campaign, campaign.maxSteps * 3_000) }, async () => {
      const stats = await runCampaign(driver, campaign);
      console.log(formatStats(`${backend} ${campaign.name}`, stats));
      expect(stats.sequences).toBeGreaterThan(0);
      // The fixed seed of the person campaign plays every person action this backend has.
      if (campaign.person > 10 && FIXED) {
        expect(Object.keys(stats.person).sort()).toEqual([...personKinds(driver, campaign)].sort());
      }
    });
  });
};
