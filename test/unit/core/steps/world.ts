// A memory world for one step at a time: one machine synced once (cloned, applied, recorded),
// and the context a step gets from the engine.
import { runSync } from '../../../../src/core/sync/engine.js';
import { resolveOptions } from '../../../../src/core/sync/options.js';
import { readSynced, syncedRecordPath } from '../../../../src/core/sync/state.js';
import { checkpointer, progressOf, type Ledger, type StepContext } from '../../../../src/core/sync/steps/context.js';
import type { SyncEvent, SyncOptions } from '../../../../src/core/sync/types.js';
import { MemoryFs, MemoryRemote, memoryMachine, type MemoryMachine } from '../../../../src/testing.js';

export const URL = 'ssh://git.example.com/me/dotfiles.git';
export const BASHRC = '# bashrc\nexport EDITOR=vi\n';
export const GITCONFIG = '[core]\n\tautocrlf = false\n';

export const stepWorld = async () => {
  const fs = new MemoryFs();
  const remote = new MemoryRemote({ files: { dot_bashrc: BASHRC, dot_gitconfig: GITCONFIG } });
  const machine = (host: string): MemoryMachine => memoryMachine({ fs, remotes: { [URL]: remote }, host });
  const options = (m: MemoryMachine, extra: Partial<SyncOptions> = {}): SyncOptions => ({ host: m.host, sourceDir: m.source, repoUrl: URL, stateDir: `/state/${m.host}`, ...extra });
  const sync = async (m: MemoryMachine, extra: Partial<SyncOptions> = {}) => (await runSync(m.deps, options(m, extra)))._unsafeUnwrap();
  const a = machine('alpha');
  const b = machine('beta');
  await sync(a);
  await sync(b);
  const events: SyncEvent[] = [];
  /** The context the engine would give a step on machine `m`. */
  const context = async (m: MemoryMachine, extra: Partial<SyncOptions> = {}): Promise<StepContext> => {
    const o = resolveOptions({ ...options(m, extra), onEvent: (e) => events.push(e) })._unsafeUnwrap();
    const vcs = (await m.vcs.open(m.source))._unsafeUnwrap();
    return { deps: m.deps, o, vcs, trunk: 'main', progress: progressOf(o), checkpoint: checkpointer(vcs, o.dryRun) };
  };
  /** The synced record of machine `m`, as the engine reads it before capture. */
  const ledger = async (m: MemoryMachine): Promise<Ledger> => {
    const r = (await readSynced(m.deps.fs, syncedRecordPath(`/state/${m.host}`, m.source)))._unsafeUnwrap();
    return { files: { ...r.files }, fingerprints: {}, knownStats: r.stats ?? {}, ...(r.head !== undefined ? { recordHead: r.head } : {}), homeWins: false, leftLine: false };
  };
  const home = (m: MemoryMachine, rel: string) => fs.read(`${m.home}/${rel}`);
  const edit = (m: MemoryMachine, rel: string, content: string) => fs.write(`${m.home}/${rel}`, content);
  return { fs, remote, a, b, sync, context, ledger, home, edit, events };
};
