import { describe, expect, it } from 'vitest';
import * as core from '../../../src/core/errors.js';
import { EXIT, EXIT_TABLE, exitCodeOf, renderFailure, usage, type CliFailure } from '../../../src/cli/errors.js';

describe('the error handler', () => {
  it('maps every error kind to its documented exit code', () => {
    const cases: [CliFailure, number][] = [
      [usage('bad'), 2],
      [core.invalidInput('host', 'x y', 'invalid host'), 2],
      [{ kind: 'internal', error: new Error('boom') }, 1],
      [core.notARepo('/src'), 3],
      [core.toolMissing('jj'), 4],
      [core.toolTooOld('git', '2.39', '2.42'), 4],
      [core.unsafeState('rebase', 'a rebase is in progress'), 5],
      [core.lockedError('/l', 7), 6],
      [core.secretsFound([{ path: 'id_rsa', reason: 'private key' }]), 7],
      [core.authError('denied'), 8],
      [core.networkError('offline'), 9],
      [core.rejected('stale'), 9],
      [core.commandFailed('jj failed'), 9],
      [core.ioError('disk full'), 9],
      [core.parseError('garbage', 'xx'), 9],
      [core.conflictError('markers remain', ['a']), 10],
      [{ kind: 'reported', exitCode: 11, message: 'checks failed' }, 11],
    ];
    for (const [f, code] of cases) expect(exitCodeOf(f), f.kind).toBe(code);
    // Every code the handler can produce is in the documented table.
    const documented = new Set(EXIT_TABLE.map((r) => r.code));
    for (const code of Object.values(EXIT)) expect(documented.has(code)).toBe(true);
  });

  it('prints one line with the hint, details only as extra lines', () => {
    const r = renderFailure(core.commandFailed('jj exited 1', { command: ['jj', 'git', 'fetch'], exitCode: 1, stderr: 'Error: boom\nmore' }));
    expect(r.line).toBe('jj exited 1');
    expect(r.line).not.toContain('\n');
    expect(r.detail).toEqual(['command: jj git fetch', 'exit code: 1', 'stderr:', '  Error: boom', '  more']);
    expect(renderFailure(core.toolMissing('jj')).line).toBe('jj was not found (install jj, put it on PATH, or pass its path (env CHEZMOI_SYNC_JJ))');
  });

  it('turns a thrown bug into a "please report" line; the stack only in the detail', () => {
    const r = renderFailure({ kind: 'internal', error: new TypeError('x is undefined') });
    expect(r.exitCode).toBe(1);
    expect(r.line).toMatch(/^internal error: TypeError: x is undefined — this is a bug; please report it/);
    expect(r.line).not.toContain('    at ');
    expect(r.detail.join('\n')).toContain('    at ');
    expect(r.json).toEqual({ kind: 'internal', message: 'TypeError: x is undefined' });
  });

  it('gives a JSON error object with kind, message and hint', () => {
    expect(renderFailure(usage('unknown option --x', 'see chezmoi-sync --help')).json).toEqual({ kind: 'usage', message: 'unknown option --x', hint: 'see chezmoi-sync --help' });
    expect(renderFailure(core.lockedError('/l', 7)).json).toMatchObject({ kind: 'locked', lockPath: '/l', holderPid: 7 });
  });
});
