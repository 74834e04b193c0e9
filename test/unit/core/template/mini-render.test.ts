import { describe, expect, it } from 'vitest';
import { renderMini } from '../../../../src/core/template/mini-render.js';

describe('renderMini', () => {
  const data = { name: 'ann', on: false, os: 'linux', items: ['a', 'b'], user: { name: 'u' } };

  it('renders variables, if/else if/else, range with variables, with, and comments', () => {
    const t = '{{/* c */}}{{ .name }}|{{ if .on }}on{{ else if eq .os "linux" }}linux{{ else }}other{{ end }}|{{ range $i, $v := .items }}{{ $i }}={{ $v }};{{ end }}|{{ with .user }}{{ .name }}{{ end }}';
    expect(renderMini(t, data)._unsafeUnwrap()).toBe('ann|linux|0=a;1=b;|u');
  });

  it('applies trim markers and custom delimiters, and includes templates with their own delimiters', () => {
    const t = '# chezmoi:template:left-delimiter=[[ right-delimiter=]]\nx\n  [[- template "part" . -]]  \ny {{ z }}\n';
    expect(renderMini(t, data, { part: '<{{ .name }}>' })._unsafeUnwrap()).toBe('x<ann>y {{ z }}\n');
  });

  it('renders in-file define/template, pipelines and Go printing of values', () => {
    const t = '{{ define "d" }}[{{ . }}]{{ end }}{{ template "d" .items }}{{ .items | len }}{{ .missing | not }}';
    expect(renderMini(t, { items: [1, 2], missing: '' })._unsafeUnwrap()).toBe('[[1 2]]2true');
  });

  it('fails like chezmoi on a missing key, an unknown function or an unclosed block', () => {
    expect(renderMini('{{ .nope }}', data).isErr()).toBe(true);
    expect(renderMini('{{ nope }}', data).isErr()).toBe(true);
    expect(renderMini('{{ if .on }}', data).isErr()).toBe(true);
  });
});
