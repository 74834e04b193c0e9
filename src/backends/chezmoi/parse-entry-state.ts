import { err, ok, type Result } from 'neverthrow';
import { parseError, type ParseError } from '../../core/errors.js';

/** What chezmoi recorded when it last wrote a target (its `entryState` bucket). */
export interface EntryState {
  /** 'file', 'dir', 'symlink', 'remove', … */
  readonly type: string;
  /** sha256 of the file's contents, or of a symlink's target, when chezmoi wrote one. */
  readonly contentsSHA256?: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Parses `chezmoi state get-bucket --bucket=entryState --format=json`: an object keyed by
 * absolute target path (`{}` before the first apply). This is the record `status` compares
 * against for its first column.
 */
export const parseEntryState = (stdout: string): Result<ReadonlyMap<string, EntryState>, ParseError> => {
  let data: unknown;
  try {
    data = JSON.parse(stdout);
  } catch {
    return err(parseError('`chezmoi state get-bucket` did not print JSON', stdout));
  }
  // An empty bucket may print `null` on some versions.
  if (data === null) return ok(new Map());
  if (!isRecord(data)) return err(parseError('`chezmoi state get-bucket` did not print a JSON object', stdout));
  const out = new Map<string, EntryState>();
  for (const [path, v] of Object.entries(data)) {
    if (!isRecord(v) || typeof v['type'] !== 'string') {
      return err(parseError(`\`chezmoi state get-bucket\` printed an entry without a type: ${path}`, stdout));
    }
    const sha = v['contentsSHA256'];
    out.set(path, { type: v['type'], ...(typeof sha === 'string' ? { contentsSHA256: sha } : {}) });
  }
  return ok(out);
};
