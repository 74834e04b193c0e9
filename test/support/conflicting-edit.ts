// A host whose next sync meets a real conflict: another tool has pushed an edit of the line the
// host edits in HOME (`EDITOR=vi` in ~/.bashrc becomes `other-tool` there, `alpha` here).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { okReport, setUpHost, syncHost, type RealBackend } from './engine.js';
import type { Host, World } from './world.js';

/** Sets `h` up and syncs it; then another tool pushes its edit of the line, and `h` edits the same line in HOME. */
export const conflictingEditPending = async (w: World, h: Host, backend: RealBackend): Promise<void> => {
  setUpHost(w, h);
  okReport(await syncHost(w, h, backend));
  const tool = join(w.root, 'other-tool');
  w.run(h, 'git', ['clone', '-q', w.remote, tool]);
  const base = w.readHome(h, '.bashrc') ?? '';
  writeFileSync(join(tool, 'dot_bashrc'), base.replace('EDITOR=vi', 'EDITOR=other-tool'));
  w.run(h, 'git', ['commit', '-q', '-am', 'another tool'], { cwd: tool });
  w.run(h, 'git', ['push', '-q', 'origin', 'HEAD:main'], { cwd: tool });
  w.writeHome(h, '.bashrc', base.replace('EDITOR=vi', 'EDITOR=alpha'));
};
