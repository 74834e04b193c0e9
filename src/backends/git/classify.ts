// The one place where a failed git process becomes one of our error kinds, read from the exit
// code and (English, LC_ALL=C) stderr. Pure.
import {
  authError,
  commandFailed,
  invalidInput,
  networkError,
  notARepo,
  redact,
  rejected,
  toolMissing,
  unsafeState,
  type ErrorDetails,
  type SyncError,
} from '../../core/errors.js';
import { TRANSPORT_REFUSED, transportRefused } from '../../core/remote/remote-url.js';
import { missingIdentity } from '../../core/identity.js';
import { IDENTITY_UNKNOWN } from '../identity/git-ident.js';

/** What is known about a git process that did not succeed. */
export interface GitFailure {
  /** Full argv, binary first. */
  readonly argv: readonly string[];
  /** The git subcommand (`fetch`, `push`, …), for messages. */
  readonly subcommand: string;
  /** Exit code; negative when the process never ran or was killed. */
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Set when simple-git stopped the process or refused to start it. */
  readonly stoppedBy?: 'timeout' | 'unsafe' | 'binary';
  /** Inactivity timeout that applied, for the message. */
  readonly timeoutMs?: number;
  /** Working directory, reported as the path of a local `not-a-repo`. */
  readonly cwd: string;
  /** Remote name or URL the command talked to, reported as the path of a remote `not-a-repo`. */
  readonly remote?: string;
}

// Ordered: the first group whose cue matches wins. A rejected push talked to the remote, so it
// outranks everything; auth outranks network because "unable to access … 403" is an auth
// failure; the generic "Could not read from remote repository" that follows every ssh failure
// only means not-a-repo when no network or auth cue came before it.
const REJECTED = [/\[rejected\]/, /\(stale info\)/, /non-fast-forward/, /\(fetch first\)/];
const AUTH = [
  /Permission denied \(publickey/i,
  /Authentication failed/i,
  /could not read (Username|Password)/i,
  /terminal prompts disabled/i,
  /Host key verification failed/i,
  /The requested URL returned error: 40[13]/,
  /HTTP Basic: Access denied/i,
];
const NETWORK = [
  /Could not resolve host/i,
  /Connection refused/i,
  /timed out/i,
  /unable to access/i,
  /Network is unreachable/i,
  /No route to host/i,
  /Connection reset/i,
  /Connection closed by/i,
  /remote end hung up unexpectedly/i,
  /kex_exchange_identification/i,
  /Temporary failure in name resolution/i,
];
const REMOTE_NOT_A_REPO = [
  /does not appear to be a git repository/,
  /Could not read from remote repository/,
  /repository '[^']*' not found/i,
  /Repository not found/i,
];
const LOCAL_NOT_A_REPO = [/not a git repository/i, /must be run in a work tree/];

const matches = (cues: readonly RegExp[], text: string): boolean => cues.some((c) => c.test(text));

/** The first line that says what went wrong (`fatal:`/`error:` preferred), trimmed. */
export const firstProblemLine = (stderr: string): string => {
  // Progress lines end in a bare CR; treat it as a line break.
  const lines = stderr.split(/[\r\n]+/).map((l) => l.trim()).filter((l) => l.length > 0);
  const key = lines.find((l) => /^(fatal|error|ssh|ERROR):/.test(l));
  return key ?? lines[0] ?? '';
};

/** Turns a failed git process into a `SyncError`; anything unrecognised is `command-failed`. */
export const classifyGitFailure = (f: GitFailure): SyncError => {
  const text = `${f.stderr}\n${f.stdout}`;
  const d: ErrorDetails = {
    command: f.argv,
    ...(f.exitCode >= 0 ? { exitCode: f.exitCode } : {}),
    ...(f.stderr.trim().length > 0 ? { stderr: f.stderr } : {}),
  };
  const line = redact(firstProblemLine(f.stderr));
  const what = `git ${f.subcommand}`;
  const because = line.length > 0 ? `: ${line}` : '';

  if (f.stoppedBy === 'binary') {
    return invalidInput('binary', f.argv[0] ?? '', `${what} was not run: the git binary path contains characters simple-git refuses`, {
      ...d,
      hint: 'pass a plain absolute path to git (letters, digits, / . _ ~ -)',
    });
  }
  if (f.stoppedBy === 'unsafe') {
    return invalidInput('argv', redact(f.argv.join(' ')), `${what} was not run: ${redact(f.stderr.trim())}`, d);
  }
  if (f.exitCode < 0 && /\bENOENT\b/.test(f.stderr) && /\bspawn\b/.test(f.stderr)) {
    return toolMissing('git', d);
  }
  if (f.exitCode < 0 && /\bEACCES\b/.test(f.stderr)) {
    return commandFailed(`${what} could not start git: permission denied`, { ...d, hint: 'make the git binary executable' });
  }
  if (f.stoppedBy === 'timeout') {
    return networkError(`${what} produced no output for ${f.timeoutMs ?? 0} ms and was stopped`, d);
  }
  if (TRANSPORT_REFUSED.test(f.stderr)) return transportRefused(f.stderr, d);
  if (matches(REJECTED, text)) return rejected(`${what} was rejected${because}`, undefined, d);
  if (matches(AUTH, text)) return authError(`${what} was refused by the remote${because}`, d);
  if (matches(NETWORK, text)) return networkError(`${what} could not reach the remote${because}`, d);
  if (matches(LOCAL_NOT_A_REPO, f.stderr)) return notARepo(f.cwd, d);
  if (matches(REMOTE_NOT_A_REPO, f.stderr)) {
    return { ...notARepo(f.remote ?? f.cwd, d), message: `${what}: the remote is not a repository${because}`, hint: 'check the remote URL (`git remote -v`) and that the repository exists' };
  }
  if (IDENTITY_UNKNOWN.test(f.stderr)) {
    return missingIdentity('git', /no name was given|empty ident name|auto-detect name/.test(f.stderr) ? ['name'] : ['email'], d);
  }
  if (/detected dubious ownership/.test(f.stderr)) {
    return unsafeState('dubious-ownership', `${what}: the repository belongs to another user${because}`, {
      ...d,
      hint: 'run as the owner of the repository, or mark it safe with `git config --global --add safe.directory <path>`',
    });
  }
  if (/index\.lock': File exists/.test(f.stderr)) {
    return unsafeState('index-locked', `${what}: another git process holds the index lock`, {
      ...d,
      hint: 'wait for the other git command to finish; if none is running, remove .git/index.lock',
    });
  }
  return commandFailed(`${what} failed${f.exitCode >= 0 ? ` (exit ${f.exitCode})` : ''}${because}`, d);
};
