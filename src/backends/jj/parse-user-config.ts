import { ok, type Result } from 'neverthrow';
import type { ParseError } from '../../core/errors.js';
import type { IdentitySource } from '../../core/identity.js';
import { isRecord, isString, parseJsonLines } from './parse-json-lines.js';

/** A value of jj's `user` table and where jj found it. */
export interface JjUserValue {
  readonly value: string;
  readonly from: IdentitySource;
}

/** `user.name` and `user.email` as jj resolves them; absent (or empty) means not configured. */
export interface JjUserConfig {
  readonly name?: JjUserValue;
  readonly email?: JjUserValue;
}

interface Entry {
  readonly key: string;
  readonly value: unknown;
  readonly source: string;
}

const decodeEntry = (v: unknown): Entry | undefined =>
  isRecord(v) && isString(v['name']) && isString(v['source']) ? { key: v['name'], value: v['value'], source: v['source'] } : undefined;

/** Parses `jj config list -T 'json(self) ++ "\n"' -- user` (one `{name, value, source, path}` per line). */
export const parseUserConfig = (stdout: string): Result<JjUserConfig, ParseError> =>
  parseJsonLines(stdout, decodeEntry, 'a config entry').andThen((entries) => {
    const pick = (key: string): JjUserValue | undefined => {
      const e = entries.find((x) => x.key === key);
      // JJ_USER / JJ_EMAIL are jj's `env` layer; files and --config are configuration.
      return e !== undefined && isString(e.value) && e.value !== '' ? { value: e.value, from: e.source === 'env' ? 'environment' : 'jj config' } : undefined;
    };
    const name = pick('user.name');
    const email = pick('user.email');
    return ok({ ...(name !== undefined ? { name } : {}), ...(email !== undefined ? { email } : {}) });
  });
