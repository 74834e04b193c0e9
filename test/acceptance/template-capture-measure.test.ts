// Measures template-aware capture on the re-created public repositories (test/fixtures/dotfiles/):
// for a sample of the lines of every template target, the line is edited in alpha's HOME and
// mapped onto the template with the real chezmoi; a patch is checked in place on alpha (`chezmoi
// cat` must give the edited HOME byte for byte) and delivered to beta (beta's own rendering must
// gain exactly that line edit, or stay as it was when beta does not render that line). A line is
// "literal" when the template holds it verbatim as a whole line with no action on it; any other
// line is produced by an action. Numbers go to stdout; wrong renders must be 0.
import { readFileSync, writeFileSync } from 'node:fs';
import type { ResultAsync } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { chezmoiCli } from '../../src/backends/chezmoi/index.js';
import type { Chezmoi } from '../../src/core/chezmoi.js';
import type { SyncError } from '../../src/core/errors.js';
import { generatedKind } from '../../src/core/sync/capture-generated.js';
import { mapTemplateEdit } from '../../src/core/sync/template-mapper.js';
import type { Host, World } from '../support/world.js';
import { buildMirror, cloneInitApply, dotfilesWorld, initApply } from './support/dotfiles.js';
import { configureAge, writeChezmoiConfig } from './support/setups.js';

/** Each repository's set-up, as its acceptance test does it. */
const REPOS: Readonly<Record<string, { trunk?: string; setUp: (w: World, h: Host, mirror: () => string) => void }>> = {
  automaat: {
    setUp: (w, h) => {
      writeChezmoiConfig(h, `[data]\n    email = "${h.name}@example.org"\n    name = "Someone on ${h.name}"\n`);
      initApply(w, h);
    },
  },
  felipecrs: { setUp: (w, h, mirror) => initApply(w, h, ['--promptString', `Release downloads from=${mirror()}`]) },
  halostatue: { setUp: (w, h) => (h.name === 'beta' ? cloneInitApply(w, h) : initApply(w, h)) },
  sped0n: {
    setUp: (w, h) => {
      configureAge(h, true);
      initApply(w, h);
    },
  },
  twpayne: { trunk: 'master', setUp: (w, h, mirror) => initApply(w, h, ['--promptString', `Download mirror=${mirror()}`]) },
};

/** Edits measured per repository at most (sampled evenly over all template lines): keeps the run short. */
const PER_REPO = 50;
const MARK = ' # edited in HOME';

interface Tally {
  literal: number;
  literalDelivered: number;
  action: number;
  actionKept: number;
  actionCaptured: string[];
  wrong: string[];
}

const lineList = (text: string): string[] => text.split('\n');
const editLine = (text: string, i: number): string => lineList(text).map((l, j) => (j === i ? `${l}${MARK}` : l)).join('\n');
const ok = async <T>(r: ResultAsync<T, SyncError>): Promise<T> => (await r)._unsafeUnwrap();

const measure = async (name: string, tally: Tally): Promise<void> => {
  const spec = REPOS[name];
  if (spec === undefined) throw new Error(name);
  const w = await dotfilesWorld(name, ['alpha', 'beta'], spec.trunk);
  let mirror: string | undefined;
  const mirrorOf = (): string => (mirror ??= buildMirror(w, name));
  const [a, b] = [w.host('alpha'), w.host('beta')];
  for (const h of [a, b]) spec.setUp(w, h, mirrorOf);
  // chezmoi as each host has it configured (the config `chezmoi init` wrote, whatever its format).
  const cz = (h: Host): Chezmoi => chezmoiCli({ env: h.env, destination: h.home });
  const [czA, czB] = [cz(a), cz(b)];
  const templates = (await ok(czA.managed())).filter((m) => m.type === 'file' && m.source !== undefined && generatedKind(m.source) === 'template');
  const edits: { target: string; source: string; line: number }[] = [];
  const texts = new Map<string, { template: string; renderedA: string; renderedB: string | undefined }>();
  for (const m of templates) {
    const renderedA = await czA.cat(m.target);
    const home = readFileSync(m.target, 'utf8');
    if (renderedA.isErr() || renderedA.value !== home) continue;
    const targetB = b.home + m.target.slice(a.home.length);
    const renderedB = await czB.cat(targetB);
    texts.set(m.target, { template: readFileSync(m.source ?? '', 'utf8'), renderedA: renderedA.value, renderedB: renderedB.isOk() ? renderedB.value : undefined });
    lineList(renderedA.value).forEach((l, i) => {
      if (l.trim() !== '') edits.push({ target: m.target, source: m.source ?? '', line: i });
    });
  }
  console.log(`${name}: ${texts.size} of ${templates.length} template targets as rendered in HOME, ${edits.length} non-blank lines`);
  const step = Math.max(1, edits.length / PER_REPO);
  const sample = Array.from({ length: Math.min(PER_REPO, edits.length) }, (_, k) => edits[Math.floor(k * step)]).filter((e) => e !== undefined);
  for (const e of sample) {
    const t = texts.get(e.target);
    if (t === undefined) continue;
    const original = lineList(t.renderedA)[e.line] ?? '';
    const literal = !original.includes('{{') && lineList(t.template).includes(original);
    const home = editLine(t.renderedA, e.line);
    const mapped = await ok(mapTemplateEdit({ template: t.template, home, rendered: t.renderedA, render: (x) => czA.renderTemplate(x) }));
    const where = `${name}: ${e.target.slice(a.home.length + 1)} line ${e.line + 1} ${JSON.stringify(original)}`;
    if (literal) tally.literal++;
    else tally.action++;
    if (!('patched' in mapped)) {
      if (!literal) tally.actionKept++;
      continue;
    }
    // Only by this test's rough rule an action line (e.g. a literal line beside a comment action): the checks below still hold it to HOME.
    if (!literal) tally.actionCaptured.push(where);
    const sourceB = b.home + e.source.slice(a.home.length);
    try {
      writeFileSync(e.source, mapped.patched);
      writeFileSync(sourceB, mapped.patched);
      const inA = await czA.cat(e.target);
      const inB = t.renderedB === undefined ? undefined : await czB.cat(b.home + e.target.slice(a.home.length));
      if (!inA.isOk() || inA.value !== home) tally.wrong.push(`${where}: alpha renders the patch differently`);
      else if (inB !== undefined && t.renderedB !== undefined) {
        const linesB = lineList(t.renderedB);
        const at = linesB.indexOf(original);
        const expected = at < 0 ? t.renderedB : editLine(t.renderedB, at);
        if (!inB.isOk() || inB.value !== expected) tally.wrong.push(`${where}: beta renders ${inB.isOk() ? JSON.stringify(inB.value.slice(0, 200)) : 'an error'}`);
        else if (literal) tally.literalDelivered++;
      } else if (literal) tally.literalDelivered++;
    } finally {
      writeFileSync(e.source, t.template);
      writeFileSync(sourceB, t.template);
    }
  }
};

describe('template-aware capture on the re-created repositories (measurement)', () => {
  it('literal lines captured and delivered, action lines kept local, no wrong render', async () => {
    const tally: Tally = { literal: 0, literalDelivered: 0, action: 0, actionKept: 0, actionCaptured: [], wrong: [] };
    for (const name of Object.keys(REPOS)) await measure(name, tally);
    const pct = (n: number, d: number): string => (d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(1)} %`);
    console.log(
      `template capture: literal lines captured+delivered ${tally.literalDelivered}/${tally.literal} (${pct(tally.literalDelivered, tally.literal)}); ` +
        `action lines kept local ${tally.actionKept}/${tally.action} (${pct(tally.actionKept, tally.action)}); wrong renders ${tally.wrong.length}`,
    );
    if (tally.actionCaptured.length > 0) console.log(`captured though not a verbatim template line:\n${tally.actionCaptured.join('\n')}`);
    if (tally.wrong.length > 0) console.log(tally.wrong.join('\n'));
    expect(tally.wrong).toEqual([]);
    expect(tally.literal).toBeGreaterThan(0);
  }, 240_000);
});
