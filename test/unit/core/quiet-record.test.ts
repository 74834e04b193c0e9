// The quiet digest's pure parts: what it covers, when it lets capture skip the plain files, and
// the ledger a quiet run leaves once a later step reads the record.
import { describe, expect, it } from 'vitest';
import { isQuiet, ledgerAfterQuiet, quietDigest } from '../../../src/core/sync/quiet-record.js';
import type { Ledger } from '../../../src/core/sync/steps/context.js';

const plain = (target: string) => ({ target, source: `/s/${target.slice(3)}`, type: 'file' as const });
const prints = (fps: readonly (string | undefined)[]) => ({ plain: fps.map((_, i) => plain(`/h/f${i}`)), fps });

describe('quietDigest', () => {
  it('changes with any fingerprint, target or order, and is undefined when a file is missing', () => {
    const d = quietDigest(prints(['1:2:3:4|5:6:7:8', '1:2:3:9|5:6:7:8']));
    expect(d).toMatch(/^[0-9a-f]{64}$/);
    expect(quietDigest(prints(['1:2:3:4|5:6:7:8', '1:2:3:9|5:6:7:8']))).toBe(d);
    expect(quietDigest(prints(['1:2:3:4|5:6:7:8', '1:2:3:9|5:6:7:0']))).not.toBe(d);
    expect(quietDigest(prints(['1:2:3:9|5:6:7:8', '1:2:3:4|5:6:7:8']))).not.toBe(d);
    expect(quietDigest({ plain: [plain('/h/g0'), plain('/h/f1')], fps: ['1:2:3:4|5:6:7:8', '1:2:3:9|5:6:7:8'] })).not.toBe(d);
    expect(quietDigest(prints(['1:2:3:4|5:6:7:8', '1:2:3:9|5:6:7:8', '1:1:1:1|2:2:2:2']))).not.toBe(d);
    expect(quietDigest(prints(['1:2:3:4|5:6:7:8', undefined]))).toBeUndefined();
  });
});

describe('isQuiet', () => {
  it('needs the saved digest, a clean working copy and nothing held back', () => {
    const wc = { changes: [] };
    expect(isQuiet('d', 'd', wc, [])).toBe(true);
    expect(isQuiet(undefined, 'd', wc, [])).toBe(false);
    expect(isQuiet('d', 'e', wc, [])).toBe(false);
    expect(isQuiet('d', undefined, wc, [])).toBe(false);
    expect(isQuiet('d', 'd', { changes: [{ path: 'dot_x', kind: 'modified' as const }] }, [])).toBe(false);
    expect(isQuiet('d', 'd', wc, ['/h/.x'])).toBe(false);
  });
});

describe('ledgerAfterQuiet', () => {
  it('leaves what the full capture leaves: fingerprints vouching for each hash, undo base, stored sources, the digest', () => {
    const ledger: Ledger = { files: { '/h/f0': 'h0', '/h/f1': 'h1', '/h/gone': 'hg' }, fingerprints: {}, knownStats: {}, homeWins: false, leftLine: false };
    const stored = ledgerAfterQuiet(ledger, { digest: 'd', targets: ['/h/f0', '/h/f1'], fps: ['p0', 'p1'] });
    expect(ledger.fingerprints).toEqual({ '/h/f0': 'p0', '/h/f1': 'p1' });
    expect(ledger.undoBase).toEqual(ledger.files);
    expect(ledger.undoBase).not.toBe(ledger.files);
    expect(ledger.quiet).toBe('d');
    expect([...stored]).toEqual([
      ['/h/f0', 'h0'],
      ['/h/f1', 'h1'],
    ]);
  });
});
