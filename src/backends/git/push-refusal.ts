// What a ref the remote did not update means: a lost race (integrate again) or a refusal. Pure.
import { isServerRace } from '../push-race.js';
import type { PushRefStatus } from './parse-push.js';

/** `moved`: the remote branch is not where the lease expected (retry); `refused`: the remote said no. */
export type PushRefusal = 'moved' | 'refused';

// Reasons git gives on the client when the lease no longer holds.
const LEASE_LOST = new Set(['stale info', 'fetch first', 'non-fast-forward', 'already exists']);

/**
 * Reads one `!` line of `git push --porcelain`.
 *
 * @example pushRefusal({ flag: '!', from: 'refs/heads/main', to: 'refs/heads/main', summary: '[remote rejected]', reason: 'incorrect old value provided' }) // 'moved'
 */
export const pushRefusal = (s: PushRefStatus): PushRefusal => {
  const why = s.reason ?? s.summary;
  if (s.summary === '[rejected]' || LEASE_LOST.has(why)) return 'moved';
  if (s.summary === '[remote rejected]' && isServerRace(why)) return 'moved';
  return 'refused';
};
