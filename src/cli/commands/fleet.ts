// `chezmoi-sync fleet [--forget HOST]`: fetches every host's record and lists them — last sync,
// status, trunk commits not yet integrated, preserved conflicts — or deletes one host's record.
import { err, ok } from 'neverthrow';
import { fleetView, type FleetHost } from '../../core/fleet/view.js';
import { validateHostName } from '../../core/validate.js';
import { usage } from '../errors.js';
import { ago, when } from '../output/time.js';
import { fleetStoreAt } from '../wiring/fleet.js';
import { openRepo } from '../wiring/open-repo.js';
import type { CommandContext, CommandResult } from './types.js';

/** One host in the --json document: the record's fields plus `behind` (null when it cannot be counted). */
const hostJson = (h: FleetHost, now: Date): Record<string, unknown> => ({
  host: h.record.host,
  lastSync: h.record.lastSync,
  lastSyncAgo: ago(h.record.lastSync, now),
  status: h.record.status,
  behind: h.behind ?? null,
  ...(h.behindUnknown !== undefined ? { behindUnknown: h.behindUnknown } : {}),
  conflicts: h.record.conflicts,
  conflictBranch: h.record.conflictBranch,
  trunkCommit: h.record.trunkCommit,
  version: h.record.version,
});

export const runFleet = async (ctx: CommandContext): CommandResult => {
  const { out } = ctx;
  const v = ctx.config.values;
  const forget = ctx.invocation.flags['forget'];
  if (forget === true || forget === '') return err(usage('--forget needs a host name'));
  const opened = await openRepo(v);
  if (opened.isErr()) return err(opened.error);
  const { vcs, trunk } = opened.value;
  const store = await fleetStoreAt(v, vcs.root, vcs.kind === 'jj', trunk);
  if (store.isErr()) return err(store.error);

  if (typeof forget === 'string') {
    const host = validateHostName(forget);
    if (host.isErr()) return err(host.error);
    const known = await store.value.fetch().andThen(() => store.value.list());
    if (known.isErr()) return err(known.error);
    const existed = known.value.records.some((r) => r.host === host.value) || known.value.invalid.includes(host.value);
    const gone = await store.value.forget(host.value);
    if (gone.isErr()) return err(gone.error);
    out.line(existed ? `forgot ${host.value}: its record is deleted on ${v.remote} (a later sync on that host publishes it again)` : `no record for ${host.value} on ${v.remote}: nothing to forget`);
    return ok({ exitCode: 0, data: { forgotten: host.value, existed } });
  }

  // Offline: the records as last fetched, said so.
  const fetched = await store.value.fetch();
  if (fetched.isErr()) out.problem(`warning: could not fetch the host records (${fetched.error.message}); showing those fetched before`);
  const view = await store.value.list().andThen((snap) => fleetView(store.value, snap));
  if (view.isErr()) return err(view.error);
  const now = new Date();
  const { hosts, invalid, trunkHead } = view.value;

  const s = out.style;
  if (hosts.length === 0) out.line(`no host records on ${v.remote} yet: each sync publishes its host's record`);
  else {
    out.line(s.bold(`${'host'.padEnd(20)} ${'last sync'.padEnd(34)} ${'status'.padEnd(20)} ${'behind'.padEnd(7)} conflicts`));
    for (const h of hosts) {
      const r = h.record;
      const status = r.status === 'success' ? r.status : s.yellow(r.status);
      const behind = h.behind === undefined ? '?' : String(h.behind);
      const conflicts = r.conflicts.length === 0 ? '-' : `${r.conflicts.join(', ')}${r.conflictBranch !== null ? ` (on ${r.conflictBranch})` : ''}`;
      out.line(`${r.host.padEnd(20)} ${when(r.lastSync, now).padEnd(34)} ${status.padEnd(20 + status.length - r.status.length)} ${behind.padEnd(7)} ${conflicts}`);
    }
    for (const h of hosts) if (h.behindUnknown !== undefined) out.line(s.dim(`${h.record.host}: behind unknown — ${h.behindUnknown}`));
  }
  for (const h of invalid) out.problem(`warning: the record of ${h} on ${v.remote} is not a valid record; left out`);
  return ok({
    exitCode: 0,
    data: {
      hosts: hosts.map((h) => hostJson(h, now)),
      trunk: { remote: v.remote, branch: trunk, head: trunkHead ?? null },
      fetched: fetched.isOk(),
      invalid,
    },
  });
};
