// scripts/check's test step (scripts/run-tests): plain output when not on a terminal, and one
// closing line CI reads — `Tests: N passed, N failed` — from vitest's JSON report.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../deploy/support.js';

const REPO = resolve(import.meta.dirname, '../../..');

const summarize = (report: unknown) => {
  const file = join(tempDir('summary-'), 'report.json');
  writeFileSync(file, JSON.stringify(report));
  return spawnSync(process.execPath, [join(REPO, 'scripts/test-summary.mjs'), file], { encoding: 'utf8' });
};

describe('scripts/test-summary.mjs', () => {
  it('prints passed and failed; a test file that failed to load counts as one failed test', () => {
    expect(summarize({ numPassedTests: 736, numFailedTests: 0, testResults: [{ status: 'passed', assertionResults: [{ status: 'passed' }] }] }).stdout).toBe('Tests: 736 passed, 0 failed\n');
    const files = [
      { status: 'failed', assertionResults: [{ status: 'failed' }, { status: 'passed' }] },
      { status: 'failed', assertionResults: [] },
    ];
    expect(summarize({ numPassedTests: 7, numFailedTests: 1, testResults: files }).stdout).toBe('Tests: 7 passed, 2 failed\n');
  });

  it('fails with a message when there is no report', () => {
    const r = spawnSync(process.execPath, [join(REPO, 'scripts/test-summary.mjs'), '/nonexistent/report.json'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^test-summary: no readable vitest report at \/nonexistent\/report\.json/);
  });
});

describe('scripts/run-tests', () => {
  it('not on a terminal: no colour codes, and the run ends with the closing line', () => {
    const env = { ...process.env };
    delete env['NO_COLOR'];
    delete env['FORCE_COLOR'];
    const r = spawnSync(join(REPO, 'scripts/run-tests'), ['test/cli/unit/split-words.test.ts'], { encoding: 'utf8', env: { ...env, FORCE_COLOR: '1' }, cwd: REPO });
    expect(r.status, r.stderr).toBe(0);
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/\u001b\[/);
    const n = Number(/^ {6}Tests {2}(\d+) passed/m.exec(r.stdout)?.[1]);
    expect(n).toBeGreaterThan(0);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe(`Tests: ${n} passed, 0 failed`);
  });
});
