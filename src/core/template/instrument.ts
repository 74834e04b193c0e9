// The instrumented copy of a template: every piece of literal text (one source line's worth) and
// every printing action is wrapped in invisible markers, so its rendering on this host tells, for
// each output character, which literal piece (and which character of it) or which action produced
// it — including which `if` branch rendered and how often a `range` body ran.
import type { Delimiters, Stripped } from './delimiters.js';
import type { ActionToken, Token } from './tokenize.js';

// Unicode noncharacters, reserved for a program's internal use (not the private-use area, where
// Nerd Font glyphs live); the mapper refuses files that hold them.
const PIECE = '\uFDD0';
const ACTION = '\uFDD3';
const ID_END = '\uFDD1';
const CLOSE = '\uFDD2';
/** Matches any marker character. */
export const MARKER_CHARS = /[\uFDD0-\uFDD3]/;

/** One run of literal template text on one source line, as chezmoi prints it (after trimming). */
export interface Piece {
  /** Offsets in the stripped template. */
  readonly start: number;
  readonly end: number;
  /** Inside a `range`/`define`/`block` body. */
  readonly repeated: boolean;
}

/** Where one output character came from. `action: -1` when no marker claims it. */
export type Origin = { readonly kind: 'lit'; readonly piece: number; readonly offset: number } | { readonly kind: 'act'; readonly action: number };

export interface Instrumented {
  /** The template to render in place of the real one. */
  readonly text: string;
  readonly pieces: readonly Piece[];
  /** The printing actions, indexed by the ids in the markers. */
  readonly actions: readonly ActionToken[];
}

const PRINTS = new Set(['', 'template']);

/**
 * Builds the instrumented copy. Trim markers are applied here (the literal text is emitted already
 * trimmed, the actions without their `-`), so markers never stop a trim.
 * @example instrument(stripped, tokens).text // '\uFDD00\uFDD1a\n\uFDD2…'
 */
export const instrument = (s: Stripped, tokens: readonly Token[]): Instrumented => {
  const d: Delimiters = s.delimiters;
  const pieces: Piece[] = [];
  const actions: ActionToken[] = [];
  let out = s.directives.map((l) => (l.endsWith('\n') ? l : `${l}\n`)).join('');
  for (const tok of tokens) {
    if (tok.kind === 'text') {
      let start = tok.effStart;
      while (start < tok.effEnd) {
        const nl = s.text.indexOf('\n', start);
        const end = nl < 0 || nl >= tok.effEnd ? tok.effEnd : nl + 1;
        out += `${PIECE}${pieces.length}${ID_END}${s.text.slice(start, end)}${CLOSE}`;
        pieces.push({ start, end, repeated: tok.repeated });
        start = end;
      }
      continue;
    }
    const inner = tok.keyword === 'comment' ? tok.body : ` ${tok.body.trim()} `;
    const src = `${d.left}${inner}${d.right}`;
    if (PRINTS.has(tok.keyword)) {
      out += `${ACTION}${actions.length}${ID_END}${src}${CLOSE}`;
      actions.push(tok);
    } else out += src;
  }
  return { text: out, pieces, actions };
};

/** The rendering of an instrumented template, read back. */
export interface Attributed {
  /** The rendering without markers: must equal the plain rendering. */
  readonly output: string;
  readonly origins: readonly Origin[];
  /** How many times each piece was printed. */
  readonly counts: readonly number[];
}

type Frame = { kind: 'lit'; piece: number; offset: number } | { kind: 'act'; action: number };

/**
 * Reads an instrumented rendering back into plain output plus the origin of each character;
 * `undefined` when the markers do not nest properly (the caller then refuses).
 */
export const attribute = (rendered: string, pieceCount: number): Attributed | undefined => {
  const stack: Frame[] = [];
  const origins: Origin[] = [];
  const counts = new Array<number>(pieceCount).fill(0);
  let output = '';
  for (let i = 0; i < rendered.length; i++) {
    const c = rendered[i] ?? '';
    if (c === PIECE || c === ACTION) {
      const idEnd = rendered.indexOf(ID_END, i);
      const digits = idEnd < 0 ? '' : rendered.slice(i + 1, idEnd);
      if (!/^\d+$/.test(digits)) return undefined;
      const id = Number(digits);
      if (c === PIECE) {
        if (id >= pieceCount) return undefined;
        counts[id] = (counts[id] ?? 0) + 1;
        stack.push({ kind: 'lit', piece: id, offset: 0 });
      } else stack.push({ kind: 'act', action: id });
      i = idEnd;
    } else if (c === CLOSE) {
      if (stack.pop() === undefined) return undefined;
    } else if (c === ID_END) return undefined;
    else {
      const top = stack.at(-1);
      if (top?.kind === 'lit') origins.push({ kind: 'lit', piece: top.piece, offset: top.offset++ });
      else origins.push({ kind: 'act', action: top?.kind === 'act' ? top.action : -1 });
      output += c;
    }
  }
  return stack.length === 0 ? { output, origins, counts } : undefined;
};
