// V8's young generation, kept at its first size (1 MB semi-spaces) instead of doubling up to 16 MB
// while a run's bursts survive (at 10,000 files: the stats, the synced record, the managed list).
// The peak of a 10,000-file no-op sync falls from ~115 to ~92 MB, for no measurable time
// (docs/benchmarks.md). V8 reads the growth factor each time it would grow the space, so setting
// it once the process runs takes effect.
import { setFlagsFromString } from 'node:v8';

/** Whether the semi-spaces are left as they are: a node option about them (the units set one) decides. Pure. */
export const semiSpacesChosen = (execArgv: readonly string[], nodeOptions: string | undefined): boolean =>
  [...execArgv, nodeOptions ?? ''].some((o) => o.includes('semi-space'));

/** Keeps the young generation small, unless node was told otherwise. */
export const keepYoungGenerationSmall = (execArgv: readonly string[], nodeOptions: string | undefined): void => {
  if (!semiSpacesChosen(execArgv, nodeOptions)) setFlagsFromString('--semi-space-growth-factor=1');
};
