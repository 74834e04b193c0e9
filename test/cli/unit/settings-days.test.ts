// The `days` setting type (fleetStaleAfter): a bare number is days; h, d and w say their unit.
import { describe, expect, it } from 'vitest';
import { SETTINGS } from '../../../src/cli/args/spec.js';
import { convertSetting } from '../../../src/cli/config/settings.js';

const spec = SETTINGS.find((s) => s.key === 'fleetStaleAfter');
const ctx = { cwd: '/', home: '/home/me' };

describe('fleetStaleAfter', () => {
  it.each([
    ['30', 30],
    ['12h', 0.5],
    ['2w', 14],
    [' 45d ', 45],
  ])('reads %j from a flag or env var as %d days', (raw, days) => {
    if (spec === undefined) throw new Error('no fleetStaleAfter setting');
    expect(convertSetting(spec, raw, { layer: 'env', name: 'CHEZMOI_SYNC_FLEET_STALE_AFTER' }, ctx)._unsafeUnwrap()).toBe(days);
  });

  it('takes a TOML number or string from the config file', () => {
    if (spec === undefined) throw new Error('no fleetStaleAfter setting');
    expect(convertSetting(spec, 7, { layer: 'file', name: 'fleetStaleAfter in c.toml' }, ctx)._unsafeUnwrap()).toBe(7);
    expect(convertSetting(spec, '1w', { layer: 'file', name: 'fleetStaleAfter in c.toml' }, ctx)._unsafeUnwrap()).toBe(7);
  });

  it.each(['', '0', '-3', '3y', 'soon', '99999'])('refuses %j naming where it came from', (raw) => {
    if (spec === undefined) throw new Error('no fleetStaleAfter setting');
    const e = convertSetting(spec, raw, { layer: 'flag', name: '--fleet-stale-after' }, ctx)._unsafeUnwrapErr();
    expect(e.message).toMatch(/^--fleet-stale-after must be an age such as 30 \(days\), 12h, 30d or 2w/);
  });
});
