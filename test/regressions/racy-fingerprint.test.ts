// Guard (not reproduced here): capture skips reading a file whose fingerprint (size, mtime, ctime,
// inode) matches the one recorded with its hash. A HOME file rewritten with the same size within
// one timestamp tick of the moment a sync fingerprinted it would keep that fingerprint, so later
// syncs would take it as unchanged and the next incoming change would be applied over it — git's
// "racily clean" case. Linux >= 6.13 (multigrain timestamps) gives a write after a stat a new
// timestamp, so this passes there; on kernels and filesystems with coarse timestamps it is the
// test that shows whether the risk is handled (git re-reads files as new as the index).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSync } from '../../src/core/sync/engine.js';
import type { EngineFs } from '../../src/core/sync/fs.js';
import { okReport, realDeps, setUpHost, syncHost } from '../support/engine.js';
import { useWorld } from '../support/world.js';

const X = '# bashrc\nexport EDITOR=vi\n';
const Y = '# bashrc\nexport EDITOR=vj\n';

describe('a HOME file rewritten within a timestamp tick of the fingerprint', () => {
  it('is still captured by a later sync', async () => {
    const w = await useWorld({ hosts: ['alpha'], files: { dot_bashrc: X } });
    const a = w.host('alpha');
    setUpHost(w, a);
    okReport(await syncHost(w, a, 'git'));
    const home = join(a.home, '.bashrc');
    const deps = await realDeps(a, 'git');
    // The person saves the file while the sync looks at it: X again just before, Y just after.
    let armed = true;
    const fs: EngineFs = {
      ...deps.fs,
      fingerprint: (p) => {
        if (armed && p === home) writeFileSync(home, X);
        return deps.fs.fingerprint(p);
      },
      fingerprints: (ps) => {
        if (armed && ps.includes(home)) writeFileSync(home, X);
        return deps.fs.fingerprints(ps);
      },
      hash: (p) =>
        deps.fs.hash(p).map((h) => {
          if (armed && p === home) {
            armed = false;
            writeFileSync(home, Y);
          }
          return h;
        }),
    };
    const racy = await runSync({ ...deps, fs }, { host: 'alpha', stateDir: a.stateDir, sourceDir: a.source, repoUrl: w.remoteUrl });
    expect(racy.isOk()).toBe(true);
    expect(w.readHome(a, '.bashrc')).toBe(Y);
    okReport(await syncHost(w, a, 'git'));
    expect(w.readRemote('dot_bashrc')).toBe(Y);
  });
});
