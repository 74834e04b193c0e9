// A remote's reasons for not updating a ref that mean it lost a race (both backends). Pure.

/**
 * Reasons a server gives (`[remote rejected] (…)` from git, `(reason: …)` from jj) when the ref
 * moved, was created or was deleted between its advertisement and its update, or another push
 * held its lock: the remote moved, so integrate again. Anything else (a hook, a protected branch)
 * is a refusal.
 */
export const SERVER_RACE_REASONS: readonly string[] = [
  'incorrect old value provided',
  'reference already exists',
  'reference does not exist',
  'failed to lock',
  'cannot lock ref',
];

/** True for a reason that is a lost race. */
export const isServerRace = (reason: string): boolean => SERVER_RACE_REASONS.some((r) => reason === r || reason.startsWith(`${r} `));
