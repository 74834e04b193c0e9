import { err, ok, type Result } from 'neverthrow';
import { parseError, type ParseError } from '../../core/errors.js';

/** One entry of `chezmoi managed --path-style=all --format=json`. */
export interface ManagedEntry {
  /** Absolute target path. */
  readonly target: string;
  /** Absolute source path. */
  readonly source: string;
  /** Source path relative to chezmoi's source root (below `.chezmoiroot` when there is one). */
  readonly sourceRelative: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Parses `managed -p all -f json`: an object keyed by relative target path, each value
 * `{ absolute, sourceAbsolute, sourceRelative }`. Sorted by target.
 */
export const parseManaged = (stdout: string): Result<readonly ManagedEntry[], ParseError> => {
  let data: unknown;
  try {
    data = JSON.parse(stdout);
  } catch {
    return err(parseError('`chezmoi managed` did not print JSON', stdout));
  }
  if (!isRecord(data)) return err(parseError('`chezmoi managed` did not print a JSON object', stdout));
  const out: ManagedEntry[] = [];
  for (const [key, v] of Object.entries(data)) {
    if (!isRecord(v) || typeof v['absolute'] !== 'string' || typeof v['sourceAbsolute'] !== 'string' || typeof v['sourceRelative'] !== 'string') {
      return err(parseError(`\`chezmoi managed\` printed an entry without absolute/source paths: ${key}`, stdout));
    }
    out.push({ target: v['absolute'], source: v['sourceAbsolute'], sourceRelative: v['sourceRelative'] });
  }
  return ok(out.sort((a, b) => (a.target < b.target ? -1 : a.target > b.target ? 1 : 0)));
};
