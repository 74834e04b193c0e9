// Applies mapped edits to the template text, escaping delimiters so new text prints literally,
// and checks that the patch left every action, directive and delimiter exactly as it was.
import { err, ok, type Result } from 'neverthrow';
import { hasDirective, stripDirectives, toOriginal, type Delimiters, type Stripped } from './delimiters.js';
import type { Edit, Refusal } from './map-hunks.js';
import { MARKER_CHARS } from './instrument.js';
import { tokenize, type Token } from './tokenize.js';

/** An action printing `text` as it is: `{{ "\n" }}`. */
const printAction = (d: Delimiters, text: string): string => `${d.left} ${JSON.stringify(text)} ${d.right}`;

/** The action that prints the left delimiter itself: `{{ "{{" }}`. */
export const escapeAction = (d: Delimiters): string => printAction(d, d.left);

/** True for an action a patch may add: one printing the left delimiter or only whitespace. */
export const isEscapeAction = (action: string, d: Delimiters): boolean => {
  if (!action.startsWith(`${d.left} `) || !action.endsWith(` ${d.right}`)) return false;
  try {
    const v: unknown = JSON.parse(action.slice(d.left.length + 1, action.length - d.right.length - 1));
    return typeof v === 'string' && (v === d.left || /^[ \t\r\n]+$/.test(v));
  } catch {
    return false;
  }
};

/**
 * Literal text as template source: each left delimiter becomes an action printing it. `undefined`
 * for text chezmoi would treat as a directive (it would drop the line).
 * @example escapeText('a {{ b', DEFAULT_DELIMITERS) // 'a {{ "{{" }} b'
 */
export const escapeText = (text: string, d: Delimiters): string | undefined =>
  hasDirective(text) || MARKER_CHARS.test(text) ? undefined : text.split(d.left).join(escapeAction(d));

const SPACE_RUN = /^[ \t\r\n]*$/;

/**
 * New text whose leading or trailing whitespace would touch a trim marker (`-}}` before it,
 * `{{-` after it, only whitespace between) prints that whitespace through an action instead.
 */
const guardTrims = (s: Stripped, tokens: readonly Token[], e: Edit, text: string): string => {
  const n = tokens.findIndex((t) => t.kind === 'text' && t.start <= e.start && e.end <= t.end);
  const tok = tokens[n];
  if (tok === undefined) return text;
  const prev = tokens[n - 1];
  const next = tokens[n + 1];
  const [, lead = '', middle = '', trail = ''] = /^([ \t\r\n]*)(.*?)([ \t\r\n]*)$/s.exec(text) ?? [];
  const trimsLead = prev?.kind === 'action' && prev.trimRight && SPACE_RUN.test(s.text.slice(tok.start, e.start));
  const trimsTrail = next?.kind === 'action' && next.trimLeft && SPACE_RUN.test(s.text.slice(e.end, tok.end));
  if (middle === '' && (trimsLead || trimsTrail)) return text === '' ? '' : printAction(s.delimiters, text);
  const head = trimsLead && lead !== '' ? printAction(s.delimiters, lead) : lead;
  const tail = trimsTrail && trail !== '' ? printAction(s.delimiters, trail) : trail;
  return head + middle + tail;
};

/** Applies `edits` (offsets in the stripped text) to the original template. */
export const applyEdits = (template: string, s: Stripped, edits: readonly Edit[]): Result<string, Refusal> => {
  const tokens = tokenize(s.text, s.delimiters).unwrapOr([]);
  const placed: Edit[] = [];
  for (const e of edits) {
    const escaped = escapeText(e.text, s.delimiters);
    if (escaped === undefined) return err({ message: 'the new text holds a `chezmoi:template:` directive' });
    const text = guardTrims(s, tokens, e, escaped);
    const start = toOriginal(s, e.start, 'after');
    const end = e.start === e.end ? start : toOriginal(s, e.end, 'before');
    if (end - start !== e.end - e.start) return err({ message: 'the edit would cross a `chezmoi:template:` directive line' });
    placed.push({ start, end, text });
  }
  const sorted = placed.map((e, n) => ({ e, n })).sort((x, y) => x.e.start - y.e.start || x.n - y.n);
  let out = '';
  let pos = 0;
  for (const { e } of sorted) {
    if (e.start < pos) return err({ message: 'two edits overlap in the template' });
    out += template.slice(pos, e.start) + e.text;
    pos = e.end;
  }
  return ok(out + template.slice(pos));
};

const actionsOf = (template: string, defaults: Delimiters): { dirs: string; actions: string[] } | undefined => {
  const s = stripDirectives(template, defaults);
  if (s === undefined) return undefined;
  const toks = tokenize(s.text, s.delimiters);
  if (toks.isErr()) return undefined;
  const actions = toks.value.flatMap((t) => (t.kind === 'action' ? [s.text.slice(t.start, t.end)] : []));
  return { dirs: JSON.stringify([s.directives, s.delimiters]), actions };
};

/**
 * True when `patched` has the same directives, delimiters and actions as `template`, in the same
 * order, apart from added escape actions.
 */
export const sameActions = (template: string, patched: string, defaults: Delimiters): boolean => {
  const a = actionsOf(template, defaults);
  const b = actionsOf(patched, defaults);
  if (a === undefined || b === undefined || a.dirs !== b.dirs) return false;
  const d = stripDirectives(template, defaults)?.delimiters;
  let i = 0;
  for (const act of b.actions) {
    if (act === a.actions[i]) i++;
    else if (d === undefined || !isEscapeAction(act, d)) return false;
  }
  return i === a.actions.length;
};
