// The invariant "no HOME file's content is replaced unless that content is stored in a commit":
// HOME as it was before a step (plus what the model itself wrote into it during the step) is
// compared with HOME after it; every content the tools replaced or deleted must exist as a blob in
// some repository of the world (any host's, the remote, another tool's clone) — reachable or not,
// so that a person can always get it back. A content no repository stores may be replaced only
// when every line it loses was replaced on purpose (a person edited the source dir after
// `chezmoi add`, before any commit: the source's version is applied, nothing live is dropped).
import type { Driver, Observation } from './driver.js';
import { tokensIn } from './model.js';

export class HomeGuard {
  private before = new Map<string, Map<string, string>>();
  /** HOME files the tools replaced or deleted so far (stored or not). */
  replaced = 0;

  /** HOME of every host as the step starts. */
  begin(obs: Observation): void {
    this.before = new Map(obs.hosts.map((h) => [h.name, new Map(h.home)]));
  }

  /** The model (a person) wrote HOME/`rel` itself: that is not the tools replacing it. */
  wrote(host: string, rel: string, text: string): void {
    this.before.get(host)?.set(rel, text);
  }

  /** Problems: HOME contents the step replaced or deleted that no repository stores. */
  async check(obs: Observation, driver: Pick<Driver, 'stored'>, live: (token: string) => boolean): Promise<string[]> {
    const replaced: { host: string; rel: string; old: string; now: string | undefined }[] = [];
    for (const ho of obs.hosts) {
      for (const [rel, old] of this.before.get(ho.name) ?? []) {
        const now = ho.home.get(rel);
        if (now !== old) replaced.push({ host: ho.name, rel, old, now });
      }
    }
    this.replaced += replaced.length;
    if (replaced.length === 0) return [];
    const found = await driver.stored([...new Set(replaced.map((r) => r.old))]);
    return replaced
      .filter((r) => !found.has(r.old) && tokensIn(r.old).some((t) => live(t) && !tokensIn(r.now ?? '').includes(t)))
      .map((r) => `${r.host}: HOME/${r.rel} was ${r.now === undefined ? 'deleted' : 'overwritten'}, and its content (${tokensIn(r.old).join(' ')}) is stored in no repository`);
  }
}
