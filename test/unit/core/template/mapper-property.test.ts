// Property: on generated templates and random HOME edits of their renderings, the mapper either
// returns a patch whose rendering equals HOME byte for byte, with every action, directive and
// delimiter unchanged, or a reason; an edit of an action-printed value is never mapped; and the
// patched template still renders on another host wherever the original did.
import { describe, expect, it } from 'vitest';
import { stripDirectives } from '../../../../src/core/template/delimiters.js';
import { mapTemplateEdit } from '../../../../src/core/template/index.js';
import { renderMini } from '../../../../src/core/template/mini-render.js';
import { isEscapeAction } from '../../../../src/core/template/patch.js';
import { tokenize } from '../../../../src/core/template/tokenize.js';
import { generateEdit, generateTemplate } from '../../../support/template-gen.js';
import { renderer } from './helpers.js';

// CHEZMOI_SYNC_TEMPLATE_CASES=N runs more seeds (a longer local campaign); CI runs the first 1500.
const CASES = Number(process.env['CHEZMOI_SYNC_TEMPLATE_CASES'] ?? 1500);
const WORDS = ['alpha', 'beta', 'gamma', 'delta', 'x=1', 'path = ~/bin', '  indented', '', '#', 'same line'];

/** The template's actions as written, added escapes (delimiter, trimmed whitespace) left out, plus its directives. */
const skeleton = (template: string): string => {
  const s = stripDirectives(template);
  if (s === undefined) return 'unreadable';
  const toks = tokenize(s.text, s.delimiters);
  if (toks.isErr()) return `unparsable: ${toks.error}`;
  const actions = toks.value.flatMap((t) => (t.kind === 'action' ? [s.text.slice(t.start, t.end)] : [])).filter((a) => !isEscapeAction(a, s.delimiters));
  return JSON.stringify([s.directives, actions]);
};

const otherHost = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.length === 0 ? ['o1', 'o2'] : [];
  if (typeof v === 'boolean') return !v;
  if (typeof v === 'string') return v === 'linux' ? 'darwin' : `${v}-other`;
  if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, otherHost(x)]));
  return v;
};

/** A rendered line printed by one literal template line outside any range/define body. */
const isLiteralLine = (line: string): boolean => {
  const n = /^lit-(\d+) /.exec(line)?.[1];
  return n !== undefined && WORDS.some((w) => line === `lit-${n} ${w}\n` || line === `lit-${n} ${w}\r\n`);
};

describe('mapTemplateEdit on generated templates', () => {
  it(`never renders wrong and never maps an action-printed value (${CASES} cases)`, async () => {
    const stats = { cases: 0, patched: 0, refused: 0, skipped: 0, literalSingle: 0, literalSingleMapped: 0, values: 0, valuesMapped: 0 };
    const failures: string[] = [];
    for (let seed = 1; seed <= CASES; seed++) {
      const g = generateTemplate(seed);
      const rendered = renderMini(g.template, g.data, g.includes);
      if (rendered.isErr()) {
        stats.skipped++;
        continue;
      }
      const edit = generateEdit(rendered.value, seed, g.left);
      if (edit.home === rendered.value) continue;
      stats.cases++;
      const r = await mapTemplateEdit({ template: g.template, rendered: rendered.value, home: edit.home, render: renderer(g.data, g.includes) });
      const m = r._unsafeUnwrap();
      const oldLine = rendered.value.split(/(?<=\n)/)[edit.line] ?? '';
      const literalSingle = edit.kind === 'change' && isLiteralLine(oldLine) && rendered.value.split(oldLine).length === 2;
      if (literalSingle) stats.literalSingle++;
      if (edit.kind === 'value') stats.values++;
      if (m.kind === 'unchanged') {
        failures.push(`seed ${seed}: an edit reported as unchanged`);
        continue;
      }
      if (m.kind === 'refused') {
        stats.refused++;
        // A refusal names its cause; the instrumented copy always renders as the template does.
        if (/instrumented|fails to render/.test(m.reason.message)) failures.push(`seed ${seed}: ${m.reason.message}`);
        if (edit.kind === 'value' && !/^line \d+ comes from `/.test(m.reason.message)) failures.push(`seed ${seed}: value edit refused as "${m.reason.message}"`);
        continue;
      }
      stats.patched++;
      if (literalSingle) stats.literalSingleMapped++;
      if (edit.kind === 'value') stats.valuesMapped++;
      const again = renderMini(m.patched, g.data, g.includes);
      if (!again.isOk() || again.value !== edit.home) failures.push(`seed ${seed}: wrong render`);
      if (skeleton(m.patched) !== skeleton(g.template)) failures.push(`seed ${seed}: actions changed`);
      const other = otherHost(g.data) as Record<string, unknown>;
      if (renderMini(g.template, other, g.includes).isOk() && renderMini(m.patched, other, g.includes).isErr()) failures.push(`seed ${seed}: patched template fails on another host`);
    }
    console.log(`[template mapper] ${JSON.stringify(stats)}; literal single-line edits mapped: ${((100 * stats.literalSingleMapped) / Math.max(1, stats.literalSingle)).toFixed(1)} %`);
    expect(failures).toEqual([]);
    expect(stats.valuesMapped).toBe(0);
    expect(stats.literalSingleMapped).toBe(stats.literalSingle);
    expect(stats.cases).toBeGreaterThan(CASES * 0.8);
  });
});
