// Applies mapped edits to the template text, escaping delimiters so new text prints literally,
// and checks that the patch left every action, directive and delimiter exactly as it was.
import { err, ok, type Result } from 'neverthrow';
import { hasDirective, stripDirectives, toOriginal, type Delimiters, type Stripped } from './delimiters.js';
import type { Edit, Refusal } from './map-hunks.js';
import { tokenize } from './tokenize.js';

/** The action that prints the left delimiter itself: `{{ "{{" }}`. */
export const escapeAction = (d: Delimiters): string => {
  const quoted = d.left.includes('`') ? JSON.stringify(d.left) : `\`${d.left}\``;
  return `${d.left} ${quoted} ${d.right}`;
};

/**
 * Literal text as template source: each left delimiter becomes an action printing it. `undefined`
 * for text chezmoi would treat as a directive (it would drop the line).
 * @example escapeText('a {{ b', DEFAULT_DELIMITERS) // 'a {{ `{{` }} b'
 */
export const escapeText = (text: string, d: Delimiters): string | undefined =>
  hasDirective(text) ? undefined : text.split(d.left).join(escapeAction(d));

/** Applies `edits` (offsets in the stripped text) to the original template. */
export const applyEdits = (template: string, s: Stripped, edits: readonly Edit[]): Result<string, Refusal> => {
  const placed: Edit[] = [];
  for (const e of edits) {
    const text = escapeText(e.text, s.delimiters);
    if (text === undefined) return err({ message: 'the new text holds a `chezmoi:template:` directive' });
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
  const s = stripDirectives(template, defaults);
  const escape = s === undefined ? '' : escapeAction(s.delimiters);
  let i = 0;
  for (const act of b.actions) {
    if (act === a.actions[i]) i++;
    else if (act !== escape) return false;
  }
  return i === a.actions.length;
};
