import { describe, expect, it } from 'vitest';
import type { HomeState } from '../../../src/backends/chezmoi/home-probe.js';
import type { EntryState } from '../../../src/backends/chezmoi/parse-entry-state.js';
import { allAgreed, mergingTargets, sortSuspects, sortUnapplied, triageApply } from '../../../src/backends/chezmoi/plan-apply.js';

const file = (sha256: string): HomeState => ({ kind: 'file', sha256 });
const missing: HomeState = { kind: 'missing' };

describe('triageApply', () => {
  const recorded = new Map<string, EntryState>([
    ['/h/.same', { type: 'file', contentsSHA256: 'a' }],
    ['/h/.edited', { type: 'file', contentsSHA256: 'a' }],
    ['/h/.deleted', { type: 'file', contentsSHA256: 'a' }],
    ['/h/.dir', { type: 'dir' }],
    ['/h/.link', { type: 'symlink', contentsSHA256: 'l' }],
    ['/h/.gone', { type: 'remove' }],
  ]);
  const home = new Map<string, HomeState>([
    ['/h/.same', file('a')],
    ['/h/.edited', file('b')],
    ['/h/.deleted', missing],
    ['/h/.dir', { kind: 'dir' }],
    ['/h/.link', { kind: 'symlink', sha256: 'l' }],
    ['/h/.gone', missing],
    ['/h/.new', missing],
    ['/h/.preexisting', file('x')],
  ]);

  it('writes only where HOME still holds what chezmoi last wrote, or nothing it ever wrote', () => {
    const t = triageApply(['/h/.same', '/h/.edited', '/h/.deleted', '/h/.dir', '/h/.link', '/h/.gone', '/h/.new', '/h/.preexisting'], recorded, home);
    expect(t.safe).toEqual(['/h/.same', '/h/.dir', '/h/.link', '/h/.gone', '/h/.new']);
    expect(t.suspect).toEqual(['/h/.edited', '/h/.deleted', '/h/.preexisting']);
  });

  it('treats a type change in HOME as an edit', () => {
    expect(triageApply(['/h/.same'], recorded, new Map([['/h/.same', { kind: 'dir' } as HomeState]])).suspect).toEqual(['/h/.same']);
  });
});

describe('sortSuspects', () => {
  it('keeps suspects chezmoi would change, applies those already in the target state', () => {
    const r = sortSuspects(['/h/.a', '/h/.b'], [{ target: '/h/.a', lastWritten: 'M', apply: 'M' }, { target: '/h/.b', lastWritten: 'M', apply: ' ' }]);
    expect(r).toEqual({ apply: ['/h/.b'], keptLocal: ['/h/.a'] });
  });

  it('applies a modify_ target edited in HOME: its script merges into the HOME file', () => {
    const merging = mergingTargets([
      { target: '/h/.config/Code/User/settings.json', source: '/s/dot_config/Code/User/modify_settings.json' },
      { target: '/h/.docker/config.json', source: '/s/dot_docker/modify_private_config.json.tmpl' },
      { target: '/h/.a', source: '/s/dot_a' },
    ]);
    expect([...merging]).toEqual(['/h/.config/Code/User/settings.json', '/h/.docker/config.json']);
    const r = sortSuspects(
      ['/h/.a', '/h/.config/Code/User/settings.json'],
      [{ target: '/h/.a', lastWritten: 'M', apply: 'M' }, { target: '/h/.config/Code/User/settings.json', lastWritten: 'M', apply: 'M' }],
      merging,
    );
    expect(r).toEqual({ apply: ['/h/.config/Code/User/settings.json'], keptLocal: ['/h/.a'] });
  });
});

describe('sortUnapplied', () => {
  it('after a failed apply: edited meanwhile is kept, anything else still pending failed', () => {
    const r = sortUnapplied(
      ['/h/.ok', '/h/.raced', '/h/.broken', '/h/run.sh'],
      [
        { target: '/h/.raced', lastWritten: 'M', apply: 'M' },
        { target: '/h/.broken', lastWritten: ' ', apply: 'M' },
        { target: '/h/run.sh', lastWritten: ' ', apply: 'R' },
      ],
    );
    expect(r).toEqual({ applied: ['/h/.ok', '/h/run.sh'], keptLocal: ['/h/.raced'], failed: ['/h/.broken'] });
  });
});

describe('allAgreed (HOME still holds what it last agreed on with the source, for every target)', () => {
  const agreed = new Map([['/h/.a', 'aa'], ['/h/.b', 'bb']]);
  it('holds when every target is a regular file with exactly the agreed content', () => {
    expect(allAgreed(['/h/.a', '/h/.b'], new Map([['/h/.a', { kind: 'file', sha256: 'aa' }], ['/h/.b', { kind: 'file', sha256: 'bb' }]]), agreed)).toBe(true);
  });
  it('fails for other content, a symlink with the same hash, a missing target, or a target never agreed on', () => {
    expect(allAgreed(['/h/.a'], new Map([['/h/.a', { kind: 'file', sha256: 'edited' }]]), agreed)).toBe(false);
    expect(allAgreed(['/h/.a'], new Map([['/h/.a', { kind: 'symlink', sha256: 'aa' }]]), agreed)).toBe(false);
    expect(allAgreed(['/h/.a'], new Map([['/h/.a', { kind: 'missing' }]]), agreed)).toBe(false);
    expect(allAgreed(['/h/.c'], new Map([['/h/.c', { kind: 'file', sha256: 'cc' }]]), agreed)).toBe(false);
    expect(allAgreed(['/h/.a', '/h/.c'], new Map([['/h/.a', { kind: 'file', sha256: 'aa' }], ['/h/.c', { kind: 'file', sha256: 'cc' }]]), agreed)).toBe(false);
  });
});
