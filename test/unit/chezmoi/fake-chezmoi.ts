// Fake chezmoi executables for runner tests: a /bin/sh script per test that logs its argv and
// does what the test says, found through `binary` (never through the real PATH).
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';

export interface FakeChezmoi {
  readonly binary: string;
  readonly dir: string;
  /** Environment the adapter must pass so the script finds its log. */
  readonly env: Readonly<Record<string, string>>;
  /** argv of every run, without the binary. */
  calls(): readonly (readonly string[])[];
}

/**
 * `body` is shell code run with `$sub` set to the subcommand (empty for `--version`) and
 * `$dir` to a scratch directory (for counters).
 */
export const fakeChezmoi = (body: string): FakeChezmoi => {
  const dir = mkdtempSync(join(tmpdir(), 'fake-chezmoi-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const binary = join(dir, 'chezmoi');
  const log = join(dir, 'calls.log');
  writeFileSync(
    binary,
    `#!/bin/sh
dir=${JSON.stringify(dir)}
for a in "$@"; do printf '%s\\0' "$a" >> "$FAKE_CHEZMOI_LOG"; done
printf '\\n' >> "$FAKE_CHEZMOI_LOG"
sub=""
for a in "$@"; do case "$a" in -*) ;; *) sub="$a"; break ;; esac; done
${body}
`,
  );
  chmodSync(binary, 0o755);
  return {
    binary,
    dir,
    env: { FAKE_CHEZMOI_LOG: log },
    calls: () =>
      existsSync(log)
        ? readFileSync(log, 'utf8')
            .split('\n')
            .filter((l) => l.length > 0)
            .map((l) => l.split('\0').slice(0, -1))
        : [],
  };
};
