// `chezmoi-sync doctor`: every check, each ok / warn / fail with a fix; non-zero exit when
// any check fails. Runs all checks even when one fails.
import { tmpdir } from 'node:os';
import { ok } from 'neverthrow';
import { checkChezmoiConfig, checkFleet, checkLastRun, checkLfs, checkLock, checkSubmodules, checkRemote, checkRepository, checkResolution, checkSsh, checkStateDir, checkTools, noRemoteReason, repositoryFailure, type Finding } from '../doctor/checks.js';
import { checkIdentity } from '../doctor/identity.js';
import { EXIT } from '../errors.js';
import { readStateView } from '../state-file.js';
import { makeAdapters, settingsFrom } from '../wiring/deps.js';
import { checkRepoSize } from '../doctor/size.js';
import { fleetStoreAt } from '../wiring/fleet.js';
import { openRepo } from '../wiring/open-repo.js';
import type { CommandContext, CommandResult } from './types.js';

export const runDoctor = async (ctx: CommandContext): CommandResult => {
  const v = ctx.config.values;
  // The doctor asks every tool afresh: no remembered versions.
  const { cacheDir: _remembered, ...fresh } = settingsFrom(v);
  const adapters = makeAdapters(fresh);
  const findings: Finding[] = [];
  const s = ctx.out.style;
  const show = (fs: readonly Finding[]): void => {
    for (const f of fs) {
      findings.push(f);
      const mark = f.status === 'ok' ? s.green('ok  ') : f.status === 'skip' ? s.dim('skip') : f.status === 'warn' ? s.yellow('warn') : s.red('FAIL');
      ctx.out.line(`${mark}  ${f.id.padEnd(16)} ${f.detail}`);
      if (f.fix !== undefined && f.status !== 'ok') ctx.out.line(`      ${''.padEnd(16)} ${s.dim(`fix: ${f.fix}`)}`);
    }
  };

  show(await checkTools(v, adapters));
  const jjUsable = findings.find((f) => f.id === 'tools.jj')?.status === 'ok';
  // The backend a sync would use (a plain git clone is colocated by jj's first sync, not here).
  const inUse = v.backend === 'git' || (v.backend === 'auto' && !jjUsable) ? 'git' : 'jj';
  const repo = await openRepo(v, adapters);
  if (repo.isOk()) {
    show(checkRepository(v, repo.value));
    show([await checkLfs(repo.value.vcs.root, inUse)]);
    show([await checkSubmodules(repo.value.vcs.root, repo.value.vcs)]);
    show([await checkRepoSize(repo.value.vcs)]);
    show([await checkRemote(v, repo.value)]);
    const url = repo.value.info.remotes.find((r) => r.name === v.remote)?.url;
    show([await checkSsh(ctx.env, url, noRemoteReason(v.remote, true))]);
  } else {
    show([repositoryFailure(repo.error)]);
    show([await checkSsh(ctx.env, v.repoUrl, noRemoteReason(v.remote, false))]);
  }
  show(await checkIdentity(adapters, repo.isOk() ? repo.value.vcs.root : ctx.env['HOME'] ?? tmpdir(), inUse));
  show([await checkStateDir(v.stateDir)]);
  if (repo.isOk()) show([await checkLock(repo.value.vcs.root, v.host), await checkResolution(repo.value.vcs.root)]);
  show(await checkChezmoiConfig(v));
  const state = await readStateView(v.stateDir);
  if (state.isOk()) show([checkLastRun(state.value.state, state.value.corrupt, state.value.path)]);
  if (repo.isOk()) {
    const { vcs, trunk } = repo.value;
    const snap = await fleetStoreAt(v, vcs.root, vcs.kind === 'jj', trunk).andThen((store) => store.list());
    show([checkFleet(snap.isOk() ? snap.value.records : undefined, v.fleetStaleAfter)]);
  }

  const failed = findings.filter((f) => f.status === 'fail').length;
  const warned = findings.filter((f) => f.status === 'warn').length;
  ctx.out.line(failed > 0 ? `${failed} check(s) failed, ${warned} warning(s)` : `all checks passed${warned > 0 ? ` (${warned} warning(s))` : ''}`);
  return ok({ exitCode: failed > 0 ? EXIT.checksFailed : EXIT.ok, data: { findings, failed, warnings: warned } });
};
