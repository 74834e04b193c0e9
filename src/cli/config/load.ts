// The effective configuration: flags > environment (CHEZMOI_SYNC_*) > config file > defaults,
// each value with its origin, every value validated before any process runs.
import { hostname } from 'node:os';
import { err, ok, okAsync, ResultAsync, type Result } from 'neverthrow';
import { parse as parseToml } from 'smol-toml';
import { invalidInput, type SyncError } from '../../core/errors.js';
import type { ConflictMarkerStyle } from '../../backends/jj/marker-style.js';
import type { BackendChoice } from '../../core/select-backend.js';
import { DEFAULT_ALLOWED_PROTOCOLS, validateAllowedProtocols } from '../../core/remote/remote-url.js';
import { DEFAULT_MESSAGE_TEMPLATE, validateMessageTemplate } from '../../core/sync/message.js';
import { validateHostName, validateRefName, validateRemoteName, validateRepoUrl } from '../../core/validate.js';
import type { Invocation } from '../args/parse.js';
import { SETTINGS, type SettingKey } from '../args/spec.js';
import { closest } from '../args/suggest.js';
import { usage, type UsageError } from '../errors.js';
import { defaultConfigFile, defaultStateDir, sanitizeHostName } from './defaults.js';
import { convertSetting, type Origin, type SettingValue } from './settings.js';

/** Every setting, typed, after merging. Optional ones are absent when nothing set them. */
export interface ConfigValues {
  readonly source?: string;
  readonly repoUrl?: string;
  readonly remote: string;
  readonly trunk?: string;
  readonly backend: BackendChoice;
  readonly host: string;
  readonly commit: boolean;
  readonly push: boolean;
  readonly apply: boolean;
  readonly applyScripts: boolean;
  readonly holdCode: boolean;
  readonly allowProtocols: string;
  readonly dryRun: boolean;
  readonly stateDir: string;
  readonly notifyCommand?: readonly string[];
  readonly strict: boolean;
  readonly messageTemplate: string;
  readonly branchPrefix: string;
  /** Seconds. */
  readonly timeout: number;
  /** Seconds. */
  readonly lockTimeout: number;
  readonly chezmoiConfig?: string;
  readonly markerStyle: ConflictMarkerStyle;
  /** Days. */
  readonly fleetStaleAfter: number;
  readonly jj?: string;
  readonly git?: string;
  readonly chezmoi?: string;
}

export interface EffectiveConfig {
  readonly values: ConfigValues;
  /** Where each value came from; `default` with a description for unset optional ones. */
  readonly origins: Readonly<Record<SettingKey, Origin>>;
  /** The config file consulted, and whether it existed. */
  readonly file: { readonly path: string | undefined; readonly found: boolean; readonly origin: Origin };
}

export interface LoadInput {
  readonly invocation: Invocation;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Reads a file; undefined when it does not exist. */
  readonly readText: (path: string) => ResultAsync<string | undefined, SyncError>;
  /** os.hostname(), injectable for tests. */
  readonly hostname?: () => string;
}

type ConfigError = UsageError | SyncError;

/** What an unset optional value means, for `config`. */
const UNSET: Partial<Record<SettingKey, string>> = {
  source: 'chezmoi source-path',
  repoUrl: 'not set: use the existing clone',
  trunk: "the remote's default branch, else main",
  notifyCommand: 'not set',
  chezmoiConfig: "chezmoi's own lookup",
  jj: 'jj on PATH',
  git: 'git on PATH',
  chezmoi: 'chezmoi on PATH',
};

/** Finds the config file: --config > CHEZMOI_SYNC_CONFIG > the XDG default (which may be missing). */
const configFileLocation = (inp: LoadInput): Result<{ path: string | undefined; explicit: boolean; origin: Origin }, ConfigError> => {
  if (inp.invocation.configFile !== undefined) return ok({ path: inp.invocation.configFile, explicit: true, origin: { layer: 'flag', name: '--config' } });
  const fromEnv = inp.env['CHEZMOI_SYNC_CONFIG'];
  if (fromEnv !== undefined && fromEnv.length > 0) return ok({ path: fromEnv, explicit: true, origin: { layer: 'env', name: 'CHEZMOI_SYNC_CONFIG' } });
  const def = defaultConfigFile(inp.env);
  // Without HOME there is no default file: nothing to read, not an error by itself.
  return ok({ path: def.isOk() ? def.value : undefined, explicit: false, origin: { layer: 'default', name: 'XDG_CONFIG_HOME' } });
};

const parseConfigFile = (path: string, text: string): Result<Record<string, unknown>, ConfigError> => {
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text) as Record<string, unknown>;
  } catch (e) {
    const first = (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
    return err(usage(`malformed config file ${path}: ${first}`, 'fix the TOML syntax (see docs/cli.md for the keys)'));
  }
  const known = new Map(SETTINGS.map((s) => [s.key as string, s]));
  for (const key of Object.keys(doc)) {
    const spec = known.get(key);
    if (spec === undefined) {
      const keys = SETTINGS.filter((s) => s.inFile).map((s) => s.key);
      const near = closest(key, keys);
      return err(usage(`unknown key ${JSON.stringify(key)} in ${path}`, `${near !== undefined ? `did you mean ${near}? ` : ''}known keys: ${keys.join(', ')}`));
    }
    if (!spec.inFile) return err(usage(`${JSON.stringify(key)} cannot be set in ${path}`, `use --${spec.flag ?? key} or ${spec.env} for one run`));
  }
  return ok(doc);
};

/** Reads and merges every layer; returns the first problem as one line. */
export const loadConfig = (inp: LoadInput): ResultAsync<EffectiveConfig, ConfigError> => {
  const loc = configFileLocation(inp);
  if (loc.isErr()) return new ResultAsync(Promise.resolve(err(loc.error)));
  const { path, explicit, origin: fileOrigin } = loc.value;
  const read: ResultAsync<string | undefined, ConfigError> = path === undefined ? okAsync(undefined) : inp.readText(path);
  return read.andThen((text) => {
    if (text === undefined && explicit) {
      return err(usage(`config file ${path ?? ''} does not exist`, `create it or fix ${fileOrigin.name}`));
    }
    const doc: Result<Record<string, unknown>, ConfigError> = text === undefined || path === undefined ? ok({}) : parseConfigFile(path, text);
    return doc.andThen((d) => merge(inp, d, { path, found: text !== undefined, origin: fileOrigin }));
  });
};

const merge = (inp: LoadInput, doc: Record<string, unknown>, file: EffectiveConfig['file']): Result<EffectiveConfig, ConfigError> => {
  const ctx = { cwd: inp.cwd, home: inp.env['HOME'] !== '' ? inp.env['HOME'] : undefined };
  const values: Partial<Record<SettingKey, SettingValue>> = {};
  const origins: Partial<Record<SettingKey, Origin>> = {};
  for (const spec of SETTINGS) {
    const layers: [Origin, unknown][] = [
      [{ layer: 'flag', name: `--${spec.flag ?? spec.key}` }, inp.invocation.settings[spec.key]],
      [{ layer: 'env', name: spec.env }, inp.env[spec.env] === '' ? undefined : inp.env[spec.env]],
      [{ layer: 'file', name: `${spec.key} in ${file.path ?? ''}` }, doc[spec.key]],
    ];
    const hit = layers.find(([, raw]) => raw !== undefined);
    if (hit === undefined) continue;
    const [origin, raw] = hit;
    const v = convertSetting(spec, raw, origin, ctx);
    if (v.isErr()) return err(v.error);
    values[spec.key] = v.value;
    origins[spec.key] = origin;
  }

  const def = (key: SettingKey, value: SettingValue, name: string): void => {
    if (values[key] !== undefined) return;
    values[key] = value;
    origins[key] = { layer: 'default', name };
  };
  def('remote', 'origin', 'built in');
  def('backend', 'auto', 'built in');
  if (values.host === undefined) def('host', sanitizeHostName((inp.hostname ?? hostname)()), 'the host name');
  for (const k of ['commit', 'push', 'apply'] as const) def(k, true, 'built in');
  for (const k of ['applyScripts', 'holdCode', 'dryRun', 'strict'] as const) def(k, false, 'built in');
  def('allowProtocols', DEFAULT_ALLOWED_PROTOCOLS, 'built in');
  def('messageTemplate', DEFAULT_MESSAGE_TEMPLATE, 'built in');
  def('branchPrefix', 'sync/', 'built in');
  def('timeout', 120, 'built in');
  def('lockTimeout', 30, 'built in');
  def('markerStyle', 'git', 'built in');
  def('fleetStaleAfter', 30, 'built in');
  if (values.stateDir === undefined) {
    const sd = defaultStateDir(inp.env);
    if (sd.isErr()) return err(sd.error);
    def('stateDir', sd.value, inp.env['XDG_STATE_HOME'] !== undefined ? 'XDG_STATE_HOME' : 'HOME');
  }
  for (const spec of SETTINGS) origins[spec.key] ??= { layer: 'default', name: UNSET[spec.key] ?? 'not set' };

  const v = values as unknown as ConfigValues;
  const o = origins as Record<SettingKey, Origin>;
  const checked = validate(v, o);
  if (checked.isErr()) return err(checked.error);
  return ok({ values: v, origins: o, file });
};

/** Every value that will reach a command line or a ref name, checked with core's validators. */
const validate = (v: ConfigValues, o: Readonly<Record<SettingKey, Origin>>): Result<void, ConfigError> => {
  const from = (key: SettingKey) => <T>(r: Result<T, SyncError>): Result<T, SyncError> =>
    r.mapErr((e) => (e.kind === 'invalid-input' ? invalidInput(e.field, e.value, e.message, { hint: `set by ${o[key].name}` }) : e));
  const checks: Result<unknown, SyncError>[] = [
    from('host')(validateHostName(v.host)),
    from('remote')(validateRemoteName(v.remote)),
    from('branchPrefix')(validateRefName(`${v.branchPrefix}${v.host}`, 'branchPrefix')),
    from('messageTemplate')(validateMessageTemplate(v.messageTemplate)),
    ...(v.trunk !== undefined ? [from('trunk')(validateRefName(v.trunk, 'trunk'))] : []),
    ...(v.repoUrl !== undefined ? [from('repoUrl')(validateRepoUrl(v.repoUrl))] : []),
    from('allowProtocols')(validateAllowedProtocols(v.allowProtocols)),
  ];
  const failed = checks.find((c) => c.isErr());
  return failed !== undefined && failed.isErr() ? err(failed.error) : ok(undefined);
};
