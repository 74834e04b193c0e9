// Fake executables for runner tests: small sh scripts in a temp dir, removed after the test.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';

/** A temp dir for this test, removed when it finishes. */
export const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'chezmoi-sync-fake-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
};

/** Writes an executable sh script named `name` into `dir` and returns its path. */
export const fakeTool = (dir: string, name: string, body: string): string => {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
};

/** A git that only answers `--version`. */
export const fakeGit = (dir: string, version = '2.55.0'): string =>
  fakeTool(dir, 'git', `[ "$1" = "--version" ] && { echo "git version ${version}"; exit 0; }\necho "fake git: $*" >&2; exit 1`);
