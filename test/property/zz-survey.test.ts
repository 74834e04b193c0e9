import fc from 'fast-check';
import { it } from 'vitest';
import { commandArb } from './model.js';
import { realDriver } from './real-driver.js';
import { memoryDriver } from './memory-driver.js';
import { newStats, runSequence } from './run-sequence.js';
import { formatStats } from './campaign.js';

const backend = (process.env['SURVEY_BACKEND'] ?? 'git') as 'git' | 'jj' | 'memory';
it('survey', { timeout: 3_600_000 }, async () => {
  const d = backend === 'memory' ? memoryDriver(['alpha', 'beta', 'gamma']) : await realDriver(backend, ['alpha', 'beta', 'gamma']);
  const n = Number(process.env['SURVEY_RUNS'] ?? '10');
  const seqs = fc.sample(fc.array(commandArb({ kills: true, person: Number(process.env['SURVEY_PERSON'] ?? '12'), personKinds: process.env['SURVEY_KINDS'] !== undefined ? new Set(process.env['SURVEY_KINDS'].split(',') as never[]) : (d.person?.kinds ?? new Set()) }), { minLength: 6, maxLength: 10 }), { seed: Number(process.env['SURVEY_SEED'] ?? '1'), numRuns: n });
  const t0 = Date.now();
  const stats = newStats();
  for (const [i, s] of seqs.entries()) {
    try {
      await runSequence(d, s, stats);
      console.log(`#${i} ok`);
    } catch (e) {
      const m = (e as Error).message;
      console.log(`#${i} FAIL ${m.split('\n').slice(0, 4).join(' | ')}\n${JSON.stringify(s)}\n${m}`);
    }
  }
  console.log(formatStats('survey', stats));
  console.log(`survey ${backend}: ${n} sequences in ${(Date.now() - t0) / 1000}s`);
  d.dispose();
});
