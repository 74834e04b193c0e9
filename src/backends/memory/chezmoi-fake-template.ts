// The in-memory chezmoi fake's template language: a small, strict subset of Go's text/template
// as chezmoi runs it — enough for engine tests of template capture. Modelled: variables
// (`.email`, `.chezmoi.hostname`), quoted and raw (backquoted) strings, `true`/`false`, `eq`/`ne`/`not`/`and`/`or`,
// `if`/`else if`/`else`/`end`, comments, `{{-`/`-}}` trim markers, and chezmoi's
// `chezmoi:template:left-delimiter=… right-delimiter=…` line. Anything else (range, with,
// pipelines, functions) is an error, as is an unknown variable (chezmoi's `missingkey=error`).
import { err, ok, type Result } from 'neverthrow';
import { commandFailed, type SyncError } from '../../core/errors.js';

/** Variables a fake template may use, by dotted name: `{ 'chezmoi.hostname': 'a', email: 'x' }`. */
export type FakeTemplateData = Readonly<Record<string, string | boolean>>;

type Value = string | boolean;
type Node =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'out'; readonly expr: string }
  | { readonly kind: 'if'; readonly branches: readonly { readonly cond: string | undefined; readonly body: readonly Node[] }[] };

class TemplateError extends Error {}

const DIRECTIVE = /^.*chezmoi:template:(.*)$\n?/gm;

/** chezmoi's directive lines: every one is dropped, the last delimiters given win. */
const delimitersOf = (text: string): { text: string; left: string; right: string } => {
  let left = '{{';
  let right = '}}';
  const rest = text.replace(DIRECTIVE, (_line, attrs: string) => {
    const attr = (k: string): string | undefined => new RegExp(`${k}=("(?:[^"\\\\]|\\\\.)*"|\\S+)`).exec(attrs)?.[1]?.replace(/^"(.*)"$/, '$1');
    left = attr('left-delimiter') ?? left;
    right = attr('right-delimiter') ?? right;
    return '';
  });
  return { text: rest, left, right };
};

type Token = { kind: 'text'; text: string } | { kind: 'action'; body: string };

const tokenize = (text: string, left: string, right: string): Token[] => {
  const out: Token[] = [];
  let i = 0;
  let trimNext = false;
  while (i <= text.length) {
    const open = text.indexOf(left, i);
    let chunk = open < 0 ? text.slice(i) : text.slice(i, open);
    if (trimNext) chunk = chunk.replace(/^\s+/, '');
    if (open < 0) {
      out.push({ kind: 'text', text: chunk });
      break;
    }
    const close = text.indexOf(right, open + left.length);
    if (close < 0) throw new TemplateError('unclosed action');
    let body = text.slice(open + left.length, close);
    if (/^-\s/.test(body)) {
      chunk = chunk.replace(/\s+$/, '');
      body = body.slice(1);
    }
    trimNext = /\s-$/.test(body);
    if (trimNext) body = body.slice(0, -1);
    out.push({ kind: 'text', text: chunk }, { kind: 'action', body: body.trim() });
    i = close + right.length;
  }
  return out;
};

/** Builds the node tree; `stop` is the set of keywords that end the current block. */
const parse = (tokens: Token[], pos: { i: number }, stop: readonly string[]): { nodes: Node[]; ended: string } => {
  const nodes: Node[] = [];
  while (pos.i < tokens.length) {
    const t = tokens[pos.i++] as Token;
    if (t.kind === 'text') {
      if (t.text.length > 0) nodes.push({ kind: 'text', text: t.text });
      continue;
    }
    const body = t.body;
    if (body.startsWith('/*')) continue;
    const word = body.split(/\s+/)[0] ?? '';
    if (word === 'end' || word === 'else') {
      if (!stop.includes(word)) throw new TemplateError(`unexpected {{${word}}}`);
      return { nodes, ended: body };
    }
    if (word === 'if') {
      const branches: { cond: string | undefined; body: Node[] }[] = [];
      let cond: string | undefined = body.slice(2).trim();
      for (;;) {
        const block = parse(tokens, pos, ['else', 'end']);
        branches.push({ cond, body: block.nodes });
        if (block.ended === 'end') break;
        const elseIf = /^else\s+if\s+(.*)$/.exec(block.ended);
        if (elseIf === null && cond === undefined) throw new TemplateError('two {{else}}');
        cond = elseIf === null ? undefined : (elseIf[1] ?? '');
      }
      nodes.push({ kind: 'if', branches });
      continue;
    }
    if (['range', 'with', 'define', 'block', 'template'].includes(word)) throw new TemplateError(`the in-memory fake does not model "${word}"`);
    nodes.push({ kind: 'out', expr: body });
  }
  if (stop.length > 0) throw new TemplateError('unexpected EOF: missing {{end}}');
  return { nodes, ended: '' };
};

const words = (expr: string): string[] => expr.match(/"(?:[^"\\]|\\.)*"|`[^`]*`|\S+/g) ?? [];

const operand = (w: string, data: FakeTemplateData): Value => {
  if (w === 'true' || w === 'false') return w === 'true';
  if (w.startsWith('"')) return w.slice(1, -1).replace(/\\(.)/g, '$1');
  if (w.startsWith('`')) return w.slice(1, -1);
  const v = /^\.([A-Za-z0-9_.]+)$/.exec(w);
  if (v === null) throw new TemplateError(`the in-memory fake only models variables, strings and eq/ne/not/and/or, not "${w}"`);
  const value = data[v[1] ?? ''];
  if (value === undefined) throw new TemplateError(`map has no entry for key "${v[1] ?? ''}"`);
  return value;
};

const truthy = (v: Value): boolean => v !== false && v !== '';

const evaluate = (expr: string, data: FakeTemplateData): Value => {
  const [head, ...args] = words(expr);
  if (head === undefined) throw new TemplateError('missing value for command');
  const vals = (): Value[] => args.map((a) => operand(a, data));
  if (head === 'eq') return vals().slice(1).some((v) => v === vals()[0]);
  if (head === 'ne') return vals()[0] !== vals()[1];
  if (head === 'not') return !truthy(vals()[0] ?? '');
  if (head === 'and') return vals().every(truthy);
  if (head === 'or') return vals().some(truthy);
  if (args.length > 0) throw new TemplateError(`the in-memory fake does not model "${expr}"`);
  return operand(head, data);
};

const run = (nodes: readonly Node[], data: FakeTemplateData): string =>
  nodes
    .map((n) => {
      if (n.kind === 'text') return n.text;
      if (n.kind === 'out') return String(evaluate(n.expr, data));
      const taken = n.branches.find((b) => b.cond === undefined || truthy(evaluate(b.cond, data)));
      return taken === undefined ? '' : run(taken.body, data);
    })
    .join('');

/**
 * Renders a template of the subset above, or fails like chezmoi does (`template: NAME: …`).
 * @example renderFakeTemplate('{{ if eq .chezmoi.os "linux" }}l{{ else }}o{{ end }}\n', { 'chezmoi.os': 'linux' }) // ok('l\n')
 */
export const renderFakeTemplate = (template: string, data: FakeTemplateData, name = 'template'): Result<string, SyncError> => {
  try {
    const { text, left, right } = delimitersOf(template);
    return ok(run(parse(tokenize(text, left, right), { i: 0 }, []).nodes, data));
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
    return err(commandFailed(`chezmoi failed: template: ${name}: ${e.message}`));
  }
};
