/**
 * The template-edit mapper: turns a HOME edit of a chezmoi template's target into the same edit of
 * the template's literal text, or says why it cannot (which line, which action). Pure: the only
 * outside call is the injected `render`, which renders a template text on this host exactly as
 * chezmoi would (`chezmoi execute-template` in the real adapter, with the host's data and its
 * `.chezmoitemplates`). A patch is returned only after `render(patched)` equalled `home` byte for
 * byte and every action, directive and delimiter of the template was left as it was.
 *
 * What is mapped: changed characters that chezmoi printed from literal template text, printed
 * exactly once, outside `range` / `define` / `block` bodies (an instrumented copy of the template
 * is rendered to learn, per output character, which literal piece or action printed it, so the
 * same line in two `if` branches is told apart by which one rendered); new lines go after the
 * line above them; new text holding the left delimiter gets `{{ "{{" }}`, new whitespace that a
 * neighbouring trim marker would eat gets `{{ "\n" }}`. What is refused, naming the line: a change
 * touching text an action printed (a value, an included template), a changed line-ending style,
 * an edit spanning literal text from several template places, new text with a
 * `chezmoi:template:` directive, and anything whose re-rendering is not HOME exactly.
 *
 * @example
 * const r = await mapTemplateEdit({
 *   template: 'name = {{ .name }}\ncolor = blue\n',
 *   rendered: 'name = ann\ncolor = blue\n',
 *   home: 'name = ann\ncolor = red\n',
 *   render: (text) => chezmoi.executeTemplate(text),
 * });
 * // r.value: { kind: 'patched', patched: 'name = {{ .name }}\ncolor = red\n' }
 * // with home 'name = bob\n…': { kind: 'refused', reason: { line: 1, message: 'line 1 comes from `{{ .name }}`' } }
 */
import { okAsync, ResultAsync } from 'neverthrow';
import { DEFAULT_DELIMITERS, stripDirectives, type Delimiters } from './delimiters.js';
import { attribute, instrument, MARKER_CHARS } from './instrument.js';
import { mapHunks, type Refusal } from './map-hunks.js';
import { applyEdits, sameActions } from './patch.js';
import { tokenize } from './tokenize.js';

export { DEFAULT_DELIMITERS, stripDirectives, type Delimiters } from './delimiters.js';
export type { Refusal } from './map-hunks.js';

/** Renders a template text on this host (errors become refusals; the mapper itself never fails). */
export type RenderTemplate<E> = (text: string) => ResultAsync<string, E>;

export interface TemplateEdit<E> {
  /** The template source, as in the source state (directive lines included). */
  readonly template: string;
  /** Its rendering on this host: what chezmoi last wrote to the target. */
  readonly rendered: string;
  /** The target as edited in HOME. */
  readonly home: string;
  readonly render: RenderTemplate<E>;
  /** Delimiters when the template has no directive (the ones `render` uses too); chezmoi's `{{`/`}}` by default. */
  readonly delimiters?: Delimiters;
}

/** The outcome: the new template text, nothing to do, or why the edit stays local. */
export type TemplateMapping<E> =
  | { readonly kind: 'patched'; readonly patched: string }
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'refused'; readonly reason: Refusal; readonly cause?: E };

const endings = (text: string): Set<string> => new Set([...text.matchAll(/\r?\n/g)].map((m) => m[0]));

const refused = <E>(message: string, line?: number | Refusal, cause?: E): TemplateMapping<E> => ({
  kind: 'refused',
  reason: typeof line === 'object' ? line : line === undefined ? { message } : { line, message },
  ...(cause === undefined ? {} : { cause }),
});

/** Checks that need no rendering; a refusal message, or undefined. */
const precheck = (e: TemplateEdit<unknown>): string | undefined => {
  if ([e.template, e.rendered, e.home].some((t) => MARKER_CHARS.test(t))) return 'the file holds the Unicode noncharacters U+FDD0–U+FDD3 the mapper uses as markers';
  const before = endings(e.rendered);
  if (before.size > 0 && [...endings(e.home)].some((x) => !before.has(x))) return 'the line endings changed (CRLF / LF)';
  return undefined;
};

/**
 * Maps the edit `rendered → home` onto `template`.
 * @example mapTemplateEdit({ template, rendered, home, render }).map((m) => m.kind) // 'patched' | 'unchanged' | 'refused'
 */
export const mapTemplateEdit = <E>(e: TemplateEdit<E>): ResultAsync<TemplateMapping<E>, never> => {
  if (e.home === e.rendered) return okAsync({ kind: 'unchanged' });
  const pre = precheck(e);
  if (pre !== undefined) return okAsync(refused(pre));
  const defaults = e.delimiters ?? DEFAULT_DELIMITERS;
  const stripped = stripDirectives(e.template, defaults);
  if (stripped === undefined) return okAsync(refused('the `chezmoi:template:` directive cannot be read'));
  const tokens = tokenize(stripped.text, stripped.delimiters);
  if (tokens.isErr()) return okAsync(refused(`the template does not parse: ${tokens.error}`));
  const inst = instrument(stripped, tokens.value);
  const render = (text: string): ResultAsync<{ readonly out: string } | { readonly cause: E }, never> =>
    e.render(text)
      .map((out) => ({ out }))
      .orElse((cause) => okAsync({ cause }));
  return render(inst.text).andThen((first) => {
    if ('cause' in first) return okAsync(refused<E>('the instrumented template fails to render', undefined, first.cause));
    const attr = attribute(first.out, inst.pieces.length);
    if (attr === undefined || attr.output !== e.rendered) return okAsync(refused<E>('the template does not render the same when instrumented'));
    const variants = mapHunks({ template: e.template, stripped, inst, attr }, e.home);
    if (variants.isErr()) return okAsync(refused<E>(variants.error.message, variants.error));
    // Candidates in order; the first whose rendering is HOME byte for byte wins.
    const attempt = (k: number, first?: TemplateMapping<E>): ResultAsync<TemplateMapping<E>, never> => {
      const edits = variants.value[k];
      if (edits === undefined) return okAsync(first ?? refused<E>('no placement of the edit renders as the HOME file'));
      const next = (why: TemplateMapping<E>): ResultAsync<TemplateMapping<E>, never> => attempt(k + 1, first ?? why);
      const patched = applyEdits(e.template, stripped, edits);
      if (patched.isErr()) return next(refused<E>(patched.error.message, patched.error));
      if (!sameActions(e.template, patched.value, defaults)) return next(refused<E>('the patch would change an action or a directive'));
      return render(patched.value).andThen((second) => {
        if ('cause' in second) return next(refused('the patched template fails to render', undefined, second.cause));
        if (second.out !== e.home) return next(refused('the patched template would not render exactly as the HOME file'));
        return okAsync<TemplateMapping<E>, never>({ kind: 'patched', patched: patched.value });
      });
    };
    return attempt(0);
  });
};
