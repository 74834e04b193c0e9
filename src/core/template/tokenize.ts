// Splits a Go text/template (directive lines already removed) into literal text and actions,
// following text/template's lexer: an action runs from the left delimiter to the first right
// delimiter outside a quoted string, raw string or character constant; `{{- ` / ` -}}` trim every
// space, tab, CR and LF of the adjacent text; a comment is `/* … */` right after the delimiter.
import { err, ok, type Result } from 'neverthrow';
import type { Delimiters } from './delimiters.js';

/** Keywords that shape the template rather than print something. */
export type Keyword = 'if' | 'else' | 'end' | 'range' | 'with' | 'define' | 'block' | 'template' | 'break' | 'continue' | 'comment' | '';

export interface TextToken {
  readonly kind: 'text';
  readonly start: number;
  readonly end: number;
  /** The part that survives the neighbours' trim markers: [effStart, effEnd). */
  readonly effStart: number;
  readonly effEnd: number;
  /** Inside a `range`, `define` or `block` body: rendered any number of times. */
  readonly repeated: boolean;
}

export interface ActionToken {
  readonly kind: 'action';
  readonly start: number;
  readonly end: number;
  /** The action between its delimiters and trim markers. */
  readonly body: string;
  readonly trimLeft: boolean;
  readonly trimRight: boolean;
  readonly keyword: Keyword;
}

export type Token = TextToken | ActionToken;

const SPACE = new Set([' ', '\t', '\r', '\n']);
const isSpace = (c: string | undefined): boolean => c !== undefined && SPACE.has(c);

const KEYWORDS = new Set(['if', 'else', 'end', 'range', 'with', 'define', 'block', 'template', 'break', 'continue']);

const keywordOf = (body: string): Keyword => {
  if (body.startsWith('/*')) return 'comment';
  const word = /^\s*([a-z]+)\b/.exec(body)?.[1] ?? '';
  return KEYWORDS.has(word) ? (word as Keyword) : '';
};

/** Index just past the quoted constant starting at `i`, or -1 when it never closes. */
const skipQuoted = (t: string, i: number): number => {
  const q = t[i];
  for (let j = i + 1; j < t.length; j++) {
    const c = t[j];
    if (c === q) return j + 1;
    if (q !== '`' && c === '\\') j++;
    else if (q !== '`' && c === '\n') return -1;
  }
  return -1;
};

/** Where the action whose body starts at `i` ends: [bodyEnd, end, trimRight], or a reason. */
const scanAction = (t: string, i: number, d: Delimiters): Result<[number, number, boolean], string> => {
  if (t.startsWith('/*', i)) {
    const close = t.indexOf('*/', i + 2);
    if (close < 0) return err('unclosed comment');
    const after = close + 2;
    if (t.startsWith(d.right, after)) return ok([after, after + d.right.length, false]);
    if (isSpace(t[after]) && t[after + 1] === '-' && t.startsWith(d.right, after + 2)) return ok([after, after + 2 + d.right.length, true]);
    return err('comment ends before closing delimiter');
  }
  for (let j = i; j < t.length; ) {
    if (isSpace(t[j]) && t[j + 1] === '-' && t.startsWith(d.right, j + 2)) return ok([j, j + 2 + d.right.length, true]);
    if (t.startsWith(d.right, j)) return ok([j, j + d.right.length, false]);
    const c = t[j];
    if (c === '"' || c === '`' || c === "'") {
      const next = skipQuoted(t, j);
      if (next < 0) return err('unterminated quoted string');
      j = next;
    } else j++;
  }
  return err('unclosed action');
};

/**
 * Tokenizes `text` with delimiters `d`.
 * @example tokenize('a {{- .x }}\n', DEFAULT_DELIMITERS) // ok([text 'a ' (effective 'a'), action '.x', text '\n'])
 */
export const tokenize = (text: string, d: Delimiters): Result<readonly Token[], string> => {
  const raw: (ActionToken | { kind: 'text'; start: number; end: number })[] = [];
  let pos = 0;
  while (pos <= text.length) {
    const open = text.indexOf(d.left, pos);
    const textEnd = open < 0 ? text.length : open;
    if (textEnd > pos) raw.push({ kind: 'text', start: pos, end: textEnd });
    if (open < 0) break;
    let i = open + d.left.length;
    const trimLeft = text[i] === '-' && isSpace(text[i + 1]);
    if (trimLeft) i += 2;
    const scanned = scanAction(text, i, d);
    if (scanned.isErr()) return err(`${scanned.error} at offset ${open}`);
    const [bodyEnd, end, trimRight] = scanned.value;
    const body = text.slice(i, bodyEnd);
    raw.push({ kind: 'action', start: open, end, body, trimLeft, trimRight, keyword: keywordOf(body) });
    pos = end;
  }
  const tokens: Token[] = [];
  const stack: Keyword[] = [];
  raw.forEach((tok, n) => {
    if (tok.kind === 'action') {
      if (tok.keyword === 'end') stack.pop();
      else if (['if', 'range', 'with', 'define', 'block'].includes(tok.keyword)) stack.push(tok.keyword);
      tokens.push(tok);
      return;
    }
    const prev = raw[n - 1];
    const next = raw[n + 1];
    let effStart = tok.start;
    let effEnd = tok.end;
    if (prev?.kind === 'action' && prev.trimRight) while (effStart < effEnd && isSpace(text[effStart])) effStart++;
    if (next?.kind === 'action' && next.trimLeft) while (effEnd > effStart && isSpace(text[effEnd - 1])) effEnd--;
    const repeated = stack.some((k) => k === 'range' || k === 'define' || k === 'block');
    tokens.push({ kind: 'text', start: tok.start, end: tok.end, effStart, effEnd, repeated });
  });
  return ok(tokens);
};

/** The source of an action as written, for messages: `{{ .email }}`. */
export const actionSource = (text: string, a: ActionToken): string => {
  const s = text.slice(a.start, a.end).replace(/\s+/g, ' ');
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
};
