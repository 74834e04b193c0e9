import { describe, expect, it } from 'vitest';
import type { SyncReport } from '../../../src/core/sync/types.js';
import { createOutput, type Stream } from '../../../src/cli/output/output.js';
import { progressRenderer } from '../../../src/cli/output/progress.js';
import { exitCodeForReport, summarize } from '../../../src/cli/output/summary.js';

const sink = (isTTY: boolean): Stream & { text: string } => {
  const s = { text: '', isTTY, write: (t: string) => (s.text += t) };
  return s;
};

const events = (r: ReturnType<typeof progressRenderer>): void => {
  const at = '2026-01-01T00:00:00.000Z';
  r.onEvent({ type: 'step-started', step: 'fetch', at });
  r.onEvent({ type: 'step-finished', step: 'fetch', at, outcome: 'ok', detail: 'fetched origin' });
  r.onEvent({ type: 'info', message: 'conflict resolved: removed sync/a' });
  r.onEvent({ type: 'step-started', step: 'publish', at });
  r.onEvent({ type: 'step-finished', step: 'publish', at, outcome: 'degraded', detail: 'push failed' });
  r.done();
};

const ESC = '\u001b';

describe('progress output', () => {
  it('writes plain lines without escape codes when not on a terminal (journald)', () => {
    const out = sink(false);
    const o = createOutput({ stdout: out, stderr: sink(false), env: {}, json: false, quiet: false, verbose: false });
    events(progressRenderer(o));
    expect(out.text).toBe('fetch: ok: fetched origin\nnote: conflict resolved: removed sync/a\npublish: degraded: push failed\n');
  });

  it('on a terminal shows live lines; NO_COLOR removes the colours but not the progress', () => {
    const tty = sink(true);
    events(progressRenderer(createOutput({ stdout: tty, stderr: sink(false), env: {}, json: false, quiet: false, verbose: false })));
    expect(tty.text).toContain(`${ESC}[32m✓${ESC}[39m`);
    expect(tty.text).toContain('… fetch');
    const plain = sink(true);
    events(progressRenderer(createOutput({ stdout: plain, stderr: sink(false), env: { NO_COLOR: '1' }, json: false, quiet: false, verbose: false })));
    expect(plain.text).not.toMatch(/\u001b\[\d+m/);
    expect(plain.text).toContain('✓ fetch');
  });

  it('with --json sends log lines to stderr and nothing to stdout', () => {
    const out = sink(true);
    const err = sink(true);
    events(progressRenderer(createOutput({ stdout: out, stderr: err, env: {}, json: true, quiet: false, verbose: false })));
    expect(out.text).toBe('');
    expect(err.text).toContain('publish: degraded: push failed');
  });

  it('--quiet keeps only degraded and failed steps', () => {
    const out = sink(false);
    events(progressRenderer(createOutput({ stdout: out, stderr: sink(false), env: {}, json: false, quiet: true, verbose: false })));
    expect(out.text).toBe('publish: degraded: push failed\n');
  });
});

const report = (over: Partial<SyncReport>): SyncReport => ({
  status: 'success',
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 1400,
  backend: 'jj',
  host: 'a',
  sourceDir: '/s',
  committed: 1,
  published: 1,
  applied: ['/h/.bashrc', '/h/.vimrc'],
  keptLocal: [],
  skippedReAdd: [],
  pendingPushes: 0,
  dryRun: false,
  ...over,
});

describe('summary and exit codes of a run', () => {
  it('says the status word first, then what happened', () => {
    expect(summarize(report({}))).toBe('success: committed 1, published 1, applied 2 files (jj, 1.4s)');
    expect(summarize(report({ status: 'conflicts-preserved', committed: 0, published: 0, applied: [], conflicts: { paths: ['dot_bashrc'], branch: 'sync/a' } }))).toBe(
      "conflicts-preserved: dot_bashrc — this host's work is kept on sync/a; run chezmoi-sync conflicts (jj, 1.4s)",
    );
  });

  it('exits 0 for graceful states, 75 for them with --strict, and distinct codes otherwise', () => {
    for (const status of ['fetch-failed', 'push-failed', 'auth-failed', 'conflicts-preserved'] as const) {
      expect(exitCodeForReport(report({ status }), false)).toBe(0);
      expect(exitCodeForReport(report({ status }), true)).toBe(75);
    }
    expect(exitCodeForReport(report({}), true)).toBe(0);
    expect(exitCodeForReport(report({ status: 'locked' }), false)).toBe(6);
  });
});
