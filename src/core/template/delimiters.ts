// chezmoi's per-file template directives, as chezmoi 2.73 applies them. From chezmoi's reference
// (reference/templates/directives): a line containing `chezmoi:template:left-delimiter=$LEFT
// right-delimiter=$RIGHT` sets the delimiters; `$VALUE` is quoted when it holds spaces or `"`; an
// omitted or empty value means the default (`{{` / `}}`); later directives override earlier ones;
// every line holding a directive is REMOVED before the template is parsed (so it never reaches the
// output); the delimiters are not inherited by templates the file includes. Checked against the real
// chezmoi: the directive may sit anywhere on any line (e.g. `# chezmoi:template:…`), the whole line
// and its newline go.

/** A template's delimiters. @example { left: '[[', right: ']]' } */
export interface Delimiters {
  readonly left: string;
  readonly right: string;
}

export const DEFAULT_DELIMITERS: Delimiters = { left: '{{', right: '}}' };

/** A template with its directive lines taken out, and where they were. */
export interface Stripped {
  /** The text chezmoi parses: the template minus its directive lines. */
  readonly text: string;
  readonly delimiters: Delimiters;
  /** The directive lines, verbatim (with their newline), in order. */
  readonly directives: readonly string[];
  /** For each removed line: its offset in `text` (where it was) and its length. */
  readonly removed: readonly { readonly at: number; readonly length: number }[];
}

const DIRECTIVE_LINE = /^.*?chezmoi:template:(.*)$(?:\r?\n)?/gm;
const KEY_VALUE = /\s*(\S+?)=("(?:[^"\\]|\\.)*"|\S*)/g;

const unquote = (v: string): string | undefined => {
  if (!v.startsWith('"')) return v;
  try {
    const s: unknown = JSON.parse(v);
    return typeof s === 'string' ? s : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Removes chezmoi's directive lines and reads the delimiters they set. `undefined` when a
 * delimiter value cannot be read (the caller refuses such a template rather than guessing).
 * @example stripDirectives('# chezmoi:template:left-delimiter=[[ right-delimiter=]]\n[[ .x ]]\n').text // '[[ .x ]]\n'
 */
export const stripDirectives = (template: string, defaults: Delimiters = DEFAULT_DELIMITERS): Stripped | undefined => {
  let left = defaults.left;
  let right = defaults.right;
  const directives: string[] = [];
  const removed: { at: number; length: number }[] = [];
  let text = '';
  let last = 0;
  let bad = false;
  for (const m of template.matchAll(DIRECTIVE_LINE)) {
    if (m[0].length === 0) continue;
    text += template.slice(last, m.index);
    removed.push({ at: text.length, length: m[0].length });
    directives.push(m[0]);
    last = m.index + m[0].length;
    for (const kv of (m[1] ?? '').matchAll(KEY_VALUE)) {
      const value = unquote(kv[2] ?? '');
      if (value === undefined) bad = true;
      else if (kv[1] === 'left-delimiter') left = value === '' ? DEFAULT_DELIMITERS.left : value;
      else if (kv[1] === 'right-delimiter') right = value === '' ? DEFAULT_DELIMITERS.right : value;
    }
  }
  text += template.slice(last);
  return bad ? undefined : { text, delimiters: { left, right }, directives, removed };
};

/** True when `text` holds a directive chezmoi would act on (and so remove the line). */
export const hasDirective = (text: string): boolean => text.includes('chezmoi:template:');

/**
 * Maps an offset in the stripped text back to the original template. An offset exactly where a
 * directive line was maps to just after that line, or just before it for the end of a range.
 */
export const toOriginal = (s: Stripped, offset: number, side: 'after' | 'before' = 'after'): number =>
  offset + s.removed.filter((r) => (side === 'after' ? r.at <= offset : r.at < offset)).reduce((n, r) => n + r.length, 0);
