import { describe, expect, it } from 'vitest';
import { renderMini } from '../../../../src/core/template/mini-render.js';
import { mapEdit } from './helpers.js';

const patched = (m: { kind: string; patched?: string }): string | undefined => (m.kind === 'patched' ? m.patched : undefined);

describe('mapTemplateEdit', () => {
  it('maps a changed literal line into the template', async () => {
    const t = 'name = {{ .name }}\ncolor = blue\n';
    const { mapping } = await mapEdit(t, { name: 'ann' }, (r) => r.replace('blue', 'red'));
    expect(mapping).toEqual({ kind: 'patched', patched: 'name = {{ .name }}\ncolor = red\n' });
  });

  it('keeps an edit of an action-produced value local and names the action', async () => {
    const t = '{{- /* header */ -}}\ncolor = blue\nname = {{ .name }}\n';
    const { mapping } = await mapEdit(t, { name: 'ann' }, (r) => r.replace('ann', 'bob'));
    expect(mapping).toEqual({ kind: 'refused', reason: { line: 2, templateLine: 3, message: 'line 2 comes from `{{ .name }}`' } });
  });

  it('refuses an edit that only extends an action value', async () => {
    const { mapping } = await mapEdit('name = {{ .name }}\n', { name: 'ann' }, (r) => r.replace('ann', 'anne'));
    expect(mapping.kind).toBe('refused');
  });

  it('maps an edit of the literal part of a line that also holds an action', async () => {
    const { mapping } = await mapEdit('name = {{ .name }}\n', { name: 'ann' }, (r) => r.replace('name =', 'user:'));
    expect(patched(mapping)).toBe('user: {{ .name }}\n');
  });

  it('edits only the branch that rendered when two branches hold the same line', async () => {
    const t = '{{ if .work }}\nx = 1\n{{ else }}\nx = 1\n{{ end }}\n';
    const { mapping } = await mapEdit(t, { work: false }, (r) => r.replace('x = 1', 'x = 2'));
    expect(patched(mapping)).toBe('{{ if .work }}\nx = 1\n{{ else }}\nx = 2\n{{ end }}\n');
  });

  it('handles trim markers: edit, append and insert around `{{- end }}`', async () => {
    const t = 'a\n{{- if .on }}\nexport A=1\n{{- end }}\nz\n';
    const data = { on: true };
    expect(patched((await mapEdit(t, data, (r) => r.replace('A=1', 'A=2'))).mapping)).toBe('a\n{{- if .on }}\nexport A=2\n{{- end }}\nz\n');
    expect(patched((await mapEdit(t, data, (r) => r.replace('A=1', 'A=1 # c'))).mapping)).toBe('a\n{{- if .on }}\nexport A=1 # c\n{{- end }}\nz\n');
    // The new line goes with the line above it: inside the `if`, as `export A=1` is.
    expect(patched((await mapEdit(t, data, (r) => r.replace('z\n', 'y\nz\n'))).mapping)).toBe('a\n{{- if .on }}\nexport A=1\ny\n{{- end }}\nz\n');
  });

  it('puts a new line with the line above it when that line ends where a `{{- if }}` begins', async () => {
    const t = "alias ll='ls -l'\n{{- if .on }}\nalias open='xdg-open'\n{{- end }}\n";
    const { mapping } = await mapEdit(t, { on: true }, (r) => r.replace("'ls -l'\n", "'ls -l'\nalias la='ls -a'\n"));
    const p = patched(mapping) ?? '';
    expect(p).toBe("alias ll='ls -l'\nalias la='ls -a'\n{{- if .on }}\nalias open='xdg-open'\n{{- end }}\n");
    expect(renderMini(p, { on: false })._unsafeUnwrap()).toBe("alias ll='ls -l'\nalias la='ls -a'\n");
    const deleted = await mapEdit(t, { on: true }, (r) => r.replace("alias open='xdg-open'\n", ''));
    expect(patched(deleted.mapping)).toBe("alias ll='ls -l'\n{{- if .on }}\n{{- end }}\n");
  });

  it('inserts and deletes whole lines', async () => {
    const t = 'one\n{{ .x }}\ntwo\nthree\n';
    expect(patched((await mapEdit(t, { x: 'X' }, (r) => r.replace('two\n', ''))).mapping)).toBe('one\n{{ .x }}\nthree\n');
    expect(patched((await mapEdit(t, { x: 'X' }, (r) => r.replace('one\n', 'one\nnew\n'))).mapping)).toBe('one\nnew\n{{ .x }}\ntwo\nthree\n');
    expect(patched((await mapEdit(t, { x: 'X' }, (r) => `${r}four\n`)).mapping)).toBe('one\n{{ .x }}\ntwo\nthree\nfour\n');
    expect(patched((await mapEdit(t, { x: 'X' }, (r) => `zero\n${r}`)).mapping)).toBe('zero\none\n{{ .x }}\ntwo\nthree\n');
  });

  it('refuses an edit inside a range body', async () => {
    const t = '{{ range .xs }}\nitem {{ . }}\n{{ end }}\nend\n';
    const { mapping } = await mapEdit(t, { xs: ['a'] }, (r) => r.replace('item', 'ITEM'));
    expect(mapping).toMatchObject({ kind: 'refused', reason: { line: 2 } });
    expect(mapping.kind === 'refused' && mapping.reason.message).toContain('range');
  });

  it('keeps custom delimiters and their directive line', async () => {
    const t = '# chezmoi:template:left-delimiter="[[" right-delimiter=]]\nk = [[ .v ]]\n{{ literal }}\n';
    const { rendered, mapping } = await mapEdit(t, { v: 'V' }, (r) => r.replace('literal', 'changed'));
    expect(rendered).toBe('k = V\n{{ literal }}\n');
    expect(patched(mapping)).toBe('# chezmoi:template:left-delimiter="[[" right-delimiter=]]\nk = [[ .v ]]\n{{ changed }}\n');
  });

  it('refuses lines that come from an included template', async () => {
    const t = 'top\n{{ template "part" . }}bottom\n';
    const { mapping } = await mapEdit(t, {}, (r) => r.replace('inc', 'INC'), { part: 'inc\n' });
    expect(mapping).toEqual({ kind: 'refused', reason: { line: 2, templateLine: 2, message: 'line 2 comes from `{{ template "part" . }}`' } });
  });

  it('escapes delimiters in new text so they print literally', async () => {
    const { mapping } = await mapEdit('a\n', {}, (r) => `${r}x {{ y }}\n`);
    expect(patched(mapping)).toBe('a\nx {{ "{{" }} y }}\n');
  });

  it('prints new whitespace next to a trim marker through an action, so the trim cannot eat it', async () => {
    const t = 'x\n{{ if .on -}}\nlast\n{{- end -}}';
    const { rendered, mapping } = await mapEdit(t, { on: true }, (r) => `${r}\n`);
    expect(rendered).toBe('x\nlast');
    expect(patched(mapping)).toBe('x\n{{ if .on -}}\nlast{{ "\\n" }}\n{{- end -}}');
  });

  it('refuses new text holding a chezmoi directive', async () => {
    const { mapping } = await mapEdit('a\n', {}, (r) => `${r}# chezmoi:template:left-delimiter=[[\n`);
    expect(mapping.kind).toBe('refused');
  });

  it('handles a removed final newline and comments and strings holding the right delimiter', async () => {
    const t = '{{/* note */}}a {{ "}}" }}\nb\n';
    const { rendered, mapping } = await mapEdit(t, {}, (r) => r.slice(0, -1));
    expect(rendered).toBe('a }}\nb\n');
    expect(patched(mapping)).toBe('{{/* note */}}a {{ "}}" }}\nb');
  });

  it('refuses a change of line endings', async () => {
    const { mapping } = await mapEdit('a\nb\n', {}, (r) => r.replace(/\n/g, '\r\n'));
    expect(mapping).toEqual({ kind: 'refused', reason: { message: 'the line endings changed (CRLF / LF)' } });
  });

  it('edits a `with` body and leaves its actions alone', async () => {
    const t = '{{ with .user }}\nname={{ .name }}\nshell=bash\n{{ end }}\n';
    const { mapping } = await mapEdit(t, { user: { name: 'u' } }, (r) => r.replace('bash', 'zsh'));
    expect(patched(mapping)).toBe('{{ with .user }}\nname={{ .name }}\nshell=zsh\n{{ end }}\n');
  });

  it('maps files holding Nerd Font glyphs (private-use characters)', async () => {
    const t = 'prompt = "\uE0A0 {{ .name }}"\nsep = "\uE0B0"\n';
    const { mapping } = await mapEdit(t, { name: 'ann' }, (r) => r.replace('\uE0B0', '\uE0B2'));
    expect(patched(mapping)).toBe('prompt = "\uE0A0 {{ .name }}"\nsep = "\uE0B2"\n');
  });

  it('says unchanged when HOME equals the rendering', async () => {
    expect((await mapEdit('a\n', {}, (r) => r)).mapping).toEqual({ kind: 'unchanged' });
  });
});
