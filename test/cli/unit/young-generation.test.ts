// The CLI keeps V8's young generation small unless node was told about the semi-spaces.
import { describe, expect, it } from 'vitest';
import { semiSpacesChosen } from '../../../src/cli/young-generation.js';

describe('semiSpacesChosen', () => {
  it('leaves the choice to a node option or NODE_OPTIONS about the semi-spaces (the units set one)', () => {
    expect(semiSpacesChosen([], undefined)).toBe(false);
    expect(semiSpacesChosen(['--enable-source-maps'], '--max-old-space-size=512')).toBe(false);
    expect(semiSpacesChosen([], '--max-semi-space-size=1')).toBe(true);
    expect(semiSpacesChosen(['--semi-space-growth-factor=2'], undefined)).toBe(true);
  });
});
