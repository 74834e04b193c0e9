// One setting's raw text (flag, env var, config-file value) → typed value, with a one-line
// error naming where the bad value came from.
import { isAbsolute, resolve } from 'node:path';
import { err, ok, type Result } from 'neverthrow';
import type { BackendChoice } from '../../core/select-backend.js';
import { parseDuration } from '../../core/watch/duration.js';
import { usage, type UsageError } from '../errors.js';
import type { SettingSpec } from '../args/spec.js';
import { splitWords } from './split-words.js';

export type SettingValue = string | boolean | number | readonly string[];

/** Where a value came from: shown by `config` and in error messages. */
export interface Origin {
  readonly layer: 'flag' | 'env' | 'file' | 'default';
  /** `--host`, `CHEZMOI_SYNC_HOST`, the config file path with the key, or how the default was found. */
  readonly name: string;
}

export const BACKENDS: readonly BackendChoice[] = ['auto', 'jj', 'git'];

const TRUE = ['1', 'true', 'yes', 'on'];
const FALSE = ['0', 'false', 'no', 'off'];

/** Context for turning a raw value into a typed one. */
export interface ConvertContext {
  readonly cwd: string;
  readonly home: string | undefined;
}

/** `~/x` → HOME/x (a documented convenience, not shell expansion); relative paths from `cwd`. */
const toPath = (raw: string, origin: Origin, ctx: ConvertContext, binary: boolean): Result<string, UsageError> => {
  if (raw.length === 0) return err(usage(`${origin.name} is empty`));
  if (raw.includes('\u0000')) return err(usage(`${origin.name} contains a NUL byte`));
  if (binary && !raw.includes('/')) return ok(raw); // a bare name is looked up on PATH
  if (raw === '~' || raw.startsWith('~/')) {
    if (ctx.home === undefined) return err(usage(`${origin.name} starts with ~ but HOME is not set`));
    return ok(resolve(ctx.home, raw.slice(2)));
  }
  if (origin.layer === 'file' && !isAbsolute(raw)) {
    return err(usage(`${origin.name} must be an absolute path or start with ~/ (got ${JSON.stringify(raw)})`));
  }
  return ok(resolve(ctx.cwd, raw));
};

/**
 * Converts one raw value. Flags and env vars arrive as text (bools from flags as booleans);
 * config-file values as TOML values, which must already have the right type.
 */
export const convertSetting = (
  spec: SettingSpec,
  raw: unknown,
  origin: Origin,
  ctx: ConvertContext,
): Result<SettingValue, UsageError> => {
  const fromFile = origin.layer === 'file';
  const wrongType = (what: string) => err(usage(`${origin.name} must be ${what} (got ${JSON.stringify(raw)})`));
  switch (spec.type) {
    case 'bool': {
      if (typeof raw === 'boolean') return ok(raw);
      if (typeof raw === 'string' && !fromFile) {
        const v = raw.trim().toLowerCase();
        if (TRUE.includes(v)) return ok(true);
        if (FALSE.includes(v)) return ok(false);
        return wrongType('one of 1, 0, true, false, yes, no, on, off');
      }
      return wrongType('true or false');
    }
    case 'seconds': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && !fromFile && /^\s*\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : NaN;
      if (!Number.isFinite(n) || n <= 0 || n > 86_400) return wrongType('a number of seconds above 0, at most 86400');
      return ok(n);
    }
    case 'duration': {
      // Text anywhere (`2s`); a config file may also give a number of seconds.
      if (typeof raw !== 'string' && typeof raw !== 'number') return wrongType('a duration such as 500ms, 2s, 5m or 1h');
      const ms = parseDuration(raw);
      return ms.isOk() ? ok(ms.value) : wrongType(ms.error);
    }
    case 'days': {
      // A bare number is days; 12h, 30d and 2w say their unit.
      const m = typeof raw === 'number' ? [String(raw), String(raw), 'd'] : typeof raw === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*([hdw]?)\s*$/.exec(raw) : null;
      const days = m !== null ? Number(m[1]) * ({ h: 1 / 24, d: 1, w: 7 }[m[2] === '' || m[2] === undefined ? 'd' : (m[2] as 'h' | 'd' | 'w')]) : NaN;
      if (!Number.isFinite(days) || days <= 0 || days > 3650) return wrongType('an age such as 30 (days), 12h, 30d or 2w, at most 10 years');
      return ok(days);
    }
    case 'argv': {
      if (Array.isArray(raw)) {
        if (raw.length === 0 || !raw.every((w): w is string => typeof w === 'string')) return wrongType('a non-empty array of strings');
        return ok(raw);
      }
      if (typeof raw !== 'string') return wrongType('a string or an array of strings');
      const words = splitWords(raw);
      if (words.isErr()) return err(usage(`${origin.name} cannot be split into words: ${words.error}`, 'quote with \'…\' or "…"; no shell syntax is interpreted'));
      if (words.value.length === 0) return err(usage(`${origin.name} is empty`));
      return ok(words.value);
    }
    case 'backend': {
      if (typeof raw !== 'string' || !(BACKENDS as readonly string[]).includes(raw)) return wrongType('auto, jj or git');
      return ok(raw);
    }
    case 'choice': {
      const choices = spec.choices ?? [];
      if (typeof raw !== 'string' || !choices.includes(raw)) return wrongType(choices.join(', ').replace(/, ([^,]*)$/, ' or $1'));
      return ok(raw);
    }
    case 'path': {
      if (typeof raw !== 'string') return wrongType('a string');
      return toPath(raw, origin, ctx, ['jj', 'git', 'chezmoi'].includes(spec.key));
    }
    case 'string': {
      if (typeof raw !== 'string') return wrongType('a string');
      return ok(raw);
    }
  }
};
