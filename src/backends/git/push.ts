// Push with a lease: the remote branch must still be where our remote-tracking ref says
// (absent counts). A branch deleted locally is deleted on the remote.
import { err, ok, safeTry, type ResultAsync } from 'neverthrow';
import { commandFailed, rejected, type SyncError } from '../../core/errors.js';
import * as cmd from './commands.js';
import { parsePushPorcelain } from './parse-push.js';
import { pushRefusal } from './push-refusal.js';
import type { GitRepo } from './repo.js';

/** Pushes (or deletes) `refs/heads/B` on `remote`; names already validated. */
export const pushBranch = (repo: GitRepo, remote: string, branch: string): ResultAsync<void, SyncError> =>
  safeTry(async function* () {
    const local = yield* repo.commitOf(cmd.localRef(branch));
    const tracked = yield* repo.commitOf(cmd.trackingRef(remote, branch));
    // Neither here nor there: nothing to publish and nothing to delete.
    if (local === undefined && tracked === undefined) return ok(undefined);
    const source = local === undefined ? '' : cmd.localRef(branch);
    const command = cmd.push(remote, branch, source, tracked ?? '');
    const out = yield* repo.run(command);
    const d = { command: repo.argv(command), exitCode: out.exitCode, stderr: out.stderr };
    const statuses = yield* parsePushPorcelain(out.stdout);
    const mine = statuses.find((s) => s.to === cmd.localRef(branch));
    if (mine === undefined) {
      return out.exitCode === 0
        ? ok(undefined)
        : err(commandFailed(`git push to ${remote} failed (exit ${out.exitCode})`, d));
    }
    if (mine.flag !== '!') return ok(undefined);
    const why = mine.reason ?? mine.summary;
    if (pushRefusal(mine) === 'moved') {
      return err(rejected(`the push of ${branch} to ${remote} was rejected (${why})`, branch, d));
    }
    return err(
      commandFailed(`the remote ${remote} refused ${branch}: ${mine.summary}${mine.reason !== undefined ? ` (${mine.reason})` : ''}`, {
        ...d,
        hint: 'the remote declined the update (a hook or branch protection); see its message',
      }),
    );
  });
