import type { Result } from 'neverthrow';
import type { ParseError } from '../../core/errors.js';
import { parseSingle } from './parse-json-lines.js';

const decodeOperationId = (v: unknown): string | undefined =>
  typeof v === 'string' && /^[0-9a-f]{12,128}$/.test(v) ? v : undefined;

/** Parses `jj op log -n1 -T OPERATION_TEMPLATE`: one JSON string of hex. */
export const parseOperationId = (stdout: string): Result<string, ParseError> =>
  parseSingle(stdout, decodeOperationId, 'operation id');
