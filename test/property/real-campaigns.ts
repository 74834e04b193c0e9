// The campaigns run with the real tools, per backend (one test file each, so the two run in parallel).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RealBackend } from '../support/engine.js';
import { campaignTimeout, formatStats, runCampaign, type Campaign } from './campaign.js';
import type { Driver } from './driver.js';
import { realDriver } from './real-driver.js';

/** Bulk: short sequences on 3 hosts. Fixed seeds; `npm run soak` randomises them. */
const short = (seed: number): Campaign => ({ name: 'short sequences, 3 hosts', seed, runs: 40, minSteps: 3, maxSteps: 6, kills: true });
/** A few long sequences on 5 hosts. */
const long = (seed: number): Campaign => ({ name: 'long sequences, 5 hosts', seed, runs: 3, minSteps: 20, maxSteps: 30, kills: true });

export const realCampaigns = (backend: RealBackend, seed: number): void => {
  describe.each([
    [short(seed).name, short(seed), ['alpha', 'beta', 'gamma']],
    [long(seed + 1).name, long(seed + 1), ['alpha', 'beta', 'gamma', 'delta', 'epsilon']],
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
    });
  });
};
