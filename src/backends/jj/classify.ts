import {
  authError,
  commandFailed,
  networkError,
  notARepo,
  redact,
  rejected,
  toolTooOld,
  unsafeState,
  type ErrorDetails,
  type SyncError,
} from '../../core/errors.js';
import { TRANSPORT_REFUSED, transportRefused } from '../../core/remote/remote-url.js';
import { SERVER_RACE_REASONS } from '../push-race.js';
import type { RunOutput } from '../process/runner.js';
import { MIN_GIT, MIN_JJ } from './version.js';

// jj exits 1 for user, config and remote errors alike (network failures included): the kind
// of a failure can only be read from stderr. Order matters: the first matching rule wins.

/** What the caller knows that the output does not say. */
export interface ClassifyContext {
  /** The repository (or directory) the command ran on, for `not-a-repo`. */
  readonly path?: string;
  /** The remote URL or name a network command talked to. */
  readonly remote?: string;
  /** The bookmark a push was about, for `rejected`. */
  readonly ref?: string;
}

interface Rule {
  readonly test: RegExp;
  readonly make: (message: string, d: ErrorDetails, ctx: ClassifyContext) => SyncError;
}

const RULES: readonly Rule[] = [
  {
    test: /working copy is stale/i,
    make: (m, d) =>
      unsafeState('stale-working-copy', m, { ...d, hint: 'the next sync brings it up to date (or run `jj workspace update-stale` in the repository)' }),
  },
  { test: /There is no jj repo in/, make: (_m, d, ctx) => notARepo(ctx.path ?? '.', d) },
  {
    // A lock file in the git dir behind the repository (gix's own message, or git's for fetch and
    // push): another process writes there now — or one was killed, and not one of ours (a sync
    // removes what a killed command of ours left).
    test: /The lockfile at "[^"]+" might need manual deletion|Unable to create '[^']+\.lock': File exists/,
    make: (m, d) => {
      const file = /The lockfile at "([^"]+)"/.exec(d.stderr ?? '')?.[1] ?? /Unable to create '([^']+\.lock)'/.exec(d.stderr ?? '')?.[1] ?? 'the lock file';
      return unsafeState('git-locked', `${m.split(' failed:')[0] ?? m}: another process holds ${file}`, {
        ...d,
        hint: `wait for the other git or jj command to finish; if none is running, remove ${file}`,
      });
    },
  },
  // `Git process failed: External git program failed: … transport 'ext' not allowed`: a safety stop, not a network failure.
  { test: TRANSPORT_REFUSED, make: (_m, d) => transportRefused(d.stderr ?? '', d) },
  {
    test: /Permission denied \((?:publickey|password|keyboard-interactive)|authentication failed|Host key verification failed|could not read (?:Username|Password)|terminal prompts disabled|Access denied/i,
    make: (m, d) => authError(m, d),
  },
  {
    test: /Connection refused|Connection timed out|timed out|Could not resolve host|Name or service not known|Temporary failure in name resolution|Network is unreachable|No route to host|Connection reset|Connection closed by remote host/i,
    make: (m, d) => networkError(m, d),
  },
  {
    test: /Could not find repository|does not appear to be a git repository|repository '[^']*' not found|No git remote named|No matching remotes for names|No git remotes to fetch from/i,
    make: (_m, d, ctx) => notARepo(ctx.remote ?? ctx.path ?? 'the remote', { ...d, hint: 'check the remote URL: no repository was found there' }),
  },
  {
    // The remote itself declined (a hook, a protected branch) — unless its reason is a lost race.
    test: new RegExp(String.raw`The remote rejected the following updates:\s*\n\s*\S+ \(reason: (?!${SERVER_RACE_REASONS.join('|')})`),
    make: (m, d) =>
      commandFailed(`${m}: the remote declined the update (${/\(reason: ([^)]*)\)/.exec(d.stderr ?? '')?.[1] ?? 'no reason given'})`, {
        ...d,
        hint: 'the remote declined the update (a hook or branch protection); see its message',
      }),
  },
  {
    test: /stale info|unexpectedly moved on the remote|Failed to push some bookmarks|\[rejected\]|non-fast-forward/i,
    make: (m, d, ctx) => rejected(m, ctx.ref, d),
  },
  {
    // Generic transport failures that name no cause: the remote could not be talked to.
    test: /Could not read from remote repository|remote end hung up unexpectedly|unable to access|early EOF/i,
    make: (m, d) => networkError(m, d),
  },
  {
    test: /Won't push commit \S+ since it has conflicts/,
    make: (m, d) => unsafeState('conflicted-commits', m, { ...d, hint: 'resolve the conflicts (`chezmoi-sync conflicts`) before pushing' }),
  },
  {
    test: /since it has no author and\/or committer set/,
    make: (m, d) =>
      unsafeState('missing-identity', m, {
        ...d,
        hint: 'set your name and email (`git config --global user.name "Your Name"`, `git config --global user.email you@example.com`): the next sync gives these commits that identity (by hand: `jj metaedit --update-author -r <commit>`)',
      }),
  },
  {
    test: /Git does not recognize required option/i,
    make: (_m, d) => toolTooOld('git', 'unknown', MIN_GIT.text, d),
  },
  {
    // A flag or subcommand this jj does not know: an older jj than the one we checked for.
    test: /unexpected argument '[^']*' found|unrecognized subcommand/i,
    make: (_m, d) => toolTooOld('jj', 'unknown', MIN_JJ.text, d),
  },
];

/** The line of stderr that says what went wrong: jj's `Error:` line, else the last line. */
export const errorLine = (stderr: string): string => {
  const lines = stderr.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
  const error = lines.find((l) => /^(?:Error|error|fatal):/.test(l));
  return (error ?? lines.at(-1) ?? 'no error output').replace(/^(?:Error|error|fatal):\s*/, '');
};

/**
 * Turns a failed run (non-zero exit) into an error kind, keeping argv, exit code and stderr.
 *
 * @example
 * classify(['jj', 'git', 'fetch'], { exitCode: 1, stdout: '', stderr: 'ssh: … Connection refused' }, {})
 * // → { kind: 'network', … }
 */
export const classify = (argv: readonly string[], out: RunOutput, ctx: ClassifyContext = {}): SyncError => {
  const tool = (argv[0] ?? 'jj').split('/').pop() ?? 'jj';
  // The message quotes stderr, which can echo a URL with credentials.
  const message = redact(`${tool} ${subcommand(argv)} failed: ${errorLine(out.stderr)}`);
  const d: ErrorDetails = { command: argv, exitCode: out.exitCode, stderr: out.stderr };
  const rule = RULES.find((r) => r.test.test(out.stderr));
  return rule !== undefined ? rule.make(message, d, ctx) : commandFailed(message, d);
};

// The words of argv that name the subcommand (`git fetch`), skipping global flags.
const subcommand = (argv: readonly string[]): string =>
  argv
    .slice(1)
    .filter((a) => !a.startsWith('-'))
    .slice(0, 2)
    .filter((a) => /^[a-z-]+$/.test(a))
    .join(' ');
