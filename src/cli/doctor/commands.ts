// The few commands doctor runs itself (the ports have no "is the remote reachable?" or
// "what are chezmoi's own git settings?"), as data. Values are joined with `=` or follow `--`.
import type { Command } from '../../backends/process/runner.js';
import { DEFAULT_ALLOWED_PROTOCOLS } from '../../core/remote/remote-url.js';

/** Short: doctor must answer quickly even when the network hangs. */
export const REMOTE_TIMEOUT_MS = 15_000;

/**
 * `git ls-remote --heads -- REMOTE` in the source dir: contacts the remote (a push with nothing
 * to send does not), honours the repository's URL rewriting and ssh settings, changes nothing.
 */
export const lsRemote = (git: string, sourceDir: string, remote: string, allowProtocols: string = DEFAULT_ALLOWED_PROTOCOLS): Command => ({
  file: git,
  args: ['-C', sourceDir, 'ls-remote', '--heads', '--', remote],
  // Like every git we run: a transport outside the list (ext::, a url.*.insteadOf rewrite to one) is refused by git.
  env: { GIT_TERMINAL_PROMPT: '0', GIT_ALLOW_PROTOCOL: allowProtocols },
  timeoutMs: REMOTE_TIMEOUT_MS,
  tool: 'git',
});

export interface ChezmoiLocation {
  readonly source?: string;
  readonly config?: string;
}

/** `chezmoi dump-config --format=json`: chezmoi's effective configuration. */
export const dumpConfig = (chezmoi: string, loc: ChezmoiLocation): Command => ({
  file: chezmoi,
  args: [
    '--no-tty',
    '--no-pager',
    '--color=off',
    ...(loc.source !== undefined ? [`--source=${loc.source}`] : []),
    ...(loc.config !== undefined ? [`--config=${loc.config}`] : []),
    'dump-config',
    '--format=json',
  ],
  timeoutMs: 30_000,
  tool: 'chezmoi',
});
