import { describe, expect, it } from 'vitest';
import { DEFAULT_DELIMITERS, stripDirectives, toOriginal } from '../../../../src/core/template/delimiters.js';
import { attribute, instrument } from '../../../../src/core/template/instrument.js';
import { tokenize, type Token } from '../../../../src/core/template/tokenize.js';

const texts = (t: string, toks: readonly Token[]): string[] =>
  toks.map((k) => (k.kind === 'text' ? `T:${t.slice(k.effStart, k.effEnd)}` : `A:${k.keyword}:${k.body}`));

describe('tokenize', () => {
  it('applies trim markers to the adjacent text, newlines included', () => {
    const t = 'a \n{{- .x -}}\n\t b\n';
    expect(texts(t, tokenize(t, DEFAULT_DELIMITERS)._unsafeUnwrap())).toEqual(['T:a', 'A::.x', 'T:b\n']);
  });

  it('does not take `{{-3}}` for a trim marker', () => {
    const t = 'a {{-3}}';
    expect(texts(t, tokenize(t, DEFAULT_DELIMITERS)._unsafeUnwrap())).toEqual(['T:a ', 'A::-3']);
  });

  it('skips right delimiters inside strings, raw strings and character constants', () => {
    const t = '{{ "}}" }}{{ `}}` }}{{ \'}\' }}x';
    expect(texts(t, tokenize(t, DEFAULT_DELIMITERS)._unsafeUnwrap())).toEqual(['A:: "}}" ', 'A:: `}}` ', "A:: '}' ", 'T:x']);
  });

  it('reads comments (with trim markers) and refuses a comment not closed at the delimiter', () => {
    const t = 'a\n{{- /* c }} */ -}}\nb';
    expect(texts(t, tokenize(t, DEFAULT_DELIMITERS)._unsafeUnwrap())).toEqual(['T:a', 'A:comment:/* c }} */', 'T:b']);
    expect(tokenize('{{/* c */ x }}', DEFAULT_DELIMITERS).isErr()).toBe(true);
    expect(tokenize('{{ .x', DEFAULT_DELIMITERS).isErr()).toBe(true);
  });

  it('marks text inside range and define bodies as repeated', () => {
    const t = 'a{{ if .x }}b{{ range .y }}c{{ end }}d{{ end }}{{ define "n" }}e{{ end }}';
    const rep = tokenize(t, DEFAULT_DELIMITERS)._unsafeUnwrap().flatMap((k) => (k.kind === 'text' ? [`${t.slice(k.start, k.end)}:${k.repeated}`] : []));
    expect(rep).toEqual(['a:false', 'b:false', 'c:true', 'd:false', 'e:true']);
  });
});

describe('stripDirectives', () => {
  it('removes every directive line, later ones winning, and maps offsets back', () => {
    const t = 'x\n# chezmoi:template:left-delimiter="[[ " right-delimiter=]]\ny\n// chezmoi:template:right-delimiter=%]\nz';
    const s = stripDirectives(t);
    expect(s?.text).toBe('x\ny\nz');
    expect(s?.delimiters).toEqual({ left: '[[ ', right: '%]' });
    expect(s === undefined ? -1 : toOriginal(s, 4)).toBe(t.lastIndexOf('z'));
    expect(s === undefined ? -1 : toOriginal(s, 2, 'before')).toBe(2);
  });

  it('gives the defaults back for an empty value', () => {
    expect(stripDirectives('chezmoi:template:left-delimiter= right-delimiter=""\n')?.delimiters).toEqual(DEFAULT_DELIMITERS);
  });
});

describe('instrument and attribute', () => {
  it('tags each literal piece and printing action, and reads a rendering back', () => {
    const s = stripDirectives('a\n{{ .x }}b\n');
    if (s === undefined) throw new Error('unreadable');
    const inst = instrument(s, tokenize(s.text, s.delimiters)._unsafeUnwrap());
    expect(inst.pieces.map((p) => s.text.slice(p.start, p.end))).toEqual(['a\n', 'b\n']);
    const out = inst.text.replace('{{ .x }}', 'X');
    const attr = attribute(out, inst.pieces.length);
    expect(attr?.output).toBe('a\nXb\n');
    expect(attr?.origins.map((o) => (o.kind === 'lit' ? `${o.piece}.${o.offset}` : `act${o.action}`))).toEqual(['0.0', '0.1', 'act0', '1.0', '1.1']);
    expect(attr?.counts).toEqual([1, 1]);
  });

  it('rejects a rendering whose markers do not nest', () => {
    expect(attribute('\uFDD00\uFDD1a', 1)).toBeUndefined();
    expect(attribute('\uFDD0\uFDD1a\uFDD2', 1)).toBeUndefined();
    expect(attribute('a\uFDD2', 1)).toBeUndefined();
  });
});
