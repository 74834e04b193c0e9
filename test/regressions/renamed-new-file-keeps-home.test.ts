// Regression (found by test/property, git person campaign, once new person steps shifted its
// seeds): a managed file renamed in HOME and in the source dir before any sync had seen it — the
// person following the "name not valid UTF-8" advice, after an edit of the HOME copy — was
// overwritten in HOME by the older source copy. With no synced record, capture asks chezmoi
// whether HOME changed since chezmoi last wrote it; for a target chezmoi never wrote (the new name)
// `chezmoi status` says " " (unchanged), so the source was taken as newer, and apply wrote it over
// the only copy of the HOME edit. For a source file the repository has never held, that answer now
// counts for nothing: both copies are kept, reported, and kept on later runs. (When apply ran,
// its own check kept HOME; a run that stopped at a conflict first did not even report it.)
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { okReport, pushFromElsewhere, setUpHost, syncHost, type RealBackend } from '../support/engine.js';
import { useWorld } from '../support/world.js';

describe.each<RealBackend>(['jj', 'git'])('a new file renamed in HOME and the source dir before its first sync (%s)', (backend) => {
  it('keeps the HOME edit: both copies kept and reported — also by a run that stops at a conflict — on this run and the next', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    setUpHost(w, a);
    okReport(await syncHost(w, a, backend));
    w.writeHome(a, '.toolrc', 'colour = auto\n');
    w.run(a, 'chezmoi', ['add', '--no-tty', '--config', a.chezmoiConfig, '--source', a.source, '--destination', a.home, join(a.home, '.toolrc')]);
    // Edited in HOME, then renamed in both places, by hand.
    w.writeHome(a, '.toolrc', 'colour = never\n');
    w.run(a, 'mv', [join(a.home, '.toolrc'), join(a.home, '.tool.conf')]);
    w.run(a, 'mv', [join(a.source, 'dot_toolrc'), join(a.source, 'dot_tool.conf')]);

    // And a conflict on another file: the run stops before apply.
    pushFromElsewhere(w, a, 'dot_bashrc', (t) => t.replace('EDITOR=vi', 'EDITOR=other'));
    w.writeHome(a, '.bashrc', (w.readHome(a, '.bashrc') ?? '').replace('EDITOR=vi', 'EDITOR=alpha'));

    const r = okReport(await syncHost(w, a, backend));
    expect(r.status).toBe('conflicts-preserved');
    expect(w.readHome(a, '.tool.conf')).toBe('colour = never\n');
    expect(r.keptLocal).toContain(join(a.home, '.tool.conf'));
    expect(w.readSource(a, 'dot_tool.conf')).toBe('colour = auto\n');

    const again = okReport(await syncHost(w, a, backend));
    expect(w.readHome(a, '.tool.conf')).toBe('colour = never\n');
    expect(again.keptLocal).toContain(join(a.home, '.tool.conf'));
  });
});
