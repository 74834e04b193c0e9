// Which jj/git/chezmoi the tests use, and a clear failure (never a silent skip) when absent.
import { execFileSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

export interface ToolCheck {
  readonly tool: string;
  readonly version?: string;
  readonly problem?: string;
}

const MIN = { jj: '0.46.0', git: '2.42.0', chezmoi: '2.71.0' } as const;

const cmp = (a: string, b: string): number => {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
};

const versionOf = (tool: keyof typeof MIN): string | undefined => {
  try {
    const out = execFileSync(tool, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return /(\d+\.\d+\.\d+)/.exec(out)?.[1];
  } catch {
    return undefined;
  }
};

export const checkTools = (): readonly ToolCheck[] =>
  (Object.keys(MIN) as (keyof typeof MIN)[]).map((tool) => {
    const version = versionOf(tool);
    if (version === undefined) return { tool, problem: `${tool} not found on PATH` };
    if (cmp(version, MIN[tool]) < 0) return { tool, version, problem: `${tool} ${version} < ${MIN[tool]}` };
    return { tool, version };
  });

export const TOOLS_HINT =
  'run the tests through `scripts/check` (it provisions jj, git and chezmoi into .tools/), ' +
  'or run `scripts/ensure-tools` and put the directory it prints first on PATH';

const executable = (p: string): boolean => {
  try {
    accessSync(p, constants.X_OK);
    return statSync(p).isFile();
  } catch {
    return false;
  }
};

/** Where `name` is found on `path` (default: this process's PATH), as an absolute file path. */
export const onPath = (name: string, path = process.env['PATH'] ?? ''): string | undefined =>
  path.split(delimiter).filter(isAbsolute).map((dir) => join(dir, name)).find(executable);

/**
 * The real jj/git/chezmoi the tests run: the one first on PATH, which is where `scripts/check`
 * puts what `scripts/ensure-tools` resolved (tools already installed, or `.tools/bin`).
 */
export const toolPath = (tool: keyof typeof MIN, path?: string): string => {
  const found = onPath(tool, path);
  if (found === undefined) throw new Error(`${tool} not found on PATH — ${TOOLS_HINT}`);
  return found;
};
