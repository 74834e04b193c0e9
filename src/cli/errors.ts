// The one error handler: every failure the CLI can meet becomes one line and one exit code.
import { formatError, type SyncError } from '../core/errors.js';

/** A command line the CLI cannot act on: unknown flag, bad value, malformed config. */
export interface UsageError {
  readonly kind: 'usage';
  readonly message: string;
  readonly hint?: string;
}

/** A bug: something threw that should not have. */
export interface InternalError {
  readonly kind: 'internal';
  readonly error: unknown;
}

/** A check (doctor) or a command that found problems it already reported. */
export interface ReportedFailure {
  readonly kind: 'reported';
  readonly exitCode: number;
  readonly message: string;
}

export type CliFailure = SyncError | UsageError | InternalError | ReportedFailure;

export const usage = (message: string, hint?: string): UsageError => ({ kind: 'usage', message, ...(hint !== undefined ? { hint } : {}) });

/**
 * Exit codes. 0 covers success and a sync's graceful states (offline, push failed, auth
 * failed, conflicts preserved — docs/sync.md); `--strict` turns those into 75 (EX_TEMPFAIL).
 */
export const EXIT = {
  ok: 0,
  internal: 1,
  usage: 2,
  notARepo: 3,
  tool: 4,
  unsafeState: 5,
  locked: 6,
  secrets: 7,
  auth: 8,
  failed: 9,
  conflicts: 10,
  checksFailed: 11,
  degraded: 75,
} as const;

/** The exit-code table, as documented in docs/cli.md. */
export const EXIT_TABLE: readonly { readonly code: number; readonly meaning: string }[] = [
  { code: EXIT.ok, meaning: 'success; also the graceful states of a sync — fetch-failed (offline), push-failed, auth-failed, conflicts-preserved: nothing is lost, the next run retries' },
  { code: EXIT.internal, meaning: 'internal error (a bug: please report it; --verbose shows the stack trace)' },
  { code: EXIT.usage, meaning: 'usage or invalid input: unknown command or flag, bad value, hostile URL, malformed config file, HOME unset' },
  { code: EXIT.notARepo, meaning: 'the source directory is missing or is not a repository' },
  { code: EXIT.tool, meaning: 'a required tool (jj, git, chezmoi) is missing or too old' },
  { code: EXIT.unsafeState, meaning: 'the repository is in a state that must be finished by hand (rebase or merge in progress; git: another branch checked out instead of the trunk)' },
  { code: EXIT.locked, meaning: 'another sync holds the lock' },
  { code: EXIT.secrets, meaning: 'refused to commit files that look like secrets' },
  { code: EXIT.auth, meaning: 'the remote refused our credentials (resolve, undo; a sync reports auth-failed and exits 0)' },
  { code: EXIT.failed, meaning: 'an operation failed: a tool command, the filesystem, unexpected tool output, a network error outside sync' },
  { code: EXIT.conflicts, meaning: 'conflicts remain (resolve --continue with markers left)' },
  { code: EXIT.checksFailed, meaning: 'doctor: at least one check failed' },
  { code: EXIT.degraded, meaning: '--strict only: a sync ended fetch-failed, push-failed, auth-failed or conflicts-preserved (EX_TEMPFAIL)' },
];

export const exitCodeOf = (f: CliFailure): number => {
  switch (f.kind) {
    case 'usage':
    case 'invalid-input':
      return EXIT.usage;
    case 'internal':
      return EXIT.internal;
    case 'reported':
      return f.exitCode;
    case 'not-a-repo':
      return EXIT.notARepo;
    case 'tool-missing':
    case 'tool-too-old':
      return EXIT.tool;
    case 'unsafe-state':
      return EXIT.unsafeState;
    case 'locked':
      return EXIT.locked;
    case 'secrets-found':
      return EXIT.secrets;
    case 'auth':
      return EXIT.auth;
    case 'conflict':
      return EXIT.conflicts;
    case 'network':
    case 'rejected':
    case 'command-failed':
    case 'io':
    case 'parse':
      return EXIT.failed;
  }
};

const describeThrown = (e: unknown): string => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

/** What the error handler prints: one line (plus detail lines with --verbose). */
export interface RenderedFailure {
  readonly exitCode: number;
  /** The one line for stderr, without the program prefix. */
  readonly line: string;
  /** Extra lines shown with --verbose (command, stderr excerpt, stack). */
  readonly detail: readonly string[];
  /** The `error` object of a --json document. */
  readonly json: Record<string, unknown>;
}

/**
 * Maps any failure to its message, exit code and JSON form. The only place that decides how
 * an error looks to a person.
 */
export const renderFailure = (f: CliFailure): RenderedFailure => {
  const exitCode = exitCodeOf(f);
  if (f.kind === 'internal') {
    const stack = f.error instanceof Error && f.error.stack !== undefined ? f.error.stack.split('\n') : [];
    return {
      exitCode,
      line: `internal error: ${describeThrown(f.error)} — this is a bug; please report it with the output of the same command run with --verbose`,
      detail: stack,
      json: { kind: 'internal', message: describeThrown(f.error) },
    };
  }
  if (f.kind === 'usage') {
    return {
      exitCode,
      line: f.hint !== undefined ? `${f.message} (${f.hint})` : f.message,
      detail: [],
      json: { kind: 'usage', message: f.message, ...(f.hint !== undefined ? { hint: f.hint } : {}) },
    };
  }
  if (f.kind === 'reported') return { exitCode, line: f.message, detail: [], json: { kind: 'reported', message: f.message } };
  const detail: string[] = [];
  if (f.command !== undefined) detail.push(`command: ${f.command.join(' ')}`);
  if (f.exitCode !== undefined) detail.push(`exit code: ${f.exitCode}`);
  if (f.stderr !== undefined && f.stderr.length > 0) detail.push('stderr:', ...f.stderr.split('\n').map((l) => `  ${l}`));
  const { kind, message, hint } = f;
  return { exitCode, line: formatError(f), detail, json: { ...f, kind, message, ...(hint !== undefined ? { hint } : {}) } };
};
