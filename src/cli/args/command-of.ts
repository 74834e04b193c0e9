// Which command an invocation names, read leniently — for the JSON error of a command line that
// failed to parse (`status --frob --json` is an error of `status`, not of an unknown command).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ALIASES, commandSpec, type CommandName } from './spec.js';

/** The command of `argv` (the default `sync` when none is named), or undefined when the name is unknown. */
export const commandOf = (argv: readonly string[], options: NonNullable<ParseArgsConfig['options']>, invokedAs: string): CommandName | undefined => {
  const alias = ALIASES[invokedAs];
  if (alias !== undefined) return alias;
  try {
    const first = parseArgs({ args: [...argv], options, allowPositionals: true, strict: false }).positionals[0];
    return first === undefined ? 'sync' : commandSpec(first)?.name;
  } catch {
    return undefined;
  }
};
