import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS, SETTINGS } from '../../../src/cli/args/spec.js';
import { completionScript } from '../../../src/cli/completion/scripts.js';

// Completes `words` with the bash script loaded, as bash's programmable completion would.
const bashComplete = (words: string[]): string[] => {
  const dir = mkdtempSync(join(tmpdir(), 'cs-completion-'));
  const script = join(dir, 'c.bash');
  writeFileSync(script, completionScript('bash'));
  const prog = `source ${JSON.stringify(script)}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')})\nCOMP_CWORD=${words.length - 1}\n_chezmoi_sync\nprintf '%s\\n' "\${COMPREPLY[@]}"\n`;
  return execFileSync('bash', ['--norc', '--noprofile', '-c', prog], { encoding: 'utf8' }).split('\n').filter((l) => l.length > 0);
};

describe('completion scripts', () => {
  it('bash: completes commands, options, backends and shells', () => {
    expect(bashComplete(['chezmoi-sync', 'st'])).toEqual(['status']);
    expect(bashComplete(['chezmoi-sync', 'sync', '--no-p'])).toEqual(['--no-push']);
    expect(bashComplete(['chezmoi-sync', '--backend', ''])).toEqual(['auto', 'jj', 'git']);
    expect(bashComplete(['chezmoi-sync', 'completion', ''])).toEqual(['bash', 'zsh', 'fish']);
    expect(bashComplete(['chezmoi-sync', 'demo', '--ke'])).toEqual(['--keep']);
    expect(bashComplete(['chezmoi-status', '--js'])).toEqual(['--json']);
  });

  it('zsh and fish: name every command and option', () => {
    for (const shell of ['zsh', 'fish'] as const) {
      const s = completionScript(shell);
      for (const c of COMMANDS) expect(s, `${shell} ${c.name}`).toContain(c.name);
      for (const f of SETTINGS) if (f.flag !== undefined) expect(s, `${shell} ${f.flag}`).toContain(shell === 'zsh' ? `--${f.flag}` : `-l ${f.flag}`);
    }
    expect(completionScript('zsh').split('\n')[0]).toBe('#compdef chezmoi-sync chezmoi-status chezmoi-show-conflicts');
  });
});
