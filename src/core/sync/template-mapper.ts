// The seam between capture and the template mapper (src/core/template/): what capture gives it
// and what it needs back. Until the mapper is merged, a stand-in refuses every edit, so a HOME
// edit of a template target stays local and reported — the behaviour before template capture.
import { okAsync, type ResultAsync } from 'neverthrow';
import type { SyncError } from '../errors.js';

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

/** Refuses every edit (used until the mapper is available). */
export const refuseTemplateEdits: TemplateMapper = () => okAsync({ reason: 'template edits are not mapped yet' });

/** The mapper capture uses. */
export const mapTemplateEdit: TemplateMapper = refuseTemplateEdits;
