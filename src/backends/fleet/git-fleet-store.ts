// FleetStore over git plumbing, for both backends: the git repository of a git clone, or the
// one behind a jj repo (`.git` when colocated, `.jj/repo/store/git` otherwise). A record is the
// message of a parentless, file-less commit under refs/chezmoi-sync/hosts/, which jj neither
// imports nor exports (only branches and tags): it never enters the trunk or a jj bookmark.
import { errAsync, okAsync, ResultAsync, type Result } from 'neverthrow';
import { invalidInput, type SyncError } from '../../core/errors.js';
import { FLEET_TRUNK_REF, fleetRef, serializeRecord, type HostRecord } from '../../core/fleet/record.js';
import type { FleetSnapshot, FleetStore } from '../../core/fleet/store.js';
import { checkRepositoryRemote } from '../../core/remote/remote-url.js';
import { validateRefName, validateRemoteName } from '../../core/validate.js';
import type { BackendOptions } from '../../core/vcs.js';
import { parseRemoteUrls } from '../git/parse-refs.js';
import { processGitRunner, type GitCommand, type GitRunner } from '../git/process-runner.js';
import { gitSettings } from '../git/settings.js';
import { execaRunner, type Runner } from '../process/runner.js';
import * as cmd from './commands.js';
import { parseSnapshot, trunkOf, type RefSnapshot } from './parse-snapshot.js';

export interface GitFleetOptions extends BackendOptions {
  /** The git directory (`.git`, or the store behind a jj repo). */
  readonly gitDir: string;
  readonly remote: string;
  /** Trunk branch; default: the remote's HEAD as recorded here, else main. */
  readonly trunk?: string;
  /** Spawns the processes (tests count them); default execa. */
  readonly runner?: Runner;
}

const OID = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

const lift = <T>(r: Result<T, SyncError>): ResultAsync<T, SyncError> => (r.isOk() ? okAsync(r.value) : errAsync(r.error));


/** Records on the remote of a git (or jj) repository. Nothing runs until a method is called. */
export const gitFleetStore = (o: GitFleetOptions): FleetStore => {
  const settings = gitSettings(o);
  const git: GitRunner = processGitRunner(settings, o.runner ?? execaRunner);
  const run = (c: GitCommand) => git(o.gitDir, { ...c, args: [`--git-dir=${o.gitDir}`, ...c.args] });
  const remote = validateRemoteName(o.remote);
  const configuredTrunk = o.trunk !== undefined ? validateRefName(o.trunk, 'trunk') : undefined;

  // One for-each-ref answers read, integrated and list; dropped whenever a ref changes.
  let cached: RefSnapshot | undefined;
  const snapshot = (): ResultAsync<RefSnapshot, SyncError> =>
    cached !== undefined
      ? okAsync(cached)
      : lift(remote).andThen((r) => run(cmd.snapshotCommand(r)).map((out) => (cached = parseSnapshot(out.stdout, r))));
  // After this store's fetch the trunk it fetched is the freshest; before, the sync's remote-tracking ref.
  let fetched = false;
  const trunkRef = (snap: RefSnapshot): ResultAsync<{ ref: string; head: string } | undefined, SyncError> => {
    if (configuredTrunk?.isErr() === true) return errAsync(configuredTrunk.error);
    if (fetched && snap.fetchedTrunk !== undefined) return okAsync({ ref: FLEET_TRUNK_REF, head: snap.fetchedTrunk });
    const t = trunkOf(snap, o.trunk);
    const head = t !== undefined ? snap.branches.get(t) : undefined;
    return okAsync(t !== undefined && head !== undefined ? { ref: `refs/remotes/${o.remote}/${t}`, head } : undefined);
  };
  // A URL read from the repository is checked like a configured one before anything talks to it:
  // read and judged as the sync does (every URL a push may use), and a remote with no URL to fetch
  // from (a push URL alone) is no remote, as for the sync.
  const checkedRemote = (): ResultAsync<string, SyncError> =>
    lift(remote).andThen((r) =>
      run(cmd.remoteUrlsCommand(r)).andThen((out) => {
        const found = parseRemoteUrls(out.stdout).map((remotes) => remotes.find((x) => x.name === r));
        if (found.isErr()) return errAsync(found.error);
        if (found.value === undefined) {
          return errAsync(invalidInput('remote', r, `the repository has no remote named ${r} with a URL`, { hint: `give it one (\`git remote set-url ${r} <url>\`) or pass another --remote; nothing was fetched or pushed` }));
        }
        return lift(checkRepositoryRemote(found.value)).map(() => r);
      }),
    );

  return {
    read: (host) => lift(fleetRef(host)).andThen(() => snapshot()).map((s) => s.records.get(host)),

    // A commit id that is not hex (another backend's, or a hostile record's) is unknown here.
    integrated: (head) =>
      snapshot().andThen(trunkRef).andThen((t) => {
        if (t === undefined || !OID.test(head)) return okAsync(undefined);
        if (t.head === head) return okAsync(head);
        return run(cmd.mergeBaseCommand(head, t.ref)).map((out) => (out.exitCode === 0 ? out.stdout.trim() : undefined));
      }),

    publish: (record: HostRecord) =>
      lift(fleetRef(record.host)).andThen((ref) =>
        // The remote's URL is checked while the record's commit is written (a local object that
        // nothing refers to until the push, which waits for the check).
        ResultAsync.combine([
          checkedRemote(),
          snapshot().andThen((snap) => run(cmd.writeRecordCommand(serializeRecord(record), cmd.emptyTree(snap.oidLength), record.lastSync))),
        ] as const).andThen(([r, out]) => {
          const commit = out.stdout.trim();
          // The push sets the local copy too (commands.ts).
          return run(cmd.pushRecordCommand(r, commit, ref)).map(() => {
            cached = undefined;
          });
        }),
      ),

    fetch: () =>
      checkedRemote().andThen((r) =>
        snapshot()
          .andThen((snap) => {
            if (configuredTrunk?.isErr() === true) return errAsync(configuredTrunk.error);
            return run(cmd.fetchRecordsCommand(r, trunkOf(snap, o.trunk) ?? 'main'));
          })
          .map(() => {
            cached = undefined;
            fetched = true;
          }),
      ),

    list: () =>
      snapshot().andThen((snap) =>
        trunkRef(snap).map(
          (t): FleetSnapshot => ({
            records: [...snap.records.values()].sort((a, b) => a.host.localeCompare(b.host)),
            invalid: [...snap.invalid].sort(),
            ...(t !== undefined ? { trunkHead: t.head } : {}),
          }),
        ),
      ),

    behind: (commit) =>
      snapshot().andThen(trunkRef).andThen((t) => {
        if (t === undefined || !OID.test(commit)) return okAsync(undefined);
        return run(cmd.countBehindCommand(commit, t.ref)).map((out) => (out.exitCode === 0 ? Number(out.stdout.trim()) : undefined));
      }),

    forget: (host) =>
      lift(fleetRef(host)).andThen((ref) =>
        checkedRemote()
          .andThen((r) => run(cmd.deleteRemoteRecordCommand(r, ref)))
          // Already gone on the remote (forgotten elsewhere): only the local copy is left to drop.
          .orElse((e) => ('stderr' in e && /remote ref does not exist/.test(e.stderr ?? '') ? okAsync(undefined) : errAsync(e)))
          .andThen(() => run(cmd.updateLocalRefCommand(ref)))
          .map(() => {
            cached = undefined;
          }),
      ),
  };
};
