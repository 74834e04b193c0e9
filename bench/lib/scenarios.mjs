// The scenarios: what is changed (locally, on the remote) before each timed sync, and what must
// be true after it — a sync that did not do its job is a bench failure, not a fast sync.
import { join } from 'node:path';
import { must } from './proc.mjs';
import { content, homeRel, readHome, readRemote, sourceRel, write } from './world.mjs';

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
 * @property {'small' | 'large'} world     100 or 10,000 managed files
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

/** @type {(id: string, label: string, world: 'small' | 'large', changed: number) => Scenario} */
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

/** Scenario ids, in the order they run. */
export const SCENARIO_IDS = ['noop', 'one', 'hundred', 'incoming', 'conflict', 'noop-large', 'one-large', 'hundred-large'];

/**
 * The scenarios for worlds of `small` and `large` managed files.
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
  ];
};
