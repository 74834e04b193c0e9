import {
  commandFailed,
  lockedError,
  networkError,
  toolTooOld,
  type ErrorDetails,
  type SyncError,
} from '../../core/errors.js';
import type { RunOutput } from '../process/runner.js';
import { MIN_CHEZMOI_VERSION } from './version.js';

// chezmoi exits 1 for every failure and says why on stderr (`chezmoi: …`): the kind of a
// failure can only be read from there. Each rule below was seen with chezmoi 2.73.

/** chezmoi's own message when another chezmoi holds its state database (after ~1 s). */
export const LOCK_TIMEOUT = 'timeout obtaining persistent state lock';

// chezmoi prints warnings (`chezmoi: warning: config file template has changed, …`) before the
// error itself: the error is the first line that is not a warning.
const firstLine = (stderr: string): string => {
  const lines = stderr.split('\n').filter((l) => l.trim().length > 0);
  const line = lines.find((l) => !/^chezmoi: warning: /.test(l)) ?? lines[0] ?? '';
  return line.replace(/^chezmoi: /, '').trim();
};

const MISSING_KEY = /map has no entry for key "([^"]*)"/;
const OPEN_MISSING = /^chezmoi: ([^:\n]+): open ([^:\n]+): no such file or directory$/m;

interface Rule {
  readonly test: RegExp;
  readonly make: (d: ErrorDetails, line: string, statePath: string) => SyncError;
}

const hinted = (hint: string) => (d: ErrorDetails, line: string): SyncError => commandFailed(`chezmoi failed: ${line}`, { ...d, hint });

const RULES: readonly Rule[] = [
  {
    test: new RegExp(LOCK_TIMEOUT),
    make: (d, _line, statePath) => ({
      ...lockedError(statePath),
      message: 'another chezmoi process holds chezmoi\'s persistent state',
      hint: 'wait for the other chezmoi to finish; the next run retries',
      ...d,
    }),
  },
  {
    // Flags we rely on that older versions lack (`--error-on-conflict` is 2.71+).
    test: /unknown flag: --(error-on-conflict|refresh-externals|parent-dirs|path-style|keep-going)/,
    make: (d) => toolTooOld('chezmoi', 'older than required', MIN_CHEZMOI_VERSION, d),
  },
  {
    // Archive externals are downloaded whenever the source state is read (even with
    // `--exclude=externals` and `--refresh-externals=never`) until chezmoi has them cached.
    test: /Get "https?:\/\/|dial tcp|no such host|connection refused|i\/o timeout|TLS handshake/,
    make: (d, line) =>
      networkError(`chezmoi could not download an external: ${line}`, {
        ...d,
        hint: 'chezmoi reads every archive in .chezmoiexternal before anything else, and this one was never downloaded on this machine: chezmoi cannot read the dotfiles until it can be fetched once (`chezmoi apply` when the URL is reachable)',
      }),
  },
  {
    // A template reads data this machine's config lacks: the config template gained a prompt.
    test: MISSING_KEY,
    make: (d, line) =>
      commandFailed(`chezmoi failed: ${line}`, {
        ...d,
        hint: `this machine's chezmoi config has no "${MISSING_KEY.exec(d.stderr ?? '')?.[1] ?? ''}": run \`chezmoi init\` to regenerate it from the repository's config template (or add it under [data])`,
      }),
  },
  {
    test: /config file template has changed/,
    make: hinted("the repository's config template changed: run `chezmoi init` to regenerate this machine's chezmoi config"),
  },
  { test: /: not managed$/m, make: hinted('the target is not managed by chezmoi; list targets with `chezmoi managed`') },
  { test: /not in destination directory/, make: hinted('targets must be inside the destination directory') },
  { test: /invalid config|config file .* has changed|parsing config/i, make: hinted('fix the chezmoi config file (`chezmoi doctor` shows which one is used)') },
  // The source dir itself (a bare `stat DIR`); a target's own `stat` failure names the target first.
  { test: /^chezmoi: stat [^:\n]+: no such file or directory$/m, make: hinted('the source directory is missing; clone the dotfiles repository first') },
  { test: /age:|gpg|decrypt|identity did not match/i, make: hinted('chezmoi could not decrypt a file: check the age/gpg identity in the chezmoi config') },
  {
    // `TARGET: open FILE: no such file`: for an encrypted target, FILE is the age/gpg identity.
    test: OPEN_MISSING,
    make: (d, line) => {
      const m = OPEN_MISSING.exec(d.stderr ?? '');
      return commandFailed(`chezmoi failed: ${line}`, {
        ...d,
        hint: `chezmoi could not read ${m?.[2] ?? 'a file'} to produce ${m?.[1] ?? 'a target'}: if that is the age/gpg identity of encrypted files, copy the key there (or take encryption out of this machine's chezmoi config)`,
      });
    },
  },
  {
    // A target inside a directory chezmoi did not create here, typically an external never applied.
    test: /^chezmoi: [^:\n]+: mkdir [^:\n]+: no such file or directory$/m,
    make: hinted('its parent directory is missing; if it belongs to a .chezmoiexternal that was never applied here, run `chezmoi apply` once'),
  },
  { test: /template: /, make: hinted('a template failed to render; run `chezmoi execute-template` on it to see why') },
  { test: /has changed since chezmoi last wrote it|^chezmoi: [^:\n]+: EOF$/m, make: hinted('a target was edited in HOME; it was left untouched') },
];

/**
 * Turns a failed chezmoi run into an error value: the kind from stderr, the command, the exit
 * code and a stderr excerpt.
 */
export const classifyFailure = (
  out: RunOutput,
  argv: readonly string[],
  statePath = 'chezmoistate.boltdb',
): SyncError => {
  const d: ErrorDetails = { command: argv, exitCode: out.exitCode, stderr: out.stderr };
  const line = firstLine(out.stderr);
  for (const r of RULES) if (r.test.test(out.stderr)) return r.make(d, line, statePath);
  const sub = argv.find((a, i) => i > 0 && !a.startsWith('-')) ?? 'chezmoi';
  return commandFailed(
    line.length > 0 ? `chezmoi ${sub} failed: ${line}` : `chezmoi ${sub} failed with exit code ${out.exitCode} and no message`,
    { ...d, hint: 'run the command by hand to see the details' },
  );
};

/** True for the one failure worth retrying right away: chezmoi's state lock was busy. */
export const isLockTimeout = (e: SyncError): boolean => e.kind === 'locked';
