// Pure readers of what doctor's own commands print.
import { err, ok, type Result } from 'neverthrow';
import type { RunOutput } from '../../backends/process/runner.js';

/** chezmoi's built-in git automation, which fights a sync that drives the VCS itself. */
export interface ChezmoiGitSettings {
  readonly autoAdd: boolean;
  readonly autoCommit: boolean;
  readonly autoPush: boolean;
  /** `add.secrets`: chezmoi's own secret scan on add and re-add (`warning` when not set); undefined when unreadable. */
  readonly addSecrets?: string;
}

/** Reads `git.autoadd/autocommit/autopush` from `chezmoi dump-config --format=json` (keys are lower case there). */
export const parseChezmoiGitSettings = (stdout: string): Result<ChezmoiGitSettings, string> => {
  let doc: unknown;
  try {
    doc = JSON.parse(stdout);
  } catch {
    return err('chezmoi dump-config did not print JSON');
  }
  const git = (doc as { git?: Record<string, unknown> } | null)?.git;
  if (git === undefined || git === null || typeof git !== 'object') return err('chezmoi dump-config has no git section');
  const flag = (...names: string[]): boolean => names.some((n) => git[n] === true);
  const secrets = (doc as { add?: { secrets?: unknown } } | null)?.add?.secrets;
  return ok({
    autoAdd: flag('autoadd', 'autoAdd'),
    autoCommit: flag('autocommit', 'autoCommit'),
    autoPush: flag('autopush', 'autoPush'),
    ...(typeof secrets === 'string' ? { addSecrets: secrets } : {}),
  });
};

export type RemoteProbe = 'ok' | 'auth' | 'network' | 'not-found' | 'other';

/** Classifies `git ls-remote` by exit code and stderr (git has no machine-readable failure kinds). */
export const classifyLsRemote = (out: RunOutput): RemoteProbe => {
  if (out.exitCode === 0) return 'ok';
  const e = out.stderr;
  if (/Permission denied|Authentication failed|could not read (Username|Password)|Host key verification failed|HTTP 40[13]|publickey/i.test(e)) return 'auth';
  if (/does not appear to be a git repository|Repository not found|not found|No such file or directory/i.test(e)) return 'not-found';
  if (/Could not resolve host|Connection refused|Connection timed out|Network is unreachable|No route to host|Operation timed out|unable to access|Connection reset|Could not read from remote/i.test(e)) return 'network';
  return 'other';
};

/**
 * The submodule paths a `.gitmodules` names (`path = …` in any section), in order. Read from the
 * repository, so untrusted: a path that is absolute or climbs out (`..`) is left out.
 *
 * @example parseGitmodulesPaths('[submodule "z"]\n\tpath = dot_zsh/z\n\turl = https://example.com/z\n') // ['dot_zsh/z']
 */
export const parseGitmodulesPaths = (text: string): string[] =>
  text
    .split('\n')
    .flatMap((line) => {
      const m = /^\s*path\s*=\s*(.*?)\s*$/.exec(line);
      const p = m?.[1]?.replace(/^"(.*)"$/, '$1');
      return p !== undefined && p !== '' && !p.startsWith('/') && !p.split('/').includes('..') && !p.includes('\0') ? [p] : [];
    });
