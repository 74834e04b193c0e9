// Per test worker: point HOME, XDG dirs and git/jj config at a throwaway decoy, so that even
// a command run without a world's environment cannot read or write the real user's files.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const decoy = mkdtempSync(join(tmpdir(), 'chezmoi-sync-decoy-'));
// Removed when the worker ends, like every world.
process.once('exit', () => rmSync(decoy, { recursive: true, force: true }));
for (const d of ['.config', '.local/share', '.local/state', '.cache']) mkdirSync(join(decoy, d), { recursive: true });
writeFileSync(join(decoy, '.gitconfig'), '[user]\n\tname = Decoy\n\temail = decoy@example.invalid\n[init]\n\tdefaultBranch = main\n');
writeFileSync(join(decoy, 'jj.toml'), 'user.name = "Decoy"\nuser.email = "decoy@example.invalid"\n');
Object.assign(process.env, {
  HOME: decoy,
  XDG_CONFIG_HOME: join(decoy, '.config'),
  XDG_DATA_HOME: join(decoy, '.local/share'),
  XDG_STATE_HOME: join(decoy, '.local/state'),
  XDG_CACHE_HOME: join(decoy, '.cache'),
  GIT_CONFIG_GLOBAL: join(decoy, '.gitconfig'),
  GIT_CONFIG_NOSYSTEM: '1',
  JJ_CONFIG: join(decoy, 'jj.toml'),
  GIT_TERMINAL_PROMPT: '0',
});
// Identity comes from config files only, as on most machines: a world's host decides which.
for (const k of ['JJ_USER', 'JJ_EMAIL', 'GIT_AUTHOR_NAME', 'GIT_AUTHOR_EMAIL', 'GIT_COMMITTER_NAME', 'GIT_COMMITTER_EMAIL', 'EMAIL']) delete process.env[k];
delete process.env['CHEZMOI_SYNC_JJ'];
delete process.env['CHEZMOI_SYNC_GIT'];
delete process.env['CHEZMOI_SYNC_CHEZMOI'];
