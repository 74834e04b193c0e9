// Regression (found by test/property, git long campaign seed 20241112): a sync SIGKILLed right
// after its rebase stopped on a conflict — before it could back the rebase out — leaves the git
// repository "in the middle of a rebase". Every later sync then refused to run (unsafe-state):
// the host never synced again. A rebase the sync started itself is safe to back out (it starts
// from a clean, fully committed tree); only a person's own rebase must be left alone.
// With jj the same kill leaves the rebased, conflicted commits in place: the next sync applied the
// conflicted file to HOME — conflict markers in ~/.bashrc — and then failed to push ("Won't push
// commit … since it has conflicts"), run after run.
// The kill is made exact with a wrapper around the VCS binary that kills the sync process as soon
// as the rebase command returns.
import { spawnSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureBuilt } from '../cli/support/cli.js';
import { okReport, setUpHost, syncHost, type RealBackend } from '../support/engine.js';
import { useWorld } from '../support/world.js';

beforeAll(() => ensureBuilt());

const MARKERS = /^(<<<<<<<|>>>>>>>|%%%%%%%|\+\+\+\+\+\+\+)/m;

/** A stand-in for the tool: runs the real one, then kills the sync that called it if that was a rebase. */
const WRAPPER = `#!/bin/sh
"$REAL_TOOL" "$@"
rc=$?
rebase=0
for a in "$@"; do
  case "$a" in
    rebase) rebase=1 ;;
    --abort|--continue|--skip|--quit) rebase=0; break ;;
  esac
done
if [ "$rebase" = 1 ]; then kill -9 "$PPID"; fi
exit $rc
`;

describe.each<RealBackend>(['git', 'jj'])('a sync killed right after a conflicting rebase (%s)', (backend) => {
  it('does not wedge the repository: the next sync preserves the conflict, nothing lost', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    setUpHost(w, a);
    okReport(await syncHost(w, a, backend));
    const tool = join(w.root, 'other-tool');
    w.run(a, 'git', ['clone', '-q', w.remote, tool]);
    const base = w.readHome(a, '.bashrc') ?? '';
    writeFileSync(join(tool, 'dot_bashrc'), base.replace('EDITOR=vi', 'EDITOR=other-tool'));
    w.run(a, 'git', ['commit', '-q', '-am', 'another tool'], { cwd: tool });
    w.run(a, 'git', ['push', '-q', 'origin', 'HEAD:main'], { cwd: tool });
    w.writeHome(a, '.bashrc', base.replace('EDITOR=vi', 'EDITOR=alpha'));
    expect(okReport(await syncHost(w, a, backend)).status).toBe('conflicts-preserved');

    const wrapper = join(w.root, `${backend}-killing-wrapper`);
    writeFileSync(wrapper, WRAPPER);
    chmodSync(wrapper, 0o755);
    const real = spawnSync('sh', ['-c', `command -v ${backend}`], { env: a.env, encoding: 'utf8' }).stdout.trim();
    const killed = spawnSync(process.execPath, [CLI, 'sync', '--backend', backend, '--quiet'], {
      env: { ...a.env, REAL_TOOL: real, [backend === 'git' ? 'CHEZMOI_SYNC_GIT' : 'CHEZMOI_SYNC_JJ']: wrapper },
      cwd: a.home,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(killed.signal).toBe('SIGKILL');

    const next = await syncHost(w, a, backend);
    // Whatever the next sync says, HOME never gets conflict markers.
    expect(w.readHome(a, '.bashrc')).not.toMatch(MARKERS);
    const r = okReport(next);
    expect(r.status).toBe('conflicts-preserved');
    expect(w.readHome(a, '.bashrc')).toContain('EDITOR=alpha');
    expect(w.readHome(a, '.bashrc')).not.toMatch(MARKERS);
    expect(w.readSource(a, 'dot_bashrc')).not.toMatch(MARKERS);
    expect(w.readRemote('dot_bashrc', 'sync/alpha')).toContain('EDITOR=alpha');
    expect(w.readRemote('dot_bashrc')).toContain('EDITOR=other-tool');
  });
});
