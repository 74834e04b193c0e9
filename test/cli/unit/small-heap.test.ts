import { describe, expect, it } from 'vitest';
import { keepsHeapSmall } from '../../../src/cli/small-heap.js';

describe('keepsHeapSmall', () => {
  const node20 = { v8: '11.3.244.8-node.33', execArgv: [], nodeOptions: undefined };
  it('keeps it small under V8 11 (node 20) when node was given no heap setting of its own', () => {
    expect(keepsHeapSmall(node20)).toBe(true);
    expect(keepsHeapSmall({ ...node20, execArgv: ['--import=/x/peak.mjs'], nodeOptions: '--enable-source-maps' })).toBe(true);
  });
  it("leaves node's own heap settings alone (the units' NODE_OPTIONS, a person's flag)", () => {
    expect(keepsHeapSmall({ ...node20, nodeOptions: '--max-semi-space-size=1' })).toBe(false);
    expect(keepsHeapSmall({ ...node20, execArgv: ['--semi-space-growth-factor=4'] })).toBe(false);
    expect(keepsHeapSmall({ ...node20, execArgv: ['--min-semi-space-size=8'] })).toBe(false);
    expect(keepsHeapSmall({ ...node20, nodeOptions: '--heap-growing-percent=50' })).toBe(false);
  });
  it('does nothing under another V8, where the flag is not known to exist (V8 prints an error line for an unknown one)', () => {
    expect(keepsHeapSmall({ ...node20, v8: '12.4.254.21-node.33' })).toBe(false);
    expect(keepsHeapSmall({ ...node20, v8: '10.2.154.26-node.36' })).toBe(false);
  });
});
