// Maps each changed hunk of the rendering back to the template's literal text. Within a hunk the
// common prefix and suffix are kept, so only the characters that really changed must come from
// literal text printed exactly once; anything touching action output is refused with its reason.
import { err, ok, type Result } from 'neverthrow';
import type { Attributed, Instrumented } from './instrument.js';
import { diffLines, lines, type Hunk } from './line-diff.js';
import { actionSource } from './tokenize.js';

/** Replace [start, end) of the stripped template with `text` (literal; escaped later). */
export interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Why an edit stays local: the output line (1-based) and a sentence naming the cause. */
export interface Refusal {
  readonly line?: number;
  readonly message: string;
}

/** What the mapper knows about one rendering. */
export interface Rendering {
  readonly template: string;
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
    if (o.kind === 'act') {
      const a = this.r.inst.actions[o.action];
      return { line, message: a === undefined ? `line ${line} comes from an action` : `line ${line} comes from \`${actionSource(this.r.template, a)}\`` };
    }
    const n = counts[o.piece] ?? 0;
    if (this.r.inst.pieces[o.piece]?.repeated === true) return { line, message: `line ${line} comes from a \`range\`, \`define\` or \`block\` body (printed ${n} time${n === 1 ? '' : 's'})` };
    return { line, message: `line ${line} comes from template text printed ${n} times` };
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

  private insertion(p: number, s: string): Result<Edit[], Refusal> {
    const out = this.r.attr.output;
    const at = (pos: number): Result<Edit[], Refusal> => ok([{ start: pos, end: pos, text: s }]);
    const left = p > 0 ? this.src(p - 1) : undefined;
    const right = p < out.length ? this.src(p) : undefined;
    const lineStart = p === 0 || out[p - 1] === '\n';
    if (lineStart && s.endsWith('\n')) {
      // A whole new line goes after the line above it, or else before the line below it.
      if (left !== undefined) return at(left + 1);
      if (right !== undefined) return at(right);
      return err(p > 0 ? this.refuse(p - 1) : p < out.length ? this.refuse(p) : { message: 'the template prints nothing to attach the new text to' });
    }
    if (p > 0 && this.isAction(p - 1)) return err(this.refuse(p - 1));
    if (p < out.length && this.isAction(p)) return err(this.refuse(p));
    if (left !== undefined && (out[p - 1] !== '\n' || right === undefined)) return at(left + 1);
    if (right !== undefined) return at(right);
    return err(p > 0 ? this.refuse(p - 1) : p < out.length ? this.refuse(p) : { message: 'the template prints nothing to attach the new text to' });
  }

  /** One hunk: as a whole, or line by line when it replaces as many lines as it had. */
  hunk(h: Hunk, ro: readonly number[], hl: readonly string[], rl: readonly string[]): Result<Edit[], Refusal> {
    const whole = this.span(ro[h.a0] ?? 0, rl.slice(h.a0, h.a1).join(''), hl.slice(h.b0, h.b1).join(''));
    if (whole.isOk() || h.a1 - h.a0 !== h.b1 - h.b0 || h.a1 - h.a0 < 2) return whole;
    const edits: Edit[] = [];
    for (let k = 0; k < h.a1 - h.a0; k++) {
      const one = this.span(ro[h.a0 + k] ?? 0, rl[h.a0 + k] ?? '', hl[h.b0 + k] ?? '');
      if (one.isErr()) return one;
      edits.push(...one.value);
    }
    return ok(edits);
  }

  private span(offset: number, before: string, after: string): Result<Edit[], Refusal> {
    const pre = commonPrefix(before, after);
    const suf = commonSuffix(before, after, Math.min(before.length, after.length) - pre);
    return this.region(offset + pre, offset + before.length - suf, after.slice(pre, after.length - suf));
  }
}

/**
 * The edits of the stripped template that turn its rendering into `home`, or why there are none.
 * @example mapHunks(rendering, 'a\nB\n') // ok([{ start: 2, end: 3, text: 'B' }])
 */
export const mapHunks = (r: Rendering, home: string): Result<Edit[], Refusal> => {
  const rl = lines(r.attr.output);
  const hl = lines(home);
  const ro: number[] = [0];
  for (const l of rl) ro.push((ro.at(-1) ?? 0) + l.length);
  const m = new Mapper(r);
  const edits: Edit[] = [];
  for (const h of diffLines(rl, hl)) {
    const e = m.hunk(h, ro, hl, rl);
    if (e.isErr()) return err(e.error);
    edits.push(...e.value);
  }
  return ok(edits);
};
