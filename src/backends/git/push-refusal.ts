// What a ref the remote did not update means: a lost race (integrate again) or a refusal. Pure.
import type { PushRefStatus } from './parse-push.js';

/** `moved`: the remote branch is not where the lease expected (retry); `refused`: the remote said no. */
export type PushRefusal = 'moved' | 'refused';

// Reasons git gives on the client when the lease no longer holds.
const LEASE_LOST = new Set(['stale info', 'fetch first', 'non-fast-forward', 'already exists']);

// `[remote rejected]` reasons that are the server losing the same race: the ref moved (or was
// created or deleted) between its advertisement and its update, or another push held its lock.
const SERVER_RACE = [
  /^incorrect old value provided$/,
  /^reference already exists$/,
  /^reference does not exist$/,
  /^failed to lock$/,
  /^cannot lock ref\b/,
];

/**
 * Reads one `!` line of `git push --porcelain`.
 *
 * @example pushRefusal({ flag: '!', from: 'refs/heads/main', to: 'refs/heads/main', summary: '[remote rejected]', reason: 'incorrect old value provided' }) // 'moved'
 */
export const pushRefusal = (s: PushRefStatus): PushRefusal => {
  const why = s.reason ?? s.summary;
  if (s.summary === '[rejected]' || LEASE_LOST.has(why)) return 'moved';
  if (s.summary === '[remote rejected]' && SERVER_RACE.some((r) => r.test(why))) return 'moved';
  return 'refused';
};
