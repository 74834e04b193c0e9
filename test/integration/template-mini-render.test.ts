// The mini renderer and the template mapper held to the real chezmoi: on generated templates
// (if/else, range, with, trim markers, comments, custom delimiters, includes) `chezmoi
// execute-template` and `renderMini` print the same bytes, for the template and for its
// instrumented copy; and the mapper, rendering through the real chezmoi, only returns patches
// that the real chezmoi renders exactly as the edited HOME text.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import { afterAll, describe, expect, it } from 'vitest';
import { stripDirectives } from '../../src/core/template/delimiters.js';
import { mapTemplateEdit } from '../../src/core/template/index.js';
import { instrument } from '../../src/core/template/instrument.js';
import { renderMini } from '../../src/core/template/mini-render.js';
import { tokenize } from '../../src/core/template/tokenize.js';
import { generateEdit, generateTemplate, type GenTemplate } from '../support/template-gen.js';

// CHEZMOI_SYNC_TEMPLATE_REAL=N checks more templates locally; CI checks 30.
const SAMPLE = Number(process.env['CHEZMOI_SYNC_TEMPLATE_REAL'] ?? 30);
const root = mkdtempSync(join(tmpdir(), 'chezmoi-sync-template-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A throwaway chezmoi (own HOME, config with the template's data, `.chezmoitemplates`) for one template. */
const chezmoiFor = (g: GenTemplate, n: number): ((text: string) => ResultAsync<string, string>) => {
  const home = join(root, `h${n}`);
  const source = join(home, 'source');
  mkdirSync(join(source, '.chezmoitemplates'), { recursive: true });
  for (const [name, text] of Object.entries(g.includes)) writeFileSync(join(source, '.chezmoitemplates', name), text);
  const config = join(home, 'chezmoi.json');
  writeFileSync(config, JSON.stringify({ sourceDir: source, data: g.data }));
  const env = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_CACHE_HOME: join(home, '.cache'), XDG_STATE_HOME: join(home, '.state'), LANG: 'C.UTF-8' };
  let k = 0;
  return (text) => {
    const file = join(home, `t${k++}.tmpl`);
    writeFileSync(file, text);
    try {
      const out = execFileSync('chezmoi', ['execute-template', '--no-tty', '--no-pager', '--color=off', '--config', config, '--source', source, '--file', '--', file], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      return okAsync(out);
    } catch (e) {
      return errAsync(String((e as { stderr?: unknown }).stderr ?? e));
    }
  };
};

describe('mini renderer and mapper against the real chezmoi', () => {
  it(`render the same bytes on ${SAMPLE} generated templates, and mapped patches render as HOME`, async () => {
    const stats = { templates: 0, customDelimiters: 0, instrumented: 0, edits: 0, patched: 0 };
    for (let seed = 1; stats.templates < SAMPLE; seed++) {
      const g = generateTemplate(seed);
      const real = chezmoiFor(g, seed);
      const mini = renderMini(g.template, g.data, g.includes);
      const actual = await real(g.template);
      expect(mini.isOk(), `seed ${seed}: ${JSON.stringify(g.template)}`).toBe(actual.isOk());
      if (!actual.isOk() || !mini.isOk()) continue;
      expect(mini.value, `seed ${seed}`).toBe(actual.value);
      stats.templates++;
      if (g.left !== '{{') stats.customDelimiters++;
      const s = stripDirectives(g.template);
      if (s === undefined) throw new Error(`seed ${seed}: unreadable directive`);
      const inst = instrument(s, tokenize(s.text, s.delimiters)._unsafeUnwrap());
      const instReal = await real(inst.text);
      expect(instReal._unsafeUnwrap()).toBe(renderMini(inst.text, g.data, g.includes)._unsafeUnwrap());
      stats.instrumented++;
      const edit = generateEdit(actual.value, seed, g.left);
      if (edit.home === actual.value) continue;
      stats.edits++;
      const m = (await mapTemplateEdit({ template: g.template, rendered: actual.value, home: edit.home, render: real }))._unsafeUnwrap();
      if (m.kind !== 'patched') continue;
      stats.patched++;
      expect((await real(m.patched))._unsafeUnwrap(), `seed ${seed}`).toBe(edit.home);
    }
    console.log(`[template vs chezmoi] ${JSON.stringify(stats)}`);
    expect(stats.customDelimiters).toBeGreaterThan(0);
    expect(stats.patched).toBeGreaterThan(0);
  });

  it('fixed cases: escapes, trimmed whitespace and custom delimiters render as HOME through the real chezmoi', async () => {
    const cases: { template: string; edit: (r: string) => string; patched: string }[] = [
      { template: 'a {{ .v1 }}\n', edit: (r) => `${r}b {{ c }}\n`, patched: 'a {{ .v1 }}\nb {{ "{{" }} c }}\n' },
      {
        template: '# chezmoi:template:left-delimiter="<%" right-delimiter=%>\nv <% .v1 %>\n',
        edit: (r) => `${r}w <% x %>\n`,
        patched: '# chezmoi:template:left-delimiter="<%" right-delimiter=%>\nv <% .v1 %>\nw <% "<%" %> x %>\n',
      },
      { template: 'x\n{{ if .on -}}\nlast\n{{- end -}}', edit: (r) => `${r}\n`, patched: 'x\n{{ if .on -}}\nlast{{ "\\n" }}\n{{- end -}}' },
      { template: 'top\n{{- if .on }}\nmid\n{{- end }}\nend\n', edit: (r) => r.replace('mid', 'MID'), patched: 'top\n{{- if .on }}\nMID\n{{- end }}\nend\n' },
    ];
    for (const [n, c] of cases.entries()) {
      const g: GenTemplate = { template: c.template, data: { on: true, v1: 'one' }, includes: {}, left: '{{', right: '}}' };
      const real = chezmoiFor(g, 1000 + n);
      const rendered = (await real(c.template))._unsafeUnwrap();
      const home = c.edit(rendered);
      const m = (await mapTemplateEdit({ template: c.template, rendered, home, render: real }))._unsafeUnwrap();
      expect(m).toEqual({ kind: 'patched', patched: c.patched });
      expect((await real(c.patched))._unsafeUnwrap()).toBe(home);
    }
  });
});
