// Parser for the small Go text/template subset the mini renderer runs: text, printing pipelines,
// variables, if / else if / else, range (with `$i, $v :=`), with, define / template, comments,
// trim markers and chezmoi's delimiter directive. Anything else is a parse error, never a guess.
import { err, ok, type Result } from 'neverthrow';
import { DEFAULT_DELIMITERS, stripDirectives } from './delimiters.js';
import { tokenize, type Token } from './tokenize.js';

/** One operand: a literal, a field chain on dot or a variable, a function name or a sub-pipeline. */
export type Operand =
  | { readonly t: 'lit'; readonly v: unknown }
  | { readonly t: 'field'; readonly root: string; readonly path: readonly string[] }
  | { readonly t: 'fn'; readonly name: string }
  | { readonly t: 'sub'; readonly pipe: Pipe };
export interface Pipe {
  readonly decl: readonly string[];
  readonly assign: boolean;
  readonly cmds: readonly (readonly Operand[])[];
}
export type Node =
  | { readonly t: 'text'; readonly s: string }
  | { readonly t: 'print'; readonly pipe: Pipe }
  | { readonly t: 'if' | 'with'; readonly branches: readonly { readonly pipe: Pipe; readonly body: readonly Node[] }[]; readonly orElse: readonly Node[] }
  | { readonly t: 'range'; readonly pipe: Pipe; readonly body: readonly Node[]; readonly orElse: readonly Node[] }
  | { readonly t: 'template'; readonly name: string; readonly pipe?: Pipe };
export interface Parsed {
  readonly root: readonly Node[];
  readonly defines: ReadonlyMap<string, readonly Node[]>;
}

const LEX = /\s*("(?:[^"\\\n]|\\.)*"|`[^`]*`|:=|[()|,=]|[^\s()|,=]+)/y;

const lex = (body: string): string[] => {
  const out: string[] = [];
  LEX.lastIndex = 0;
  for (let m = LEX.exec(body); m !== null; m = LEX.exec(body)) out.push(m[1] ?? '');
  return out;
};

const operand = (w: string): Result<Operand, string> => {
  if (w.startsWith('"')) return ok({ t: 'lit', v: JSON.parse(w) as string });
  if (w.startsWith('`')) return ok({ t: 'lit', v: w.slice(1, -1) });
  if (/^-?\d+$/.test(w)) return ok({ t: 'lit', v: Number(w) });
  if (w === 'true' || w === 'false') return ok({ t: 'lit', v: w === 'true' });
  if (w === 'nil') return ok({ t: 'lit', v: null });
  const f = /^(\$[A-Za-z0-9_]*|)((?:\.[A-Za-z0-9_]+)*|\.)$/.exec(w);
  if (f !== null && (f[1] !== '' || f[2] !== '')) return ok({ t: 'field', root: f[1] ?? '', path: (f[2] ?? '').split('.').filter((p) => p !== '') });
  if (/^[A-Za-z_]\w*$/.test(w)) return ok({ t: 'fn', name: w });
  return err(`unsupported operand ${w}`);
};

/** Parses a pipeline from lexemes `ws` (consumed up to a closing paren or the end). */
const pipeline = (ws: string[]): Result<Pipe, string> => {
  const decl: string[] = [];
  let assign = false;
  const op = ws.findIndex((w) => w === ':=' || w === '=');
  if (op > 0 && ws.slice(0, op).every((w) => w === ',' || w.startsWith('$'))) {
    decl.push(...ws.splice(0, op).filter((w) => w !== ','));
    assign = ws.shift() === '=';
  }
  const cmds: Operand[][] = [[]];
  while (ws.length > 0 && ws[0] !== ')') {
    const w = ws.shift() ?? '';
    if (w === '|') cmds.push([]);
    else if (w === '(') {
      const sub = pipeline(ws);
      if (sub.isErr()) return sub;
      if (ws.shift() !== ')') return err('unclosed (');
      cmds.at(-1)?.push({ t: 'sub', pipe: sub.value });
    } else {
      const o = operand(w);
      if (o.isErr()) return err(o.error);
      cmds.at(-1)?.push(o.value);
    }
  }
  return cmds.some((c) => c.length === 0) ? err('empty command') : ok({ decl, assign, cmds });
};

const parsePipe = (body: string): Result<Pipe, string> => {
  const ws = lex(body);
  const p = pipeline(ws);
  return p.isOk() && ws.length > 0 ? err(`unexpected ${ws[0] ?? ''}`) : p;
};

type Frame = { kind: 'if' | 'with' | 'range'; pipe: Pipe; branches: { pipe: Pipe; body: Node[] }[]; orElse?: Node[] } | { kind: 'define'; name: string };

/**
 * Parses a template (directive lines included).
 * @example parseMini('{{ if .x }}a{{ end }}').isOk() // true
 */
export const parseMini = (template: string): Result<Parsed, string> => {
  const s = stripDirectives(template, DEFAULT_DELIMITERS);
  if (s === undefined) return err('bad directive');
  const toks = tokenize(s.text, s.delimiters);
  if (toks.isErr()) return err(toks.error);
  const defines = new Map<string, Node[]>();
  const bodies: Node[][] = [[]];
  const frames: Frame[] = [];
  const emit = (n: Node): void => void bodies.at(-1)?.push(n);
  for (const tok of toks.value as readonly Token[]) {
    if (tok.kind === 'text') {
      if (tok.effEnd > tok.effStart) emit({ t: 'text', s: s.text.slice(tok.effStart, tok.effEnd) });
      continue;
    }
    const rest = tok.body.trim().replace(/^[a-z]+\b\s*/, '');
    const top = frames.at(-1);
    switch (tok.keyword) {
      case 'comment':
        break;
      case 'if':
      case 'with':
      case 'range': {
        const p = parsePipe(rest);
        if (p.isErr()) return err(p.error);
        frames.push({ kind: tok.keyword, pipe: p.value, branches: [{ pipe: p.value, body: [] }] });
        bodies.push((frames.at(-1) as { branches: { body: Node[] }[] }).branches[0]?.body ?? []);
        break;
      }
      case 'else': {
        if (top === undefined || top.kind === 'define' || top.orElse !== undefined) return err('unexpected else');
        bodies.pop();
        const chained = /^(if|with)\b\s*(.*)$/s.exec(rest);
        if (chained !== null && top.kind !== 'range') {
          const p = parsePipe(chained[2] ?? '');
          if (p.isErr()) return err(p.error);
          const body: Node[] = [];
          top.branches.push({ pipe: p.value, body });
          bodies.push(body);
        } else {
          top.orElse = [];
          bodies.push(top.orElse);
        }
        break;
      }
      case 'end': {
        if (top === undefined) return err('unexpected end');
        frames.pop();
        const body = bodies.pop() ?? [];
        if (top.kind === 'define') defines.set(top.name, body);
        else if (top.kind === 'range') emit({ t: 'range', pipe: top.pipe, body: top.branches[0]?.body ?? [], orElse: top.orElse ?? [] });
        else emit({ t: top.kind, branches: top.branches, orElse: top.orElse ?? [] });
        break;
      }
      case 'define':
      case 'template': {
        const m = /^("(?:[^"\\]|\\.)*"|`[^`]*`)\s*(.*)$/s.exec(rest);
        if (m === null) return err(`${tok.keyword} needs a name`);
        const name = (m[1] ?? '').startsWith('`') ? (m[1] ?? '').slice(1, -1) : (JSON.parse(m[1] ?? '""') as string);
        if (tok.keyword === 'define') {
          frames.push({ kind: 'define', name });
          bodies.push([]);
          break;
        }
        if ((m[2] ?? '').trim() === '') {
          emit({ t: 'template', name });
          break;
        }
        const p = parsePipe(m[2] ?? '');
        if (p.isErr()) return err(p.error);
        emit({ t: 'template', name, pipe: p.value });
        break;
      }
      case '': {
        const p = parsePipe(tok.body);
        if (p.isErr()) return err(p.error);
        emit({ t: 'print', pipe: p.value });
        break;
      }
      default:
        return err(`unsupported action ${tok.keyword}`);
    }
  }
  return frames.length > 0 ? err('unclosed block') : ok({ root: bodies[0] ?? [], defines });
};
