// Regression: the first sync of a new machine clones the dotfiles. Killed half-way through the
// clone (^C, a unit's timeout, power off), it left the source dir holding a repository without
// its files (git clones, then checks out). The next sync then failed, depending on where the kill
// landed: "not a repository", "No such ref: HEAD", or "another git process holds the index lock"
// — and once the person removed that lock, as the hint said, git saw every file deleted and the
// sync committed and pushed the deletion of the whole trunk. A clone is now made beside the
// source dir and renamed into place when complete: a killed one leaves the source dir missing,
// and the next sync clones again (removing what the killed one left).
// The kill is made exact with a wrapper around the tool that, on `clone`, lets the clone finish,
// then (git) takes back what a checkout writes — the files and the index — and kills the sync.
import { existsSync, readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../cli/support/cli.js';
import type { RealBackend } from '../support/engine.js';
import { okReport, syncHost } from '../support/engine.js';
import { syncKilledByWrapper } from '../support/killing-wrapper.js';
import { DEFAULT_FILES, useWorld, type Host, type World } from '../support/world.js';

beforeAll(() => ensureBuilt());

const WRAPPER = `#!/bin/sh
for a in "$@"; do
  if [ "$a" = clone ]; then
    "$REAL_TOOL" "$@" >/dev/null 2>&1
    for d; do dest=$d; done
    if [ -n "$UNDO_CHECKOUT" ]; then
      find "$dest" -mindepth 1 -maxdepth 1 ! -name .git -exec rm -rf {} +
      rm -f "$dest/.git/index"
    fi
    kill -9 "$PPID"
    exit 1
  fi
done
exec "$REAL_TOOL" "$@"
`;

/** What the source dir's parent holds besides the lock: no trace of a killed clone must stay. */
const siblings = (h: Host): string[] => readdirSync(dirname(h.source)).filter((n) => n.includes('chezmoi-sync-clone'));

const expectWholeClone = async (w: World, h: Host, backend: RealBackend): Promise<void> => {
  const next = okReport(await syncHost(w, h, backend));
  expect(next.status).toBe('success');
  for (const [name, content] of Object.entries(DEFAULT_FILES)) {
    expect(w.readRemote(name)).toBe(content);
    expect(w.readSource(h, name)).toBe(content);
  }
  expect(w.readHome(h, '.bashrc')).toBe(DEFAULT_FILES['dot_bashrc']);
  expect(siblings(h)).toEqual([]);
};

describe('the first sync killed before git checked out the clone (git)', () => {
  it('pushes no deletion: the source dir stays missing and the next sync clones it whole', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    syncKilledByWrapper(w, a, 'git', WRAPPER, { CHEZMOI_SYNC_REPO_URL: w.remoteUrl, UNDO_CHECKOUT: '1' });
    await expectWholeClone(w, a, 'git');
  });
});

describe.each<RealBackend>(['git', 'jj'])('the first sync killed as its clone ended (%s)', (backend) => {
  it('leaves no half-made source dir: the next sync clones again and removes what the killed one left', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    syncKilledByWrapper(w, a, backend, WRAPPER, { CHEZMOI_SYNC_REPO_URL: w.remoteUrl });
    expect(existsSync(a.source)).toBe(false);
    expect(siblings(a)).toHaveLength(1);
    await expectWholeClone(w, a, backend);
  });
});
