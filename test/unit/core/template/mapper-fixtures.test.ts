// The mapper on the target templates of the re-created public dotfiles repos (test/fixtures/
// dotfiles): every single-line edit of a literal line is mapped, every edit of an action-printed
// value is kept local, and the other host's rendering of the patched template shows the edit
// wherever it printed that line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mapTemplateEdit } from '../../../../src/core/template/index.js';
import { renderMini, type MiniData } from '../../../../src/core/template/mini-render.js';
import { renderer } from './helpers.js';

const FIXTURES = join(import.meta.dirname, '../../../fixtures/dotfiles');
const TEMPLATES = [
  'automaat/repo/dot_zshrc.tmpl',
  'automaat/repo/dot_gitconfig.tmpl',
  'twpayne/repo/home/dot_bash_aliases.tmpl',
  'twpayne/repo/home/private_dot_config/git/config.tmpl',
  'twpayne/repo/home/private_dot_ssh/config.tmpl',
  'felipecrs/repo/home/dot_gitconfig.tmpl',
  'halostatue/repo/home/private_dot_config/git/config.tmpl',
];
const host = (os: string, personal: boolean): MiniData => ({
  chezmoi: { os },
  email: `me@${os}.example`,
  name: `Me ${os}`,
  editor: os === 'linux' ? 'vim' : 'code --wait',
  github: { user: `me-${os}` },
  personal,
  ephemeral: !personal,
});
const HOSTS = [host('linux', true), host('darwin', false)];

const replaceLine = (text: string, i: number, line: string): string => {
  const lines = text.split(/(?<=\n)/);
  lines[i] = line;
  return lines.join('');
};

describe('mapTemplateEdit on the fixture repos', () => {
  it('maps every literal single-line edit and keeps every value edit local', async () => {
    const stats = { literal: 0, literalMapped: 0, delivered: 0, values: 0, valuesMapped: 0, wrong: 0 };
    for (const file of TEMPLATES) {
      const template = readFileSync(join(FIXTURES, file), 'utf8');
      for (const [h, data] of HOSTS.entries()) {
        const other = HOSTS[1 - h] ?? data;
        const rendered = renderMini(template, data)._unsafeUnwrap();
        const otherRendered = renderMini(template, other)._unsafeUnwrap();
        for (const [i, line] of rendered.split(/(?<=\n)/).entries()) {
          if (line.trim() === '') continue;
          // Ground truth: a literal line is written as such in the template and holds no action.
          const literal = template.split('\n').includes(line.replace(/\n$/, ''));
          const edited = literal ? line.replace(/^(\s*\S+)/, '$1_x') : line.replace(/= .*/, '= changed');
          if (edited === line) continue;
          const home = replaceLine(rendered, i, edited);
          const m = (await mapTemplateEdit({ template, rendered, home, render: renderer(data) }))._unsafeUnwrap();
          if (literal) stats.literal++;
          else stats.values++;
          if (m.kind !== 'patched') continue;
          if (literal) stats.literalMapped++;
          else stats.valuesMapped++;
          if (renderMini(m.patched, data)._unsafeUnwrap() !== home) stats.wrong++;
          const j = otherRendered.split(/(?<=\n)/).indexOf(line);
          if (j >= 0 && otherRendered.split(line).length === 2) {
            expect(renderMini(m.patched, other)._unsafeUnwrap(), `${file} line ${i + 1}`).toBe(replaceLine(otherRendered, j, edited));
            stats.delivered++;
          }
        }
      }
    }
    console.log(`[template mapper, fixture repos] ${JSON.stringify(stats)}`);
    expect(stats.wrong).toBe(0);
    expect(stats.valuesMapped).toBe(0);
    expect(stats.literalMapped).toBe(stats.literal);
    expect(stats.literal).toBeGreaterThan(50);
  });
});
