// argv → Invocation with node:util parseArgs (no dependency). Every problem is a UsageError
// carrying one line; nothing here touches the environment or the filesystem.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { err, ok, type Result } from 'neverthrow';
import { usage, type UsageError } from '../errors.js';
import { commandOf } from './command-of.js';
import { closest } from './suggest.js';
import { ALIASES, COMMANDS, GLOBAL_FLAGS, SETTINGS, commandSpec, isNegatedFlag, type CommandName, type SettingKey } from './spec.js';

/** What the command line asked for, before env, config file and defaults are merged in. */
export interface Invocation {
  readonly command: CommandName;
  readonly positionals: readonly string[];
  /** Settings given as flags: strings as typed, bools already resolved (`--no-push` → push: false). */
  readonly settings: Readonly<Partial<Record<SettingKey, string | boolean>>>;
  /** Flags of the command itself (`--limit`, `--keep`, `--continue`, …). */
  readonly flags: Readonly<Record<string, string | boolean>>;
  readonly json: boolean;
  readonly quiet: boolean;
  readonly verbose: boolean;
  readonly help: boolean;
  readonly version: boolean;
  readonly configFile?: string;
}

type Options = NonNullable<ParseArgsConfig['options']>;

const settingFlags = SETTINGS.filter((s) => s.flag !== undefined);

const optionTable = (): Options => {
  const opts: Options = {};
  for (const s of settingFlags) opts[s.flag ?? ''] = { type: s.type === 'bool' ? 'boolean' : 'string' };
  for (const f of GLOBAL_FLAGS) opts[f.flag] = { type: f.type, ...(f.short !== undefined ? { short: f.short } : {}) };
  for (const c of COMMANDS) {
    for (const f of c.flags ?? []) opts[f.flag] ??= { type: f.type, ...(f.short !== undefined ? { short: f.short } : {}) };
  }
  return opts;
};

/** parseArgs' messages are long and mention internals; keep the part a person needs. */
const describeParseError = (e: unknown): UsageError => {
  const code = (e as { code?: string }).code;
  const msg = e instanceof Error ? e.message.split('\n')[0] ?? '' : String(e);
  const option = /'(-[^' ]+)/.exec(msg)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const near = option?.startsWith('--') === true ? closest(option.slice(2), Object.keys(optionTable())) : undefined;
    return usage(`unknown option ${option ?? msg}`, near !== undefined ? `did you mean --${near}?` : 'see chezmoi-sync --help');
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (/argument missing|ambiguous/.test(msg)) {
      return usage(`option ${option ?? ''} needs a value`, `write ${option ?? '--option'}=VALUE when the value starts with "-"`);
    }
    if (/does not take an argument/.test(msg)) return usage(`option ${option ?? ''} takes no value`);
  }
  return usage(msg, 'see chezmoi-sync --help');
};

/** `unknown command "sycn"`, with the command it most likely meant. */
export const unknownCommand = (typed: string): UsageError => {
  const names = COMMANDS.map((c) => c.name);
  const near = closest(typed, names);
  return usage(`unknown command ${JSON.stringify(typed)}`, `${near !== undefined ? `did you mean ${near}? ` : ''}commands: ${names.join(', ')}`);
};

/** The command an argv names, even when it does not parse (undefined for an unknown command). */
export const invocationCommand = (argv: readonly string[], invokedAs = 'chezmoi-sync'): CommandName | undefined => commandOf(argv, optionTable(), invokedAs);

/** Flags that belong to one command only (not settings, not global output flags). */
const commandOnlyFlags = (): Map<string, CommandName[]> => {
  const shared = new Set([...settingFlags.map((s) => s.flag ?? ''), ...GLOBAL_FLAGS.map((f) => f.flag)]);
  const owners = new Map<string, CommandName[]>();
  for (const c of COMMANDS) {
    for (const f of c.flags ?? []) {
      if (shared.has(f.flag)) continue;
      owners.set(f.flag, [...(owners.get(f.flag) ?? []), c.name]);
    }
  }
  return owners;
};

/**
 * Parses argv (without node and script). `invokedAs` is the basename of the binary:
 * `chezmoi-status` implies `status`, `chezmoi-show-conflicts` implies `conflicts`.
 *
 * @example parseInvocation(['status', '--json'], 'chezmoi-sync') // ok({ command: 'status', json: true, ... })
 */
export const parseInvocation = (argv: readonly string[], invokedAs = 'chezmoi-sync'): Result<Invocation, UsageError> => {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options: optionTable(), allowPositionals: true, strict: true });
  } catch (e) {
    return err(describeParseError(e));
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const positionals = [...parsed.positionals];

  const alias = ALIASES[invokedAs];
  let command: CommandName;
  if (alias !== undefined) {
    command = alias;
  } else if (positionals.length > 0) {
    const first = positionals.shift() ?? '';
    const spec = commandSpec(first);
    if (spec === undefined) return err(unknownCommand(first));
    command = spec.name;
  } else {
    command = 'sync';
  }

  const spec = commandSpec(command);
  const allowed = spec?.positionals;
  const help = values['help'] === true;
  if (!help) {
    if (allowed === undefined && positionals.length > 0) {
      return err(usage(`unexpected argument ${JSON.stringify(positionals[0])} for ${command}`, `see chezmoi-sync ${command} --help`));
    }
    if (allowed !== undefined) {
      if (positionals.length < allowed.min) {
        return err(usage(`${command} needs a ${allowed.name}${allowed.choices !== undefined ? `: ${allowed.choices.join(', ')}` : ''}`));
      }
      if (positionals.length > allowed.max) return err(usage(`unexpected argument ${JSON.stringify(positionals[allowed.max])} for ${command}`));
      const bad = positionals.find((p) => allowed.choices !== undefined && !allowed.choices.includes(p));
      if (bad !== undefined) return err(usage(`unknown ${allowed.name} ${JSON.stringify(bad)}: use ${allowed.choices?.join(', ') ?? ''}`));
    }
  }

  const flags: Record<string, string | boolean> = {};
  for (const [flag, owners] of commandOnlyFlags()) {
    const v = values[flag];
    if (v === undefined) continue;
    if (!owners.includes(command)) {
      return err(usage(`option --${flag} is not an option of ${command}`, `it belongs to: ${owners.join(', ')}`));
    }
    flags[flag] = v;
  }

  const settings: Partial<Record<SettingKey, string | boolean>> = {};
  for (const s of settingFlags) {
    const v = values[s.flag ?? ''];
    if (v === undefined) continue;
    settings[s.key] = isNegatedFlag(s) ? !(v as boolean) : v;
  }
  // The demo takes --backend as its own choice; the other setting flags mean nothing there.
  if (command === 'demo' && settings.backend !== undefined) flags['backend'] = settings.backend;

  const configFile = values['config'];
  return ok({
    command,
    positionals,
    settings,
    flags,
    json: values['json'] === true,
    quiet: values['quiet'] === true,
    verbose: values['verbose'] === true,
    help,
    version: values['version'] === true,
    ...(typeof configFile === 'string' ? { configFile } : {}),
  });
};
