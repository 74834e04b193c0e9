import { invalidInput, type SyncError } from '../../core/errors.js';
import { validatePath } from '../../core/validate.js';

// Checks of caller-given paths before anything runs; shared with the in-memory fake so that
// both refuse the same inputs with the same errors.

/** A path option (`source`, `destination`, `config`), when given. */
export const checkPathOption = (field: string, value: string | undefined): SyncError | undefined => {
  if (value === undefined) return undefined;
  const r = validatePath(value, field);
  return r.isErr() ? r.error : undefined;
};

/** Targets must be absolute paths. */
export const checkTargets = (targets: readonly string[]): SyncError | undefined => {
  for (const t of targets) {
    const bad = checkPathOption('target', t);
    if (bad !== undefined) return bad;
    if (!t.startsWith('/')) return invalidInput('target', t, `target ${JSON.stringify(t)} is not an absolute path`);
  }
  return undefined;
};

/** Source paths must be relative to the source dir. */
export const checkSourceRelative = (paths: readonly string[]): SyncError | undefined => {
  for (const p of paths) {
    const bad = checkPathOption('sourceRelative', p);
    if (bad !== undefined) return bad;
    if (p.startsWith('/')) return invalidInput('sourceRelative', p, `source path ${JSON.stringify(p)} must be relative to the source dir`);
  }
  return undefined;
};
