// Test helpers: the mapper driven by the pure mini renderer.
import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import { mapTemplateEdit, type TemplateMapping } from '../../../../src/core/template/index.js';
import { renderMini, type MiniData } from '../../../../src/core/template/mini-render.js';

export const renderer =
  (data: MiniData, includes: Readonly<Record<string, string>> = {}) =>
  (text: string): ResultAsync<string, string> => {
    const r = renderMini(text, data, includes);
    return r.isOk() ? okAsync(r.value) : errAsync(r.error);
  };

/** Renders `template`, lets `edit` change the rendering, and maps the edit back. */
export const mapEdit = async (
  template: string,
  data: MiniData,
  edit: (rendered: string) => string,
  includes: Readonly<Record<string, string>> = {},
): Promise<{ rendered: string; home: string; mapping: TemplateMapping<string> }> => {
  const rendered = renderMini(template, data, includes)._unsafeUnwrap();
  const home = edit(rendered);
  const r = await mapTemplateEdit({ template, rendered, home, render: renderer(data, includes) });
  return { rendered, home, mapping: r._unsafeUnwrap() };
};
