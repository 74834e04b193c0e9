// Regression: a person saves a dotfile in the source dir while a sync's rebase conflicts (watch
// mode syncs while they edit). The sync backs its rebase out (jj: `jj op restore` of the operation
// before it; git: `git rebase --abort`), which put the working copy back as it was: the save was
// gone from the disk (jj kept it only in its operation log). It is now kept across the back-out,
// like the edits made after a killed rebase, and the next sync publishes it.
// The save is made exact with a stand-in for the VCS binary that writes the files as soon as the
// rebase command returns.
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { ensureBuilt } from '../cli/support/cli.js';
import { okReport, syncHost, type RealBackend } from '../support/engine.js';
import { conflictingEditPending } from '../support/conflicting-edit.js';
import { SH_IS_REBASE, syncWithWrapper } from '../support/killing-wrapper.js';
import { useWorld } from '../support/world.js';

beforeAll(() => ensureBuilt());

/** Runs the tool; right after a rebase (not its --abort/--continue) returns, the person saves two files. */
const WRAPPER = `#!/bin/sh
"$REAL_TOOL" "$@"
rc=$?
${SH_IS_REBASE}
if [ "$rebase" = 1 ] && [ ! -e "$SAVED_FLAG" ]; then
  : > "$SAVED_FLAG"
  printf 'saved during the rebase\\n' > "$SAVE_DIR/dot_savedrc"
  sed -i 's/autocrlf = false/autocrlf = input/' "$SAVE_DIR/dot_gitconfig"
fi
exit $rc
`;

describe.each<RealBackend>(['jj', 'git'])('a person saves in the source dir while a sync rebase conflicts (%s)', (backend) => {
  it('keeps the saves across the back-out; the next sync publishes them with the preserved conflict', { timeout: 180_000 }, async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    await conflictingEditPending(w, a, backend);
    const gitconfig = (w.readSource(a, 'dot_gitconfig') ?? '').replace('autocrlf = false', 'autocrlf = input');
    expect(gitconfig).toContain('autocrlf = input');

    const flag = join(w.root, 'saved');
    const run = syncWithWrapper(w, a, backend, WRAPPER, { SAVE_DIR: a.source, SAVED_FLAG: flag });
    expect(existsSync(flag)).toBe(true);
    expect(run.status, run.stderr).toBe(0);
    expect(w.readSource(a, 'dot_savedrc')).toBe('saved during the rebase\n');
    expect(w.readSource(a, 'dot_gitconfig')).toBe(gitconfig);

    expect(okReport(await syncHost(w, a, backend)).status).toBe('conflicts-preserved');
    expect(w.readRemote('dot_savedrc', 'sync/alpha')).toBe('saved during the rebase\n');
    expect(w.readRemote('dot_gitconfig', 'sync/alpha')).toBe(gitconfig);
    expect(w.readRemote('dot_bashrc', 'sync/alpha')).toContain('EDITOR=alpha');
    expect(w.readRemote('dot_bashrc')).toContain('EDITOR=other-tool');
    expect(existsSync(join(a.source, backend === 'git' ? '.git' : '.jj', 'chezmoi-sync-kept-edits.json'))).toBe(false);
  });
});
