import { describe, expect, it } from 'vitest';
import { heapFlags } from '../../../src/cli/small-heap.js';

describe('heapFlags', () => {
  const node20 = { v8: '11.3.244.8-node.33', execArgv: [], nodeOptions: undefined };
  const set = (r: Parameters<typeof heapFlags>[0]) => heapFlags(r).map((f) => f.hold);
  it('holds the young generation and collects the old one sooner under V8 11 (node 20)', () => {
    expect(set(node20)).toEqual(['--semi-space-growth-factor=1', '--heap-growing-percent=100']);
    expect(set({ ...node20, execArgv: ['--import=/x/peak.mjs'], nodeOptions: '--enable-source-maps' })).toHaveLength(2);
    expect(heapFlags(node20).map((f) => f.back)).toEqual(['--semi-space-growth-factor=2', '--heap-growing-percent=0']);
  });
  it("leaves each of node's own heap settings alone (the units' NODE_OPTIONS, a person's flag)", () => {
    expect(set({ ...node20, nodeOptions: '--max-semi-space-size=1' })).toEqual(['--heap-growing-percent=100']);
    expect(set({ ...node20, execArgv: ['--semi-space-growth-factor=4'] })).toEqual(['--heap-growing-percent=100']);
    expect(set({ ...node20, execArgv: ['--min-semi-space-size=8'] })).toEqual(['--heap-growing-percent=100']);
    expect(set({ ...node20, nodeOptions: '--heap-growing-percent=50' })).toEqual(['--semi-space-growth-factor=1']);
    expect(set({ ...node20, nodeOptions: '--max-semi-space-size=1', execArgv: ['--heap-growing-percent=50'] })).toEqual([]);
  });
  it('holds them under V8 12 and 13 too (node 22 and 24, where both flags exist)', () => {
    expect(set({ ...node20, v8: '12.4.254.21-node.57' })).toHaveLength(2);
    expect(set({ ...node20, v8: '13.6.233.17-node.63' })).toHaveLength(2);
  });
  it('sets nothing under another V8, where the flags are not known to exist (V8 prints an error line for an unknown one)', () => {
    expect(set({ ...node20, v8: '10.2.154.26-node.36' })).toEqual([]);
    expect(set({ ...node20, v8: '14.1.146.11-node.14' })).toEqual([]);
    expect(set({ ...node20, v8: '1.0' })).toEqual([]);
  });
});
