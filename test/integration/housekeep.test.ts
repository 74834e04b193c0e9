// Housekeeping on real tools: after trimming the history, `undo` still restores every sync the
// state promises, and the history stores stop growing (jj: the operation log; git: gc --auto).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPS_DUE } from '../../src/backends/jj/housekeep.js';
import { housekeepRepository } from '../../src/core/sync/housekeep.js';
import type { SyncOptions } from '../../src/core/sync/types.js';
import { undoLastSync } from '../../src/core/undo.js';
import { okReport, realDeps, setUpHost, syncHost, type RealBackend } from '../support/engine.js';
import { useWorld, type Host, type World } from '../support/world.js';

const HISTORY = 3;

const ctxFor = async (w: World, h: Host, backend: RealBackend) => {
  const options: SyncOptions = { host: h.name, stateDir: h.stateDir, sourceDir: h.source, repoUrl: w.remoteUrl, lockTimeoutMs: 5_000, historySize: HISTORY };
  return { deps: await realDeps(h, backend), options };
};

const opLog = (w: World, h: Host): string[] =>
  w.run(h, 'jj', ['--repository', h.source, 'operation', 'log', '--no-graph', '--ignore-working-copy', '-T', 'id ++ "\\n"']).stdout.split('\n').filter((l) => l !== '');

/** The checkpoint ids state.json offers to undo. */
const promised = (h: Host): string[] =>
  (JSON.parse(readFileSync(join(h.stateDir, 'state.json'), 'utf8')) as { runs: { checkpoint?: { id: string } }[] }).runs.flatMap((r) => (r.checkpoint !== undefined ? [r.checkpoint.id] : []));

describe.each<RealBackend>(['jj', 'git'])('housekeeping with %s', (backend) => {
  it('trims the history, and undo still restores each promised sync in turn', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    setUpHost(w, a);
    for (let i = 1; i <= 8; i++) {
      w.writeHome(a, '.bashrc', `# edit ${i}\n`);
      expect(okReport(await syncHost(w, a, backend, { historySize: HISTORY })).committed).toBe(1);
    }
    const before = backend === 'jj' ? opLog(w, a).length : 0;
    expect(promised(a)).toHaveLength(HISTORY);
    const done = (await housekeepRepository(await ctxFor(w, a, backend), true))._unsafeUnwrap();
    expect(done?.ran).toBe(true);
    if (backend === 'jj') {
      const after = opLog(w, a);
      expect(after.length).toBeLessThan(before);
      // jj gave the kept operations new ids: state.json names them by their new ids.
      expect(promised(a).filter((id) => !after.includes(id))).toEqual([]);
      expect(promised(a)).toHaveLength(HISTORY);
      // Housekeeping again right away finds nothing more to abandon.
      (await housekeepRepository(await ctxFor(w, a, backend), true))._unsafeUnwrap();
      expect(opLog(w, a)).toEqual(after);
    }
    // The last HISTORY syncs can each still be undone, newest first.
    for (let i = 8; i > 8 - HISTORY; i--) {
      expect(w.readSource(a, 'dot_bashrc')).toBe(`# edit ${i}\n`);
      (await undoLastSync(await ctxFor(w, a, backend)))._unsafeUnwrap();
      expect(w.readSource(a, 'dot_bashrc')).toBe(`# edit ${i - 1}\n`);
    }
    expect((await undoLastSync(await ctxFor(w, a, backend)))._unsafeUnwrapErr().kind).toBe('invalid-input');
    // HOME is untouched by undo: the next sync publishes it again.
    expect(okReport(await syncHost(w, a, backend, { historySize: HISTORY })).status).toBe('success');
    expect(w.readRemote('dot_bashrc')).toBe('# edit 8\n');
  });

  it('is not due after a few syncs: nothing runs', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    setUpHost(w, a);
    w.writeHome(a, '.bashrc', '# one edit\n');
    okReport(await syncHost(w, a, backend));
    const done = (await housekeepRepository(await ctxFor(w, a, backend)))._unsafeUnwrap();
    expect(done?.ran).toBe(false);
    const sizes = (await (await ctxFor(w, a, backend)).deps.vcs.open(a.source))._unsafeUnwrap().sizes;
    expect(sizes).toBeDefined();
  });

  if (backend === 'jj') {
    it('a sync housekeeps by itself once the operation store has grown enough, and undo still works', async () => {
      const w = await useWorld({ hosts: ['alpha'] });
      const a = w.host('alpha');
      setUpHost(w, a);
      w.writeHome(a, '.bashrc', '# edit 1\n');
      okReport(await syncHost(w, a, backend));
      // Operations made by hand (a person using jj in the repository) count too.
      for (let i = 0; i < OPS_DUE; i++) w.run(a, 'jj', ['--repository', a.source, 'describe', '-m', `by hand ${i}`]);
      const before = opLog(w, a).length;
      expect(before).toBeGreaterThan(OPS_DUE);
      w.writeHome(a, '.bashrc', '# edit 2\n');
      // A history of one run: only this sync's checkpoint is promised (the first sync's would keep everything after it).
      expect(okReport(await syncHost(w, a, backend, { historySize: 1 })).status).toBe('success');
      expect(opLog(w, a).length).toBeLessThan(before / 2);
      expect(promised(a).filter((id) => !opLog(w, a).includes(id))).toEqual([]);
      (await undoLastSync(await ctxFor(w, a, backend)))._unsafeUnwrap();
      expect(w.readSource(a, 'dot_bashrc')).toBe('# edit 1\n');
    });
  }
});
