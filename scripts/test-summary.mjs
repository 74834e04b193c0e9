#!/usr/bin/env node
// test-summary — the closing line of scripts/check, from vitest's JSON report:
//   Tests: 736 passed, 0 failed
// CI reads this line. A test file that fails to load (no test in it ran) counts as one failed
// test, so the line never says 0 failed for a run that failed. Usage: test-summary REPORT.json
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/**
 * @param {{ numPassedTests: number, numFailedTests: number, testResults?: { status: string, assertionResults?: { status: string }[] }[] }} report
 * @returns {string}
 */
export const summaryLine = (report) => {
  const unloaded = (report.testResults ?? []).filter((f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed')).length;
  return `Tests: ${report.numPassedTests} passed, ${report.numFailedTests + unloaded} failed`;
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const file = process.argv[2];
  if (file === undefined) {
    console.error('usage: test-summary REPORT.json');
    process.exit(2);
  }
  let report;
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    console.error(`test-summary: no readable vitest report at ${file} (${e instanceof Error ? e.message : String(e)})`);
    process.exit(1);
  }
  console.log(summaryLine(report));
}
