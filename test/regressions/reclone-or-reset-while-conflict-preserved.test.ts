// Regression: A and B edit the same line of ~/.gitconfig and B ends conflicts-preserved (its side
// on sync/beta). B then re-clones its source dir (rm -rf + git clone) or resets it to the remote
// trunk (git: reset --hard origin/main; jj: new main@origin + abandon the old line), edits
// ~/.bashrc and syncs. The synced record still said HOME and source agreed on B's version, so
// the older source counted as "newer" and was applied over HOME; then the clean publish deleted
// sync/beta: B's edit existed nowhere. Expected: B's HOME keeps its side, sync/beta stays on the
// remote with it, the conflict stays reported, and the .bashrc edit is published.
// Second case: after the re-clone or reset, a NEW conflict on B moved sync/beta to the new line,
// and the earlier side (the only copy once HOME no longer had it) was on no remote branch.
// Expected: sync/beta stays on the earlier side and the new side goes to sync/beta-2.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { okReport, setUpHost, syncHost, type RealBackend } from '../support/engine.js';
import { useWorld, type Host, type World } from '../support/world.js';

type Disruption = 're-clone' | 'reset';

const disrupt = (w: World, h: Host, backend: RealBackend, how: Disruption): void => {
  if (how === 're-clone') {
    rmSync(h.source, { recursive: true, force: true });
    w.cloneWithGit(h);
    return;
  }
  if (backend === 'git') {
    w.run(h, 'git', ['reset', '-q', '--hard', 'origin/main'], { cwd: h.source });
    return;
  }
  w.run(h, 'jj', ['new', 'main@origin'], { cwd: h.source });
  w.run(h, 'jj', ['abandon', 'mutable() ~ ::@'], { cwd: h.source });
};

const stateOf = (h: Host): { conflicts?: { branch: string; paths: string[] } } =>
  JSON.parse(readFileSync(join(h.stateDir, 'state.json'), 'utf8')) as { conflicts?: { branch: string; paths: string[] } };

/** Alpha and beta edit the same line of ~/.gitconfig: alpha publishes, beta ends conflicts-preserved. */
const conflictPreserved = async (backend: RealBackend): Promise<{ w: World; a: Host; b: Host }> => {
    const w = await useWorld({ hosts: ['alpha', 'beta'] });
    const [a, b] = [w.host('alpha'), w.host('beta')];
    for (const h of [a, b]) {
      setUpHost(w, h);
      okReport(await syncHost(w, h, backend));
    }
    w.writeHome(a, '.gitconfig', '[core]\n\tautocrlf = ALPHA\n');
    expect(okReport(await syncHost(w, a, backend)).status).toBe('success');
    w.writeHome(b, '.gitconfig', '[core]\n\tautocrlf = BETA\n');
    expect(okReport(await syncHost(w, b, backend)).status).toBe('conflicts-preserved');
  return { w, a, b };
};

describe.each<RealBackend>(['jj', 'git'])('a preserved conflict, then the source dir is re-cloned or reset (%s)', (backend) => {
  it.each<Disruption>(['re-clone', 'reset'])('after a %s the host keeps its side and its host branch', async (how) => {
    const { w, a, b } = await conflictPreserved(backend);
    expect(w.readRemote('dot_gitconfig', 'sync/beta')).toContain('BETA');

    disrupt(w, b, backend, how);
    const bashrc = `${w.readHome(b, '.bashrc') ?? ''}# BETA_BASHRC\n`;
    w.writeHome(b, '.bashrc', bashrc);
    const r = okReport(await syncHost(w, b, backend));

    // B's side of the conflict: still in its HOME and on its host branch.
    expect(w.readHome(b, '.gitconfig')).toContain('BETA');
    expect(w.remoteBranches()).toContain('sync/beta');
    expect(w.readRemote('dot_gitconfig', 'sync/beta')).toContain('BETA');
    // The unrelated edit is published; the trunk keeps A's side.
    expect(w.readRemote('dot_bashrc')).toContain('BETA_BASHRC');
    expect(w.readRemote('dot_gitconfig')).toContain('ALPHA');
    expect(w.readHome(a, '.gitconfig')).toContain('ALPHA');
    // The conflict stays reported (status, conflicts read the state file).
    expect(r.status).toBe('conflicts-preserved');
    expect(stateOf(b).conflicts?.branch).toBe('sync/beta');

    // Another round: still nothing lost, nothing deleted.
    okReport(await syncHost(w, a, backend));
    okReport(await syncHost(w, b, backend));
    expect(w.readHome(b, '.gitconfig')).toContain('BETA');
    expect(w.readRemote('dot_gitconfig', 'sync/beta')).toContain('BETA');
    expect(stateOf(b).conflicts?.branch).toBe('sync/beta');
  });

  it.each<Disruption>(['re-clone', 'reset'])('after a %s, a new conflict keeps both sides on the remote', async (how) => {
    const { w, a, b } = await conflictPreserved(backend);

    disrupt(w, b, backend, how);
    // The person takes the trunk's version into HOME: sync/beta is now the only copy of BETA.
    w.writeHome(b, '.gitconfig', w.readHome(a, '.gitconfig') ?? '');
    w.writeHome(a, '.bashrc', `${w.readHome(a, '.bashrc') ?? ''}# ALPHA_BASHRC\n`);
    expect(okReport(await syncHost(w, a, backend)).status).toBe('success');
    w.writeHome(b, '.bashrc', `${w.readHome(b, '.bashrc') ?? ''}# BETA_BASHRC\n`);
    const r = okReport(await syncHost(w, b, backend));

    expect(r.status).toBe('conflicts-preserved');
    const kept = w.remoteBranches().filter((x) => /^sync\/beta(-[0-9]+)?$/.test(x));
    expect(kept.some((x) => w.readRemote('dot_gitconfig', x)?.includes('BETA') === true)).toBe(true);
    expect(kept.some((x) => w.readRemote('dot_bashrc', x)?.includes('BETA_BASHRC') === true)).toBe(true);
    expect(w.readRemote('dot_gitconfig', 'sync/beta')).toContain('BETA');
    expect(w.readRemote('dot_bashrc', r.conflicts?.branch ?? '')).toContain('BETA_BASHRC');
    expect(w.readRemote('dot_bashrc')).toContain('ALPHA_BASHRC');

    // Another round on each host: still both sides on the remote.
    okReport(await syncHost(w, a, backend));
    okReport(await syncHost(w, b, backend));
    expect(w.readRemote('dot_gitconfig', 'sync/beta')).toContain('BETA');
    expect(w.remoteBranches().some((x) => /^sync\/beta(-[0-9]+)?$/.test(x) && w.readRemote('dot_bashrc', x)?.includes('BETA_BASHRC') === true)).toBe(true);
  });
});
