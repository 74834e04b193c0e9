import { describe, expect, it } from 'vitest';
import { renderFakeTemplate } from '../../../src/backends/memory/chezmoi-fake-template.js';

const data = { 'chezmoi.hostname': 'alpha', email: 'me@example.org', work: true };
const render = (t: string) => renderFakeTemplate(t, data);

describe('the fake template subset', () => {
  it('substitutes variables and strings', () => {
    expect(render('e={{ .email }} s={{ "x\\"y" }} r={{ `{{ raw` }} b={{ .work }}\n')._unsafeUnwrap()).toBe('e=me@example.org s=x"y r={{ raw b=true\n');
  });

  it('takes the first true branch of if / else if / else, nested', () => {
    const t = '{{ if eq .chezmoi.hostname "beta" }}B{{ else if and .work .email }}W{{ if not .work }}x{{ end }}{{ else }}E{{ end }}\n';
    expect(render(t)._unsafeUnwrap()).toBe('W\n');
  });

  it('trims whitespace, newlines included, at {{- and -}}', () => {
    expect(render('a\n  {{- if .work }}\nb\n{{- end }}\n{{ "c" -}}\n  d\n')._unsafeUnwrap()).toBe('a\nb\ncd\n');
  });

  it('drops comments and the delimiter line, and uses its delimiters', () => {
    expect(render('# chezmoi:template:left-delimiter="[[" right-delimiter="]]"\n[[/* c */]]x=[[ .email ]] {{ .no }}\n')._unsafeUnwrap()).toBe('x=me@example.org {{ .no }}\n');
  });

  it('drops every directive line; the last delimiters win', () => {
    expect(render('# chezmoi:template:left-delimiter=[[ right-delimiter=]]\n# chezmoi:template:left-delimiter=<% right-delimiter=%>\n<% .email %> [[ x ]]\n')._unsafeUnwrap()).toBe('me@example.org [[ x ]]\n');
  });

  it('fails like chezmoi on an unknown key, a missing end, and what it does not model', () => {
    expect(render('{{ .nope }}')._unsafeUnwrapErr().message).toContain('map has no entry for key "nope"');
    expect(render('{{ if .work }}x')._unsafeUnwrapErr().message).toContain('missing {{end}}');
    expect(render('{{ range .work }}x{{ end }}')._unsafeUnwrapErr().message).toContain('does not model "range"');
    expect(render('{{ .email | upper }}').isErr()).toBe(true);
  });
});
