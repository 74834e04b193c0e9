// Regression (found by test/property, jj soak seed 1091261038): another tool pushes a change to
// the very line this host edited, between this sync's fetch and its push. The push is refused
// (lease), the sync fetches again and rebases — and that rebase conflicts. With jj the run then
// failed ("jj log failed: … Newly-created commit … already exists") instead of preserving the
// conflict on sync/<host> — and every later sync failed the same way (`jj diff failed: …`): the
// repository was wedged. Nothing was lost (HOME and the source dir keep the edit). Expected:
// conflicts-preserved, both edits on the remote, and the next sync runs.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResultAsync } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import type { SyncError } from '../../src/core/errors.js';
import { runSync } from '../../src/core/sync/engine.js';
import type { PushOptions, Vcs, VcsFactory } from '../../src/core/vcs.js';
import { okReport, realDeps, setUpHost, syncHost, type RealBackend } from '../support/engine.js';
import { useWorld } from '../support/world.js';

/** Runs `before` once, ahead of the first push of `branch`: the window between fetch and push. */
const pushHook = (f: VcsFactory, branch: string, before: () => void): VcsFactory => {
  let done = false;
  const wrap = (v: Vcs): Vcs =>
    new Proxy(v, {
      get(target, prop) {
        if (prop === 'push') {
          return (o: PushOptions): ResultAsync<void, SyncError> => {
            if (!done && o.branch === branch) {
              done = true;
              before();
            }
            return target.push(o);
          };
        }
        const x: unknown = Reflect.get(target, prop, target);
        return typeof x === 'function' ? (x as (...a: unknown[]) => unknown).bind(target) : x;
      },
    });
  return { kind: f.kind, check: () => f.check(), isRepo: (p) => f.isRepo(p), open: (p) => f.open(p).map(wrap), init: (p) => f.init(p).map(wrap), clone: (u, p) => f.clone(u, p).map(wrap) };
};

describe.each<RealBackend>(['jj', 'git'])('a conflicting push by another tool between fetch and push (%s)', (backend) => {
  it('preserves the conflict on the host branch, and the next sync runs', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    setUpHost(w, a);
    okReport(await syncHost(w, a, backend));
    const tool = join(w.root, 'other-tool');
    w.run(a, 'git', ['clone', '-q', w.remote, tool]);
    const base = w.readHome(a, '.bashrc') ?? '';
    w.writeHome(a, '.bashrc', base.replace('EDITOR=vi', 'EDITOR=alpha'));
    const otherPushes = (): void => {
      writeFileSync(join(tool, 'dot_bashrc'), base.replace('EDITOR=vi', 'EDITOR=other-tool'));
      w.run(a, 'git', ['commit', '-q', '-am', 'another tool'], { cwd: tool });
      w.run(a, 'git', ['push', '-q', 'origin', 'HEAD:main'], { cwd: tool });
    };
    const deps = await realDeps(a, backend);
    const r = await runSync(
      { ...deps, vcs: pushHook(deps.vcs, 'main', otherPushes), sleep: () => Promise.resolve() },
      { host: 'alpha', stateDir: a.stateDir, sourceDir: a.source, repoUrl: w.remoteUrl },
    );
    expect(r.isOk() ? r.value.status : `${r.error.kind}: ${r.error.message}`).toBe('conflicts-preserved');
    expect(w.readRemote('dot_bashrc')).toContain('EDITOR=other-tool');
    expect(w.readRemote('dot_bashrc', 'sync/alpha')).toContain('EDITOR=alpha');
    expect(w.readHome(a, '.bashrc')).toContain('EDITOR=alpha');
    expect(okReport(await syncHost(w, a, backend)).status).toBe('conflicts-preserved');
  });
});
