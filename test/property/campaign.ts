// How many sequences run and with which seed: fixed in CI, random and long under `npm run soak`.
//   CHEZMOI_SYNC_SOAK=1              random seeds, run until CHEZMOI_SYNC_SOAK_MINUTES (default 30) pass
//   CHEZMOI_SYNC_PROPERTY_SEED=N     replay one seed (printed on every failure), CHEZMOI_SYNC_PROPERTY_PATH=P its path
//   CHEZMOI_SYNC_PROPERTY_RUNS=N     override the number of sequences of each campaign
//   CHEZMOI_SYNC_PROPERTY_SHRINK=1   shrink a failing sequence (slow with real tools; off by default)
//   CHEZMOI_SYNC_PROPERTY_SEQUENCE='[…]' run exactly this sequence (the "Counterexample" a failure prints)
//   CHEZMOI_SYNC_PROPERTY_DEBUG=1    print every step of every sync
import fc from 'fast-check';
import type { Driver } from './driver.js';
import { commandArb, type Command, type PersonKind } from './model.js';
import { newStats, runSequence, type Stats } from './run-sequence.js';

const env = process.env;
export const SOAK = env['CHEZMOI_SYNC_SOAK'] === '1';
const soakMs = Number(env['CHEZMOI_SYNC_SOAK_MINUTES'] ?? '30') * 60_000;

export interface Campaign {
  readonly name: string;
  /** Seed used in CI. */
  readonly seed: number;
  readonly runs: number;
  readonly minSteps: number;
  readonly maxSteps: number;
  readonly kills: boolean;
  /** Weight of each person action the driver can play (0: none; an edit weighs 30, a sync 30). */
  readonly person: number;
  /** Person actions left out of the fixed-seed CI runs (still played by `npm run soak`). */
  readonly soakOnly?: readonly PersonKind[];
  /** Hosts running a watcher: their edits start syncs through the watch scheduler, on the model's clock. */
  readonly watching?: readonly string[];
}

/** The person actions a campaign plays with this driver. */
export const personKinds = (driver: Driver, c: Campaign): Set<PersonKind> =>
  new Set([...(driver.person?.kinds ?? [])].filter((k) => SOAK || !(c.soakOnly ?? []).includes(k)));

/** The vitest timeout for a campaign: generous, the runs themselves bound the work. */
export const campaignTimeout = (c: Campaign, msPerRun: number): number => (SOAK ? soakMs + 600_000 : c.runs * msPerRun + 120_000);

/** Runs a campaign of sequences against `driver`; returns the counters. Throws on the first failing sequence. */
export const runCampaign = async (driver: Driver, c: Campaign): Promise<Stats> => {
  const stats = newStats();
  const sequence = env['CHEZMOI_SYNC_PROPERTY_SEQUENCE'];
  if (sequence !== undefined) {
    // fast-check prints the counterexample as [[…commands]]; accept that or the bare list.
    const parsed = JSON.parse(sequence) as Command[] | [Command[]];
    const cmds = Array.isArray(parsed[0]) ? (parsed[0] as Command[]) : (parsed as Command[]);
    await runSequence(driver, cmds, stats, c.watching);
    return stats;
  }
  const replay = env['CHEZMOI_SYNC_PROPERTY_SEED'];
  const seed = replay !== undefined ? Number(replay) : SOAK ? (Date.now() ^ (Math.random() * 0x7fffffff)) | 0 : c.seed;
  const runs = Number(env['CHEZMOI_SYNC_PROPERTY_RUNS'] ?? (SOAK ? 1_000_000 : c.runs));
  const path = env['CHEZMOI_SYNC_PROPERTY_PATH'];
  if (SOAK) console.log(`[soak] ${driver.label} ${c.name}: seed ${seed} — replay with CHEZMOI_SYNC_PROPERTY_SEED=${seed}`);
  const watching = (c.watching ?? []).length > 0;
  const arb = fc.array(commandArb({ kills: c.kills, person: c.person, personKinds: personKinds(driver, c), ticks: watching }), { minLength: c.minSteps, maxLength: c.maxSteps });
  try {
    await fc.assert(
      fc.asyncProperty(arb, async (cmds: Command[]) => {
        await runSequence(driver, cmds, stats, c.watching);
      }),
      {
        seed,
        numRuns: runs,
        ...(path !== undefined ? { path } : {}),
        endOnFailure: env['CHEZMOI_SYNC_PROPERTY_SHRINK'] !== '1',
        ...(SOAK ? { interruptAfterTimeLimit: soakMs, markInterruptAsFailure: false } : {}),
      },
    );
  } catch (e) {
    // fast-check's message names the seed and path; say it once more where a soak log ends.
    console.error(`[property] ${driver.label} ${c.name} failed — replay with CHEZMOI_SYNC_PROPERTY_SEED=${seed} (and the path in the message)`);
    throw e;
  }
  return stats;
};

export const formatStats = (label: string, s: Stats): string =>
  `[property] ${label}: ${s.sequences} sequences, ${s.steps} steps, ${s.syncs} syncs (${Object.entries(s.statuses)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')}), kills ${s.killsLanded}/${s.kills} landed (${s.killsInTool} inside a tool command, ${s.handCommitsAfterKill} followed by a hand commit, ${s.handCommitsAfterRebaseKill} of them after a kill inside the rebase), races ${s.racesHit}/${s.races} hit, ${s.concurrent} concurrent pairs, ${s.watchSyncs} started by watchers, ${s.resolves} resolutions (${s.resolvesByHand} by hand), ${s.merges} local merges, ${s.orphaned.size} kept-local edits orphaned by a deletion, ${s.settleRounds} heal rounds, person actions ${JSON.stringify(s.person)}, ${s.homeReplaced} HOME files replaced (each stored), ${(s.ms / 1000).toFixed(1)} s`;
