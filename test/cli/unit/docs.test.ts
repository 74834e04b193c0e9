// docs/cli.md must document everything the spec defines: a new flag or exit code without docs fails here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMANDS, GLOBAL_FLAGS, SETTINGS } from '../../../src/cli/args/spec.js';
import { EXIT_TABLE } from '../../../src/cli/errors.js';

const doc = readFileSync(new URL('../../../docs/cli.md', import.meta.url), 'utf8');

describe('docs/cli.md', () => {
  it('documents every command, option, env var and config key', () => {
    for (const c of COMMANDS) expect(doc, c.name).toContain(`\`${c.name}`);
    for (const s of SETTINGS) {
      expect(doc, s.env).toContain(`\`${s.env}\``);
      if (s.flag !== undefined) expect(doc, s.flag).toContain(`\`--${s.flag}`);
      if (s.inFile) expect(doc, s.key).toContain(`| \`${s.key}\` |`);
    }
    for (const f of GLOBAL_FLAGS) expect(doc, f.flag).toContain(`--${f.flag}`);
    for (const c of COMMANDS) for (const f of c.flags ?? []) expect(doc, f.flag).toContain(`--${f.flag}`);
  });

  it('documents every exit code', () => {
    for (const { code } of EXIT_TABLE) expect(doc, String(code)).toMatch(new RegExp(`^\\| ${code} \\|`, 'm'));
  });
});
