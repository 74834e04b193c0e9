import { describe, expect, it } from 'vitest';
import { holdsYoungGeneration } from '../../../src/cli/young-generation.js';

describe('holdsYoungGeneration', () => {
  const node20 = { v8: '11.3.244.8-node.33', execArgv: [], nodeOptions: undefined };
  it('holds under V8 11 (node 20) when node was given no semi-space setting', () => {
    expect(holdsYoungGeneration(node20)).toBe(true);
    expect(holdsYoungGeneration({ ...node20, execArgv: ['--import=/x/peak.mjs'], nodeOptions: '--enable-source-maps' })).toBe(true);
  });
  it("leaves node's own semi-space setting alone (the units' NODE_OPTIONS, a person's flag)", () => {
    expect(holdsYoungGeneration({ ...node20, nodeOptions: '--max-semi-space-size=1' })).toBe(false);
    expect(holdsYoungGeneration({ ...node20, execArgv: ['--semi-space-growth-factor=4'] })).toBe(false);
    expect(holdsYoungGeneration({ ...node20, execArgv: ['--min-semi-space-size=8'] })).toBe(false);
  });
  it('does nothing under another V8, where the flag is not known to exist (V8 prints an error line for an unknown one)', () => {
    expect(holdsYoungGeneration({ ...node20, v8: '12.4.254.21-node.33' })).toBe(false);
    expect(holdsYoungGeneration({ ...node20, v8: '10.2.154.26-node.36' })).toBe(false);
  });
});
