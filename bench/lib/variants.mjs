// The ways of syncing compared side by side: chezmoi-sync with either backend, the floor (a),
// the seed plan's script fixed (b) and chezmoi's own flow (d). Each sets a host up once and then
// syncs it; a traced sync runs with the counting wrappers first on PATH.
import { join } from 'node:path';
import { floorSteps } from './floor.mjs';
import { must, run } from './proc.mjs';

/**
 * @typedef {import('./world.mjs').Host} Host
 * @typedef {import('./floor.mjs').Job} Job
 * @typedef {object} SyncRun
 * @property {number} ms                  wall time of the whole sync
 * @property {number} status              exit code (the last failing step's for the floor)
 * @property {string} output              stdout + stderr, for error messages
 * @property {bigint} startNs
 * @property {string} [word]              chezmoi-sync's status word (from --json)
 * @property {string} detail              one line saying what went wrong, if anything
 * @property {number[]} [stepsMs]         floor only: each raw command's time
 * @property {string[]} [stepLabels]
 * @typedef {object} Variant
 * @property {string} id
 * @property {string} label
 * @property {(host: Host, remote: string) => void} setup
 * @property {(host: Host, job: Job, traced: boolean) => SyncRun} sync
 */

/** The last non-empty line of a tool's stderr. */
const lastLine = (/** @type {string} */ text) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .at(-1) ?? '';

/**
 * @param {{ cli: string, benchDir: string, node: string }} paths
 * @returns {Variant[]}
 */
export const makeVariants = ({ cli, benchDir, node }) => {
  const peakRss = join(benchDir, 'lib', 'peak-rss.mjs');

  /** @param {'jj' | 'git'} backend @returns {Variant} */
  const chezmoiSync = (backend) => {
    /** @param {Host} host @param {boolean} traced @param {string} remote */
    const args = (host, traced, remote) => [
      ...(traced ? [`--import=${peakRss}`] : []),
      cli,
      'sync',
      `--host=${host.name}`,
      `--source=${host.source}`,
      `--state-dir=${host.stateDir}`,
      `--backend=${backend}`,
      `--repo-url=${remote}`,
      '--json',
      '--quiet',
    ];
    /** @type {Map<Host, string>} */
    const remotes = new Map();
    /** @param {Host} host @param {boolean} traced @returns {SyncRun} */
    const once = (host, traced) => {
      const r = run(node, args(host, traced, remotes.get(host) ?? ''), { env: traced ? host.traceEnv : host.env, cwd: host.home });
      /** @type {{ status?: string, error?: { kind?: string, message?: string }, report?: { error?: { kind?: string, message?: string } } }} */
      let doc = {};
      try {
        doc = JSON.parse(r.stdout);
      } catch {
        doc = {};
      }
      const e = doc.error ?? doc.report?.error;
      const detail = e !== undefined ? `${e.kind ?? '?'}: ${e.message ?? ''}` : lastLine(r.stderr);
      return { ms: r.ms, status: r.status, output: r.stdout + r.stderr, startNs: r.startNs, detail, ...(doc.status !== undefined ? { word: doc.status } : {}) };
    };
    return {
      id: `cli-${backend}`,
      label: `chezmoi-sync (${backend})`,
      setup: (host, remote) => {
        remotes.set(host, remote);
        // The first sync clones the remote and applies it to the empty HOME.
        const r = once(host, false);
        if (r.status !== 0 || r.word !== 'success') throw new Error(`first sync of ${host.name} (${backend}) failed:\n${r.output}`);
      },
      sync: (host, _job, traced) => once(host, traced),
    };
  };

  /** @param {string} id @param {string} label @param {string} script @param {'jj' | 'git'} clone @returns {Variant} */
  const script = (id, label, script, clone) => ({
    id,
    label,
    setup: (host, remote) => {
      const argv = clone === 'jj' ? ['git', 'clone', '--colocate', remote, host.source] : ['clone', '-q', remote, host.source];
      must(clone, argv, { env: host.env, cwd: host.home });
      must('chezmoi', ['apply', '--no-tty'], { env: host.env, cwd: host.home });
    },
    sync: (host, _job, traced) => {
      const r = run('/bin/sh', [join(benchDir, script), host.name], { env: { ...(traced ? host.traceEnv : host.env), ...host.jjIdentity }, cwd: host.home });
      return { ms: r.ms, status: r.status, output: r.stdout + r.stderr, startNs: r.startNs, detail: lastLine(r.stderr) };
    },
  });

  /** @type {Variant} */
  const floor = {
    id: 'floor',
    label: 'floor (a)',
    setup: (host, remote) => {
      must('jj', ['git', 'clone', '--colocate', remote, host.source], { env: host.env, cwd: host.home });
      must('chezmoi', ['apply', '--no-tty'], { env: host.env, cwd: host.home });
    },
    sync: (host, job, traced) => {
      const env = { ...(traced ? host.traceEnv : host.env), ...host.jjIdentity };
      const steps = floorSteps(job, host.name, node);
      /** @type {string[]} */
      const outs = [];
      /** @type {number[]} */
      const stepsMs = [];
      let status = 0;
      let output = '';
      let detail = '';
      let startNs = 0n;
      for (const step of steps) {
        // PATH lookup by the spawner: with the wrappers first on PATH they are what runs.
        const r = run(step.file, step.args(outs), { env, cwd: host.source });
        if (startNs === 0n) startNs = r.startNs;
        outs.push(r.stdout);
        stepsMs.push(r.ms);
        if (r.status !== 0) {
          status = r.status;
          output += `${step.label}: ${r.stderr}`;
          detail ||= `${step.label}: ${lastLine(r.stderr)}`;
        }
      }
      const ms = stepsMs.reduce((a, b) => a + b, 0);
      return { ms, status, output, startNs, detail, stepsMs, stepLabels: steps.map((s) => s.label) };
    },
  };

  return [
    chezmoiSync('jj'),
    floor,
    script('seed', 'seed script (b)', 'seed-sync.sh', 'jj'),
    chezmoiSync('git'),
    script('chezmoi', 'chezmoi flow (d)', 'chezmoi-flow.sh', 'git'),
  ];
};
