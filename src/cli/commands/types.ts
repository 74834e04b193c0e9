// What every command module receives and returns. Commands print human output as they go;
// the dispatcher wraps `data` into the --json document and maps failures to exit codes.
import type { Result } from 'neverthrow';
import type { Invocation } from '../args/parse.js';
import type { EffectiveConfig } from '../config/load.js';
import type { CliFailure } from '../errors.js';
import type { Output } from '../output/output.js';

export type Env = Readonly<Record<string, string | undefined>>;

export interface CommandContext<C extends EffectiveConfig | undefined = EffectiveConfig> {
  readonly invocation: Invocation;
  /** The effective configuration (commands that declare needsConfig). */
  readonly config: C;
  readonly out: Output;
  readonly env: Env;
  readonly cwd: string;
}

export interface CommandOutcome {
  readonly exitCode: number;
  /** Command-specific fields of the --json document (beside schema, command, ok, exitCode). */
  readonly data: Readonly<Record<string, unknown>>;
}

export type CommandResult = Promise<Result<CommandOutcome, CliFailure>>;
