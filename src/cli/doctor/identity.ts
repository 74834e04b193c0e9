// Which name and email each backend's commits would carry, and where they came from. The
// backend a sync uses fails the check when it has none; the other one only warns.
import { describeIdentity } from '../../core/identity.js';
import type { Adapters } from '../wiring/deps.js';
import type { Finding } from './checks.js';

/** One finding per backend (`identity.jj`, `identity.git`) for commits made in `dir`. */
export const checkIdentity = async (adapters: Adapters, dir: string, inUse: 'jj' | 'git'): Promise<Finding[]> =>
  Promise.all(
    (['jj', 'git'] as const).map(async (kind): Promise<Finding> => {
      const id = `identity.${kind}`;
      const factory = adapters.factories[kind];
      if (factory.identity === undefined) return { id, status: 'warn', detail: `the ${kind} backend cannot tell which identity it commits with` };
      const r = await factory.identity(dir);
      if (r.isOk()) return { id, status: 'ok', detail: `${kind} commits as ${describeIdentity(r.value)}` };
      // A missing tool is the tools check's finding; here it only means "unknown".
      const missing = r.error.kind === 'invalid-input';
      return {
        id,
        status: missing && kind === inUse ? 'fail' : 'warn',
        detail: missing ? r.error.message : `could not tell which identity ${kind} commits with: ${r.error.message}`,
        ...(r.error.hint !== undefined ? { fix: r.error.hint } : {}),
      };
    }),
  );
