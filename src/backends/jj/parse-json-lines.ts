import { err, ok, type Result } from 'neverthrow';
import { parseError, type ParseError } from '../../core/errors.js';

/** A type guard for one decoded value: returns it typed, or undefined when the shape is wrong. */
export type Decoder<T> = (value: unknown) => T | undefined;

/**
 * Parses output made of one JSON value per line (jj templates ending in `"\n"`), decoding each.
 * Empty lines are skipped; any other line that does not decode fails the whole parse.
 */
export const parseJsonLines = <T>(stdout: string, decode: Decoder<T>, what: string): Result<T[], ParseError> => {
  const out: T[] = [];
  for (const line of stdout.split('\n')) {
    if (line.trim().length === 0) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      return err(parseError(`jj printed a line that is not JSON where ${what} was expected`, stdout));
    }
    const decoded = decode(value);
    if (decoded === undefined) return err(parseError(`jj printed JSON that is not ${what}`, stdout));
    out.push(decoded);
  }
  return ok(out);
};

/** Exactly one value, e.g. the working-copy commit. */
export const parseSingle = <T>(stdout: string, decode: Decoder<T>, what: string): Result<T, ParseError> =>
  parseJsonLines(stdout, decode, what).andThen((xs) => {
    const [first] = xs;
    return xs.length === 1 && first !== undefined
      ? ok(first)
      : err(parseError(`expected one ${what}, jj printed ${xs.length}`, stdout));
  });

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const isString = (v: unknown): v is string => typeof v === 'string';

export const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
