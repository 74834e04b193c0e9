// The scenarios: what is changed (locally, on the remote) before each timed sync, and what must
// be true after it — a sync that did not do its job is a bench failure, not a fast sync.
import { join } from 'node:path';
import { must } from './proc.mjs';
import { content, homeRel, readHome, readRemote, sourceRel, templateHomeRel, templateSourceRel, templateText, write } from './world.mjs';

/**
 * @typedef {import('./world.mjs').Host} Host
 * @typedef {import('./floor.mjs').Job} Job
 * @typedef {import('./variants.mjs').SyncRun} SyncRun
 * @typedef {object} Ctx
 * @property {Host} host       the host being measured
 * @property {string} remote   its world's bare remote
 * @property {Host} peer       another host of the same world, with a plain git clone
 * @property {string} variant  variant id
 * @property {number} run      run index (unique per scenario)
 * @typedef {object} Scenario
 * @property {string} id
 * @property {string} label
 * @property {'small' | 'large' | 'tmpl'} world     100 or 10,000 managed files; tmpl: 100 plus 20 templates
 * @property {Job} job
 * @property {boolean} freshHost           a new host per run (a conflict leaves one behind)
 * @property {(c: Ctx) => void} prep
 * @property {(c: Ctx, r: SyncRun) => string | undefined} check   undefined: fine; else what is wrong
 */

/**
 * The peer pushes `text` as file `i` to the remote with plain git (outside the timing).
 * @param {Ctx} c
 * @param {number} i
 * @param {string} text
 */
export const peerPush = (c, i, text) => {
  const o = { env: c.peer.env, cwd: c.peer.source };
  must('git', ['fetch', '-q', 'origin'], o);
  must('git', ['reset', '-q', '--hard', 'origin/main'], o);
  write(join(c.peer.source, sourceRel(i)), text);
  must('git', ['commit', '-q', '-a', '-m', `${c.peer.name}: edit ${i}`], o);
  must('git', ['push', '-q', 'origin', 'HEAD:main'], o);
};

/** @param {SyncRun} r @param {string} [word] */
const exitedOk = (r, word = 'success') =>
  r.status !== 0 ? `exit ${r.status}: ${r.detail}` : r.word !== undefined && r.word !== word ? `status ${r.word}: ${r.detail}` : undefined;

/** @param {Ctx} c @param {number} i @param {string} expected */
const remoteHas = (c, i, expected) => (readRemote(c.remote, sourceRel(i), c.host.env) === expected ? undefined : `the remote's main lacks the edit of file ${i}`);

const tag = (/** @type {Ctx} */ c) => `${c.variant} run ${c.run}`;

/** @type {(id: string, label: string, world: 'small' | 'large' | 'tmpl', changed: number) => Scenario} */
const localEdits = (id, label, world, changed) => ({
  id,
  label,
  world,
  job: 'commit',
  freshHost: false,
  prep: (c) => {
    for (let i = 0; i < changed; i++) write(join(c.host.home, homeRel(i)), content(i, `edited by ${c.host.name}, ${tag(c)}`));
  },
  check: (c, r) => exitedOk(r) ?? remoteHas(c, changed - 1, content(changed - 1, `edited by ${c.host.name}, ${tag(c)}`)),
});

/**
 * `changed` HOME edits of distinct template targets, each a literal line: the sync maps each back
 * onto its template's text (`chezmoi cat` and `chezmoi execute-template` per template), so the
 * remote's template must hold the edited line and keep its `{{ .chezmoi.hostname }}`.
 * @type {(id: string, label: string, changed: number) => Scenario}
 */
const templateEdits = (id, label, changed) => {
  const line = (/** @type {Ctx} */ c) => `edited by ${c.host.name}, ${tag(c)}`;
  return {
    id,
    label,
    world: 'tmpl',
    job: 'commit',
    freshHost: false,
    prep: (c) => {
      // The first sync (clone) applied only the plain files (chezmoi-sync 0.1.0): put the rendered
      // templates into HOME with chezmoi itself, outside the timing, as a user's earlier apply would.
      if (readHome(c.host, templateHomeRel(0)) === undefined) must('chezmoi', ['apply', '--no-tty'], { env: c.host.env, cwd: c.host.home });
      // HOME holds the executed template: the edited literal line, the host line as chezmoi filled it in.
      for (let i = 0; i < changed; i++) {
        const now = readHome(c.host, templateHomeRel(i)) ?? '';
        const lines = now.split('\n');
        lines[1] = line(c);
        write(join(c.host.home, templateHomeRel(i)), lines.join('\n'));
      }
    },
    check: (c, r) => {
      const bad = exitedOk(r);
      if (bad !== undefined) return bad;
      for (let i = 0; i < changed; i++) {
        if (readRemote(c.remote, templateSourceRel(i), c.host.env) !== templateText(i, line(c))) return `the remote's main lacks the edit of template ${i} (or lost its template line)`;
      }
      return undefined;
    },
  };
};

/** @type {(id: string, label: string, world: 'small' | 'large') => Scenario} */
const noop = (id, label, world) => ({
  id,
  label,
  world,
  job: 'noop',
  freshHost: false,
  prep: () => undefined,
  check: (_c, r) => exitedOk(r),
});

/** Template targets in the template world. */
export const TEMPLATES = 20;

/** Scenario ids, in the order they run. */
export const SCENARIO_IDS = ['noop', 'one', 'hundred', 'incoming', 'conflict', 'noop-large', 'one-large', 'hundred-large', 'templates-1', 'templates-20', 'plain-1', 'plain-20'];

/**
 * The scenarios for worlds of `small` and `large` managed files (the template world: `small` plus 20 templates).
 * @param {{ small: number, large: number }} sizes
 * @returns {Scenario[]}
 */
export const makeScenarios = ({ small, large }) => {
  const n = (/** @type {number} */ x) => x.toLocaleString('en-US');
  return [
    noop('noop', `no-op sync (${n(small)} files)`, 'small'),
    localEdits('one', '1 changed dotfile', 'small', 1),
    localEdits('hundred', '100 changed dotfiles', 'small', Math.min(100, small)),
    {
      id: 'incoming',
      label: 'incoming only (another host pushed)',
      world: 'small',
      job: 'incoming',
      freshHost: false,
      prep: (c) => peerPush(c, 50, content(50, `pushed by ${c.peer.name}, ${tag(c)}`)),
      check: (c, r) =>
        exitedOk(r) ?? (readHome(c.host, homeRel(50)) === content(50, `pushed by ${c.peer.name}, ${tag(c)}`) ? undefined : 'HOME lacks the incoming edit'),
    },
    {
      id: 'conflict',
      label: 'a conflict (same line on both sides)',
      world: 'small',
      job: 'conflict',
      freshHost: true,
      prep: (c) => {
        peerPush(c, 60, content(60, `pushed by ${c.peer.name}, ${tag(c)}`));
        write(join(c.host.home, homeRel(60)), content(60, `edited by ${c.host.name}, ${tag(c)}`));
      },
      check: (c, r) => {
        // chezmoi's flow cannot preserve a conflict: it stops in the middle of a rebase.
        if (c.variant === 'chezmoi') return r.status !== 0 ? undefined : 'the chezmoi flow should have stopped at the conflict';
        const bad = exitedOk(r, 'conflicts-preserved');
        if (bad !== undefined) return bad;
        if (c.variant === 'floor') return undefined;
        return readRemote(c.remote, sourceRel(60), c.host.env, `sync/${c.host.name}`) === content(60, `edited by ${c.host.name}, ${tag(c)}`)
          ? undefined
          : `the remote lacks sync/${c.host.name} with this host's side`;
      },
    },
    noop('noop-large', `no-op sync (${n(large)} files)`, 'large'),
    localEdits('one-large', `1 changed dotfile (${n(large)} files)`, 'large', 1),
    // What the push guard costs: 100 whole files read out of the repository and scanned before the push.
    localEdits('hundred-large', `100 changed dotfiles (${n(large)} files)`, 'large', Math.min(100, large)),
    // Capture cost per template: the same numbers of edits to templates and to plain files, in one world.
    templateEdits('templates-1', `1 changed template (${n(small)} files + ${TEMPLATES} templates)`, 1),
    templateEdits('templates-20', `${TEMPLATES} changed templates (${n(small)} files + ${TEMPLATES} templates)`, TEMPLATES),
    localEdits('plain-1', `1 changed dotfile (${n(small)} files + ${TEMPLATES} templates)`, 'tmpl', 1),
    localEdits('plain-20', `${TEMPLATES} changed dotfiles (${n(small)} files + ${TEMPLATES} templates)`, 'tmpl', TEMPLATES),
  ];
};
