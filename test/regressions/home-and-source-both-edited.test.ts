// Regression (found by an exploratory run of the packed CLI): a file edited in HOME while the
// source moved on since they last agreed — another machine's edit pulled by hand (`git pull`), a
// re-clone, or a save while a sync ran — was "kept local" on every later run: the HOME edit was
// never published, the other machine's edit never applied, each run said success. The two are now
// merged line by line against the version they last agreed on (as git and jj merge): the merge is
// published and applied to HOME. Edits of the same lines are still both kept, and the run says
// how to bring them together.
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { okReport, setUpAndSync, syncHost, type RealBackend } from '../support/engine.js';
import { toolPath } from '../support/tools.js';
import { useWorld } from '../support/world.js';
import { cli, ensureBuilt } from '../cli/support/cli.js';

beforeAll(() => ensureBuilt());

const BASE = '# bashrc\nexport EDITOR=vi\nalias ll="ls -l"\n';

describe.each<RealBackend>(['jj', 'git'])('a HOME edit while the source moved on (%s)', (backend) => {
  it('on different lines: merged, published, and applied on both machines', { timeout: 180_000 }, async () => {
    const w = await useWorld({ hosts: ['alpha', 'beta'] });
    const [a, b] = [w.host('alpha'), w.host('beta')];
    await setUpAndSync(w, [a, b], backend);
    expect(w.readHome(a, '.bashrc')).toBe(BASE);
    // beta changes the first line and publishes it.
    w.writeHome(b, '.bashrc', BASE.replace('# bashrc', '# bashrc (beta)'));
    expect(okReport(await syncHost(w, b, backend)).status).toBe('success');
    // alpha changes the last line in HOME, and the person pulls beta's edit into the source dir by hand.
    w.writeHome(a, '.bashrc', BASE.replace('ls -l', 'ls -la'));
    w.run(a, 'git', ['pull', '-q', '--rebase', 'origin', 'main'], { cwd: a.source });
    expect(w.readSource(a, 'dot_bashrc')).toBe(BASE.replace('# bashrc', '# bashrc (beta)'));

    const both = '# bashrc (beta)\nexport EDITOR=vi\nalias ll="ls -la"\n';
    const run = await syncHost(w, a, backend);
    const r = okReport(run);
    expect(r.status).toBe('success');
    expect(r.keptLocal, JSON.stringify(run.events)).toEqual([]);
    expect(w.readHome(a, '.bashrc')).toBe(both);
    expect(w.readSource(a, 'dot_bashrc')).toBe(both);
    expect(w.readRemote('dot_bashrc')).toBe(both);
    expect(okReport(await syncHost(w, b, backend)).status).toBe('success');
    expect(w.readHome(b, '.bashrc')).toBe(both);
    // Settled: the next run has nothing to do.
    expect(okReport(await syncHost(w, a, backend)).keptLocal).toEqual([]);
  });

  it('on the same lines: both kept, nothing lost, and the run says how to bring them together', { timeout: 180_000 }, async () => {
    const w = await useWorld({ hosts: ['alpha', 'beta'] });
    const [a, b] = [w.host('alpha'), w.host('beta')];
    await setUpAndSync(w, [a, b], backend);
    w.writeHome(b, '.bashrc', `${BASE}export PAGER=less\n`);
    expect(okReport(await syncHost(w, b, backend)).status).toBe('success');
    w.writeHome(a, '.bashrc', `${BASE}export PAGER=most\n`);
    w.run(a, 'git', ['pull', '-q', '--rebase', 'origin', 'main'], { cwd: a.source });

    const run = await syncHost(w, a, backend);
    const r = okReport(run);
    expect(r.keptLocal).toEqual([`${a.home}/.bashrc`]);
    expect(w.readHome(a, '.bashrc')).toBe(`${BASE}export PAGER=most\n`);
    expect(w.readRemote('dot_bashrc')).toBe(`${BASE}export PAGER=less\n`);
    const said = run.events.flatMap((e) => (e.type === 'info' ? [e.message] : [])).join('\n');
    expect(said).toMatch(/on the same lines: both kept/);
    expect(said).toContain(`chezmoi re-add ${a.home}/.bashrc`);
    // chezmoi-status says so too (it said "captured by the next sync", which never happened).
    const status = cli(['status', '--backend', backend], { env: a.env });
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/HOME edits +.*\.bashrc \(kept local by the last sync/);
    expect(status.stdout).not.toMatch(/bashrc \(captured by the next sync\)/);
  });

  // The helper's first finding: the save lands while the sync applies the other machine's edit.
  // The record then holds a version the repository has only on the line before its rebase: the
  // merge's base comes from the copy kept in the state dir.
  it('saved while a sync applied incoming work: merged by the next sync, on both machines', { timeout: 180_000 }, async () => {
    const w = await useWorld({ hosts: ['alpha', 'beta'] });
    const [a, b] = [w.host('alpha'), w.host('beta')];
    await setUpAndSync(w, [a, b], backend);
    w.writeHome(b, '.bashrc', BASE.replace('# bashrc', '# bashrc (beta)'));
    expect(okReport(await syncHost(w, b, backend)).status).toBe('success');
    w.writeHome(a, '.bashrc', `${BASE}export PAGER=less\n`);
    const wrapper = join(w.root, 'chezmoi-saving');
    writeFileSync(wrapper, `#!/bin/sh\ncase " $* " in *" apply "*) if [ ! -e "$SAVED_FLAG" ]; then : > "$SAVED_FLAG"; printf 'alias la="ls -a"\\n' >> "$SAVE_FILE"; fi ;; esac\nexec "$REAL_CHEZMOI" "$@"\n`);
    chmodSync(wrapper, 0o755);
    const flag = join(w.root, 'saved');
    const env = { ...a.env, CHEZMOI_SYNC_CHEZMOI: wrapper, REAL_CHEZMOI: toolPath('chezmoi'), SAVE_FILE: join(a.home, '.bashrc'), SAVED_FLAG: flag };
    expect(cli(['sync', '-q', '--backend', backend], { env }).code).toBe(0);
    expect(existsSync(flag)).toBe(true);

    const all = `# bashrc (beta)\nexport EDITOR=vi\nalias ll="ls -l"\nexport PAGER=less\nalias la="ls -a"\n`;
    const r = okReport(await syncHost(w, a, backend));
    expect(r.keptLocal).toEqual([]);
    expect(w.readHome(a, '.bashrc')).toBe(all);
    expect(w.readRemote('dot_bashrc')).toBe(all);
    expect(okReport(await syncHost(w, b, backend)).status).toBe('success');
    expect(w.readHome(b, '.bashrc')).toBe(all);
  });
});
