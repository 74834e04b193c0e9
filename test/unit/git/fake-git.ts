// Fake git executables for runner tests: a /bin/sh script per test that logs its argv and does
// what the test says, passed as `binary` (never found through the real PATH).
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';

export interface FakeGit {
  readonly binary: string;
  readonly dir: string;
  /** Environment the runner must pass so the script finds its log. */
  readonly env: Readonly<Record<string, string>>;
  /** argv of every run, without the binary. */
  calls(): readonly (readonly string[])[];
}

/** `body` is shell code run with `$sub` set to the git subcommand (the first word after the `-c` pairs). */
export const fakeGit = (body: string): FakeGit => {
  const dir = mkdtempSync(join(tmpdir(), 'fake-git-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const binary = join(dir, 'git');
  const log = join(dir, 'calls.log');
  writeFileSync(
    binary,
    `#!/bin/sh
for a in "$@"; do printf '%s\\0' "$a" >> "$FAKE_GIT_LOG"; done
printf '\\n' >> "$FAKE_GIT_LOG"
sub=""
skip=0
for a in "$@"; do
  if [ $skip = 1 ]; then skip=0; continue; fi
  case "$a" in -c) skip=1 ;; -*) ;; *) sub="$a"; break ;; esac
done
${body}
`,
  );
  chmodSync(binary, 0o755);
  return {
    binary,
    dir,
    env: { FAKE_GIT_LOG: log },
    calls: () =>
      existsSync(log)
        ? readFileSync(log, 'utf8')
            .split('\n')
            .filter((l) => l.length > 0)
            .map((l) => l.split('\0').slice(0, -1))
        : [],
  };
};
