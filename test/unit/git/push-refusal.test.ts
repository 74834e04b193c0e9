// pushRefusal: a ref the remote did not update is a lost race (integrate again) or a refusal.
import { describe, expect, it } from 'vitest';
import { parsePushPorcelain, type PushRefStatus } from '../../../src/backends/git/parse-push.js';
import { pushRefusal } from '../../../src/backends/git/push-refusal.js';
import { fixture } from './fixtures.js';

const only = (name: string): PushRefStatus => {
  const [s] = parsePushPorcelain(fixture(name))._unsafeUnwrap();
  if (s === undefined) throw new Error(`no ref in ${name}`);
  return s;
};
const line = (summary: string, reason?: string): PushRefStatus => ({
  flag: '!',
  from: 'refs/heads/main',
  to: 'refs/heads/main',
  summary,
  ...(reason !== undefined ? { reason } : {}),
});

describe('pushRefusal', () => {
  it('reads the server losing a race (captured: two pushes with the same lease) as moved', () => {
    expect(only('push-remote-rejected-race.txt')).toMatchObject({ summary: '[remote rejected]', reason: 'incorrect old value provided' });
    expect(pushRefusal(only('push-remote-rejected-race.txt'))).toBe('moved');
    for (const why of ['reference already exists', 'reference does not exist', 'failed to lock']) {
      expect(pushRefusal(line('[remote rejected]', why))).toBe('moved');
    }
  });

  it('reads a lost lease on the client as moved', () => {
    expect(pushRefusal(only('push-rejected-stale.txt'))).toBe('moved');
    expect(pushRefusal(only('push-rejected-non-ff.txt'))).toBe('moved');
    expect(pushRefusal(line('[rejected]', 'fetch first'))).toBe('moved');
  });

  it('reads a hook or a protected branch as refused (captured: a pre-receive hook that exits 1)', () => {
    expect(pushRefusal(only('push-remote-rejected-hook.txt'))).toBe('refused');
    expect(pushRefusal(line('[remote rejected]', 'protected branch hook declined'))).toBe('refused');
    expect(pushRefusal(line('[remote rejected]', 'shallow update not allowed'))).toBe('refused');
    expect(pushRefusal(line('[remote rejected]'))).toBe('refused');
  });
});
