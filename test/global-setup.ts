// Runs once before all tests: the real tools must be there (fail loudly, never skip), and the
// real HOME must be the same afterwards as before — the tests never touch it.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { checkTools, TOOLS_HINT } from './support/tools.js';

// The places a stray jj/git/chezmoi run would write to in a user's HOME.
const WATCHED = ['.gitconfig', '.config/git', '.config/jj', '.jjconfig.toml', '.config/chezmoi', '.local/share/chezmoi', '.local/state/chezmoi-sync', '.config/chezmoi-sync', '.cache/chezmoi-sync'];

const fingerprint = (home: string): string => {
  const h = createHash('sha256');
  const walk = (p: string, depth: number): void => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    h.update(`${p}:${st.size}:${st.mtimeMs}\n`);
    if (st.isDirectory() && depth < 3) for (const e of readdirSync(p).sort()) walk(join(p, e), depth + 1);
  };
  for (const w of WATCHED) walk(join(home, w), 0);
  return h.digest('hex');
};

export default function setup(): () => void {
  const problems = checkTools().filter((t) => t.problem !== undefined);
  if (problems.length > 0) {
    throw new Error(`integration tests need real tools: ${problems.map((p) => p.problem).join('; ')} — ${TOOLS_HINT}`);
  }
  const home = homedir();
  const before = fingerprint(home);
  return () => {
    if (fingerprint(home) !== before) {
      throw new Error(`a test changed the real HOME (${home}): one of ${WATCHED.join(', ')} was written`);
    }
  };
}
