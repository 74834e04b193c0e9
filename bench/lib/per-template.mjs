// Capture cost per template: what each edited template adds to a sync, from the template world's
// 1- and 20-edit scenarios, set beside what as many plain-file edits add in the same world.
import { median } from './stats.mjs';

/**
 * @param {Map<string, Map<string, import('./measure.mjs').Cell>>} results
 * @param {readonly { id: string, label: string }[]} variants
 * @param {number} n   templates edited in the larger scenario
 * @returns {string}   a markdown section, or '' when the scenarios did not run
 */
export const renderPerTemplate = (results, variants, n) => {
  const cell = (/** @type {string} */ s, /** @type {string} */ v) => results.get(s)?.get(v);
  const med = (/** @type {string} */ s, /** @type {string} */ v) => {
    const c = cell(s, v);
    return c === undefined || c.failure !== undefined || c.samples.length === 0 ? undefined : median(c.samples);
  };
  const procs = (/** @type {string} */ s, /** @type {string} */ v) => {
    const t = cell(s, v)?.trace;
    return t === undefined ? '—' : ['jj', 'git', 'chezmoi'].map((k) => t.counts[k] ?? 0).join(' / ');
  };
  const ms = (/** @type {number | undefined} */ x) => (x === undefined ? '—' : `${Math.round(x)} ms`);
  const per = (/** @type {string} */ a, /** @type {string} */ b, /** @type {string} */ v) => {
    const x = med(a, v);
    const y = med(b, v);
    return x === undefined || y === undefined ? undefined : (y - x) / (n - 1);
  };
  const rows = variants.filter((v) => results.has('templates-1') && cell('templates-1', v.id) !== undefined && v.id.startsWith('cli-'));
  if (rows.length === 0) return '';
  const out = [
    `### Capture cost per template (${n} edited templates against 1, and as many plain files)`,
    '',
    `Per item = (median with ${n} edits − median with 1) ÷ ${n - 1}. Processes jj / git / chezmoi of the traced run.`,
    '',
    `| variant | 1 template | ${n} templates | per template | 1 plain file | ${n} plain files | per plain file | processes: 1 / ${n} templates | processes: 1 / ${n} plain files |`,
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const v of rows) {
    const fail = ['templates-1', `templates-${n}`, 'plain-1', `plain-${n}`].map((s) => cell(s, v.id)?.failure).find((f) => f !== undefined);
    out.push(
      `| ${v.label} | ${ms(med('templates-1', v.id))} | ${ms(med(`templates-${n}`, v.id))} | ${ms(per('templates-1', `templates-${n}`, v.id))} | ${ms(med('plain-1', v.id))} | ${ms(med(`plain-${n}`, v.id))} | ${ms(per('plain-1', `plain-${n}`, v.id))} | ${procs('templates-1', v.id)} → ${procs(`templates-${n}`, v.id)} | ${procs('plain-1', v.id)} → ${procs(`plain-${n}`, v.id)} |${fail === undefined ? '' : ` fails: ${fail}`}`,
    );
  }
  return out.join('\n');
};
