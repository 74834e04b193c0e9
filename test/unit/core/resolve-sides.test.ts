import { describe, expect, it } from 'vitest';
import { mergeSides } from '../../../src/core/resolve-sides.js';

describe('mergeSides', () => {
  it('merges only the trunk when the line holds the host branch (the ordinary case)', () => {
    expect(mergeSides('main', 'sync/beta', true)).toEqual(['main']);
  });

  it('merges the host branch first, then the trunk, when the line lost it (re-clone, reset)', () => {
    expect(mergeSides('main', 'sync/beta', false)).toEqual(['sync/beta', 'main']);
  });

  it('merges only the trunk when there is no remote host branch or the backend cannot tell', () => {
    expect(mergeSides('main', 'sync/beta', undefined)).toEqual(['main']);
  });
});
