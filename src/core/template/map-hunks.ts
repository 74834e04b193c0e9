// Maps each changed hunk of the rendering back to the template's literal text. Within a hunk the
// common prefix and suffix are kept, so only the characters that really changed must come from
// literal text printed exactly once; anything touching action output is refused with its reason.
import { err, ok, type Result } from 'neverthrow';
import type { Attributed, Instrumented } from './instrument.js';
import { diffLines, lines, type Hunk } from './line-diff.js';
import { toOriginal, type Stripped } from './delimiters.js';
import { actionSource } from './tokenize.js';

/** Replace [start, end) of the stripped template with `text` (literal; escaped later). */
export interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * Why an edit stays local: the line of the rendering (1-based), the template line it comes from
 * (1-based, in the template as written) when known, and a sentence naming the cause.
 */
export interface Refusal {
  readonly line?: number;
  readonly templateLine?: number;
  readonly message: string;
}

/** What the mapper knows about one rendering. */
export interface Rendering {
  /** The template as written. */
  readonly template: string;
  readonly stripped: Stripped;
  readonly inst: Instrumented;
  readonly attr: Attributed;
}

const lineOf = (out: string, i: number): number => out.slice(0, i).split('\n').length;

const commonPrefix = (a: string, b: string): number => {
  let k = 0;
  while (k < a.length && k < b.length && a[k] === b[k]) k++;
  return k;
};

const commonSuffix = (a: string, b: string, max: number): number => {
  let k = 0;
  while (k < max && a[a.length - 1 - k] === b[b.length - 1 - k]) k++;
  return k;
};

class Mapper {
  constructor(private readonly r: Rendering) {}

  /** The template offset of output character `i` when it may be edited, else undefined. */
  src(i: number): number | undefined {
    const o = this.r.attr.origins[i];
    if (o?.kind !== 'lit') return undefined;
    const piece = this.r.inst.pieces[o.piece];
    if (piece === undefined || piece.repeated || this.r.attr.counts[o.piece] !== 1) return undefined;
    return piece.start + o.offset;
  }

  isAction(i: number): boolean {
    return this.r.attr.origins[i]?.kind === 'act';
  }

  refuse(i: number): Refusal {
    const { output, origins, counts } = this.r.attr;
    const line = lineOf(output, Math.min(i, output.length));
    const o = origins[i];
    if (o === undefined) return { line, message: `line ${line} cannot be placed in the template` };
    const s = this.r.stripped;
    const templateLine = (at: number): number => lineOf(this.r.template, toOriginal(s, at));
    if (o.kind === 'act') {
      const a = this.r.inst.actions[o.action];
      if (a === undefined) return { line, message: `line ${line} comes from an action` };
      return { line, templateLine: templateLine(a.start), message: `line ${line} comes from \`${actionSource(s.text, a)}\`` };
    }
    const n = counts[o.piece] ?? 0;
    const at = templateLine(this.r.inst.pieces[o.piece]?.start ?? 0);
    if (this.r.inst.pieces[o.piece]?.repeated === true) return { line, templateLine: at, message: `line ${line} comes from a \`range\`, \`define\` or \`block\` body (printed ${n} time${n === 1 ? '' : 's'})` };
    return { line, templateLine: at, message: `line ${line} comes from template text printed ${n} times` };
  }

  /** Replace output [p, q) with `s`. */
  region(p: number, q: number, s: string): Result<Edit[], Refusal> {
    const out = this.r.attr.output;
    if (p === q) return this.insertion(p, s);
    const runs: { start: number; end: number }[] = [];
    for (let i = p; i < q; i++) {
      const at = this.src(i);
      if (at === undefined) return err(this.refuse(i));
      const last = runs.at(-1);
      if (last !== undefined && last.end === at) last.end = at + 1;
      else runs.push({ start: at, end: at + 1 });
    }
    const [first] = runs;
    if (runs.length === 1 && first !== undefined) return ok([{ ...first, text: s }]);
    if (s === '') return ok(runs.map((run) => ({ ...run, text: '' })));
    return err({ line: lineOf(out, p), message: `the edit at line ${lineOf(out, p)} spans literal text from several places in the template` });
  }

  /** Why nothing next to output position `p` can take new text. */
  private nowhere(p: number): Refusal {
    const out = this.r.attr.output;
    if (p > 0) return this.refuse(p - 1);
    return p < out.length ? this.refuse(p) : { message: 'the template prints nothing to attach the new text to' };
  }

  private insertion(p: number, s: string): Result<Edit[], Refusal> {
    const out = this.r.attr.output;
    const at = (pos: number): Result<Edit[], Refusal> => ok([{ start: pos, end: pos, text: s }]);
    const left = p > 0 ? this.src(p - 1) : undefined;
    const right = p < out.length ? this.src(p) : undefined;
    const lineStart = p === 0 || out[p - 1] === '\n';
    if (lineStart && s.endsWith('\n')) {
      // A whole new line goes with the line above it, or else before the line below it. When that
      // line's newline was printed from elsewhere (`{{- end }}` style), the new line follows its text.
      const content = p > 1 && out[p - 2] !== '\n' ? this.src(p - 2) : undefined;
      if (left !== undefined && content !== undefined && content + 1 !== left) return ok([{ start: content + 1, end: content + 1, text: `\n${s.slice(0, -1)}` }]);
      if (left !== undefined) return at(left + 1);
      if (right !== undefined) return at(right);
      return err(this.nowhere(p));
    }
    if (p > 0 && this.isAction(p - 1)) return err(this.refuse(p - 1));
    if (p < out.length && this.isAction(p)) return err(this.refuse(p));
    if (left !== undefined && (out[p - 1] !== '\n' || right === undefined)) return at(left + 1);
    if (right !== undefined) return at(right);
    return err(this.nowhere(p));
  }

  /** One hunk's candidate edits: as a whole, or line by line when it replaces as many lines as it had. */
  hunk(h: Hunk, ro: readonly number[], hl: readonly string[], rl: readonly string[]): Result<Edit[][], Refusal> {
    // A few characters of context before the hunk let the change slide over them.
    const at = ro[h.a0] ?? 0;
    const ctx = this.r.attr.output.slice(Math.max(0, at - SLIDES), at);
    const whole = this.span(at - ctx.length, ctx + rl.slice(h.a0, h.a1).join(''), ctx + hl.slice(h.b0, h.b1).join(''));
    if (whole.isOk() || h.a1 - h.a0 !== h.b1 - h.b0 || h.a1 - h.a0 < 2) return whole;
    const edits: Edit[] = [];
    for (let k = 0; k < h.a1 - h.a0; k++) {
      const one = this.span(ro[h.a0 + k] ?? 0, rl[h.a0 + k] ?? '', hl[h.b0 + k] ?? '');
      if (one.isErr()) return one;
      edits.push(...(one.value[0] ?? []));
    }
    return ok([edits]);
  }

  /**
   * The ways to place `before → after` (at `offset`): the changed middle can slide over text the
   * two share (deleting "b\n" from "a\nb\n" is also deleting "\nb"); trim markers make some fit.
   */
  private span(offset: number, before: string, after: string): Result<Edit[][], Refusal> {
    const min = Math.min(before.length, after.length);
    const pre = commonPrefix(before, after);
    const sufMax = commonSuffix(before, after, min);
    const found: Edit[][] = [];
    let first: Refusal | undefined;
    for (let a = pre; a >= Math.max(0, pre - SLIDES); a--) {
      const b = Math.min(sufMax, min - a);
      if (a + b < Math.min(min, pre + Math.min(sufMax, min - pre))) break;
      const r = this.region(offset + a, offset + before.length - b, after.slice(a, after.length - b));
      if (r.isOk()) found.push(r.value);
      else first ??= r.error;
    }
    return found.length > 0 ? ok(found) : err(first ?? { message: 'the edit cannot be placed' });
  }
}

// How far a changed middle may slide left over shared text, each a candidate patch.
const SLIDES = 3;

/** Up to this many whole-patch candidates are offered (each costs one render to check). */
export const MAX_VARIANTS = 4;

/**
 * Candidate edit lists of the stripped template that turn its rendering into `home` (best first;
 * the caller keeps the first whose rendering checks out), or why there are none.
 * @example mapHunks(rendering, 'a\nB\n') // ok([[{ start: 2, end: 3, text: 'B' }]])
 */
export const mapHunks = (r: Rendering, home: string): Result<Edit[][], Refusal> => {
  const rl = lines(r.attr.output);
  const hl = lines(home);
  const ro: number[] = [0];
  for (const l of rl) ro.push((ro.at(-1) ?? 0) + l.length);
  const m = new Mapper(r);
  const perHunk: Edit[][][] = [];
  for (const h of diffLines(rl, hl)) {
    const e = m.hunk(h, ro, hl, rl);
    if (e.isErr()) return err(e.error);
    perHunk.push(e.value);
  }
  const n = Math.min(MAX_VARIANTS, Math.max(1, ...perHunk.map((c) => c.length)));
  return ok(Array.from({ length: n }, (_, k) => perHunk.flatMap((c) => c[Math.min(k, c.length - 1)] ?? [])));
};
