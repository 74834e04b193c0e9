// The seam between capture and the template mapper (src/core/template/): what capture gives it
// and what it needs back, in capture's words (a patch, or one reason naming the line).
import type { ResultAsync } from 'neverthrow';
import type { SyncError } from '../errors.js';
import { mapTemplateEdit as mapEdit } from '../template/index.js';

/** One HOME edit of a template target, as the mapper sees it. */
export interface TemplateEdit {
  /** The template source's text (directive lines included). */
  readonly template: string;
  /** The HOME file as edited. */
  readonly home: string;
  /** What the template renders to on this host now (and what HOME held before the edit). */
  readonly rendered: string;
  /** Renders template text on this host (chezmoi's data, `.chezmoitemplates`, delimiter line). */
  readonly render: (text: string) => ResultAsync<string, SyncError>;
}

/** A patched template whose rendering on this host equals HOME byte for byte, or why there is none. */
export type TemplateMapping = { readonly patched: string } | { readonly reason: string };

export type TemplateMapper = (edit: TemplateEdit) => ResultAsync<TemplateMapping, SyncError>;

/** The mapper capture uses: src/core/template's, its refusal turned into one line for the person. */
export const mapTemplateEdit: TemplateMapper = (edit) =>
  mapEdit(edit).map((m): TemplateMapping => {
    if (m.kind === 'patched') return { patched: m.patched };
    if (m.kind === 'unchanged') return { reason: 'HOME already holds what the template renders' };
    const { line, message } = m.reason;
    const cause = m.cause !== undefined ? ` (${m.cause.message})` : '';
    return { reason: `${line === undefined || message.includes(`line ${line}`) ? message : `line ${line}: ${message}`}${cause}` };
  });
