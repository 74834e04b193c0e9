// How every chezmoi process of this adapter runs, fixed when `chezmoiCli` is called: pure data,
// like jj/settings.ts and git/settings.ts.
import type { Runner } from '../process/runner.js';

/** How chezmoi is run: the binary, fixed leading flags, environment and retry policy. */
export interface ChezmoiSettings {
  readonly binary: string;
  readonly globalArgs: readonly string[];
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly timeoutMs: number;
  readonly runner: Runner;
  /** Extra attempts after chezmoi's own ~1 s wait for its state lock ran out. */
  readonly lockRetries: number;
  readonly sleep: (ms: number) => Promise<void>;
  /** Where chezmoi keeps its state database, for error messages. */
  readonly statePath: string;
  /** The config file(s) chezmoi reads (the one given, else the names it looks for); read by re-add.ts. */
  readonly configFiles?: readonly string[];
}
