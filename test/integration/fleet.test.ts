// The fleet view with real jj, git and chezmoi, through the built CLI: each sync publishes its
// host's record under refs/chezmoi-sync/hosts/ (never in the trunk), `fleet` lists every host
// with how far behind trunk it is and its conflicts, `status` sums it up, `doctor` names hosts
// not seen for long, `--forget` deletes a record; a record is pushed only when it changed and an
// unreachable remote never fails the sync.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, ensureBuilt, jsonOf } from '../cli/support/cli.js';
import { useWorld, type Host, type World } from '../support/world.js';

beforeAll(() => ensureBuilt());

const HOSTS_REF = 'refs/chezmoi-sync/hosts/';

interface ListedHost {
  host: string;
  lastSync: string;
  status: string;
  behind: number | null;
  conflicts: string[];
  conflictBranch: string | null;
}

const backendEnv = (h: Host, backend: 'jj' | 'git'): Record<string, string> => ({ ...h.env, CHEZMOI_SYNC_BACKEND: backend });

const setUp = (w: World, hosts: readonly Host[]): void => {
  for (const h of hosts) {
    w.cloneWithGit(h);
    w.chezmoiApply(h);
  }
};

/** Host refs on the remote: name → blob id. */
const remoteRecords = (w: World, h: Host): Record<string, string> =>
  Object.fromEntries(
    w
      .run(h, 'git', ['-C', w.remote, 'for-each-ref', '--format=%(refname) %(objectname)', HOSTS_REF])
      .stdout.trim()
      .split('\n')
      .filter((l) => l.length > 0)
      .map((l) => {
        const [ref = '', id = ''] = l.split(' ');
        return [ref.slice(HOSTS_REF.length), id];
      }),
  );

/** A host's record as the remote holds it: the message of the commit its ref names. */
const recordText = (w: World, h: Host, host: string): string => w.run(h, 'git', ['-C', w.remote, 'log', '-1', '--format=%B', `${HOSTS_REF}${host}`]).stdout;

/** How many times the remote updated a host's ref: lines of its reflog (kept from the start; `git reflog` walks commits only). */
const refUpdates = (w: World, host: string): number => {
  const log = join(w.remote, 'logs', `${HOSTS_REF}${host}`);
  return existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').length : 0;
};

const edit = (w: World, h: Host, rel: string, from: RegExp, to: string): void => w.writeHome(h, rel, (w.readHome(h, rel) ?? '').replace(from, to));

describe.each(['jj', 'git'] as const)('fleet records (%s, built CLI, real tools)', (backend) => {
  const sync = (h: Host, ...args: string[]) => cli(['sync', ...args], { env: backendEnv(h, backend) });

  it('three hosts, one behind and one with a preserved conflict: listed in human and JSON form, summed up by status', async () => {
    const w = await useWorld({ hosts: ['alpha', 'beta', 'gamma'] });
    const [a, b, c] = [w.host('alpha'), w.host('beta'), w.host('gamma')];
    setUp(w, [a, b, c]);
    for (const h of [a, b, c]) expect(sync(h, '-q').code).toBe(0);

    // alpha and beta edit the same line: alpha publishes, beta's work is kept on sync/beta.
    edit(w, a, '.bashrc', /EDITOR=vi/, 'EDITOR=nano');
    edit(w, b, '.bashrc', /EDITOR=vi/, 'EDITOR=emacs');
    expect(sync(a, '-q').code).toBe(0);
    const conflicted = jsonOf(sync(b, '--json'));
    expect(conflicted['status']).toBe('conflicts-preserved');
    // alpha moves trunk once more; gamma has not synced since the start.
    edit(w, a, '.gitconfig', /autocrlf = false/, 'autocrlf = input');
    expect(sync(a, '-q').code).toBe(0);

    const doc = jsonOf(cli(['fleet', '--json'], { env: backendEnv(c, backend) }));
    expect(doc).toMatchObject({ command: 'fleet', ok: true, exitCode: 0 });
    const hosts = doc['hosts'] as ListedHost[];
    expect(hosts.map((h) => h.host)).toEqual(['alpha', 'beta', 'gamma']);
    expect(hosts[0]).toMatchObject({ host: 'alpha', status: 'success', behind: 0, conflicts: [] });
    expect(hosts[1]).toMatchObject({ host: 'beta', status: 'conflicts-preserved', behind: 2, conflicts: ['dot_bashrc'], conflictBranch: 'sync/beta' });
    expect(hosts[2]).toMatchObject({ host: 'gamma', status: 'success', behind: 2, conflicts: [] });
    for (const h of hosts) expect(new Date(h.lastSync).toISOString()).toBe(h.lastSync);

    const human = cli(['fleet'], { env: backendEnv(a, backend) });
    expect(human.code).toBe(0);
    const rows = human.stdout.trim().split('\n');
    expect(rows[0]).toMatch(/^host\s+last sync\s+status\s+behind\s+conflicts$/);
    expect(rows[1]).toMatch(/^alpha\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(\d+ (s|min) ago\)\s+success\s+0\s+-$/);
    expect(rows[2]).toMatch(/^beta\s+.*\)\s+conflicts-preserved\s+2\s+dot_bashrc \(on sync\/beta\)$/);
    expect(rows[3]).toMatch(/^gamma\s+.*\)\s+success\s+2\s+-$/);

    // status: one line from the records as last fetched (alpha fetched them above), no network.
    w.setNetwork(a, 'offline');
    const st = cli(['status'], { env: backendEnv(a, backend) });
    expect(st.stdout).toMatch(/^fleet\s+3 hosts: 1 up to date, 2 behind \(beta, gamma\), 1 with conflicts \(beta\) \(as of the last fetch; chezmoi-sync fleet\)$/m);
    expect((jsonOf(cli(['status', '--json'], { env: backendEnv(a, backend) }))['fleet'] as { hosts: number }).hosts).toBe(3);
    w.setNetwork(a, 'online');

    // Records never enter the trunk or any branch: each is a parentless commit of the empty tree
    // (no file anywhere), reachable from no branch; the remote's branches are only trunk and
    // beta's host branch.
    const records = w.run(a, 'git', ['-C', w.remote, 'for-each-ref', '--format=%(objectname) %(objecttype) %(tree) parents:%(parent)', HOSTS_REF]).stdout.trim().split('\n');
    expect(records).toHaveLength(3);
    for (const line of records) expect(line).toMatch(/^[0-9a-f]{40} commit 4b825dc642cb6eb9a060e54bf8d69288fbee4904 parents:$/);
    const branchCommits = w.run(a, 'git', ['-C', w.remote, 'rev-list', '--branches']).stdout;
    for (const line of records) expect(branchCommits).not.toContain(line.slice(0, 40));
    expect(w.run(a, 'git', ['-C', w.remote, 'log', '--branches', '--format=', '--name-only']).stdout).not.toMatch(/record|chezmoi-sync/);
    expect([...w.remoteBranches()].sort()).toEqual(['main', 'sync/beta']);
    // A record holds these fields and no file content.
    const rec = JSON.parse(recordText(w, a, 'beta')) as Record<string, unknown>;
    expect(Object.keys(rec).sort()).toEqual(['conflictBranch', 'conflicts', 'host', 'lastSync', 'schema', 'status', 'trunkCommit', 'version']);
    expect(recordText(w, a, 'alpha')).not.toContain('nano');
    if (backend === 'jj') {
      // jj imports branches and tags only: the fetched records are no bookmarks.
      const marks = w.run(c, 'jj', ['-R', c.source, 'bookmark', 'list', '--all-remotes', '-T', 'name ++ "\\n"']).stdout;
      expect(marks).not.toContain('chezmoi-sync');
      const visible = w.run(c, 'jj', ['-R', c.source, 'log', '--no-graph', '-r', 'all()', '-T', 'commit_id ++ "\\n"']).stdout;
      for (const line of records) expect(visible).not.toContain(line.slice(0, 40));
      expect(w.run(c, 'jj', ['-R', c.source, 'st']).stderr).not.toMatch(/chezmoi-sync/);
    }
  });

  it('pushes a record only when it changed; an unreachable remote during the publish never fails the sync', async () => {
    const w = await useWorld({ hosts: ['alpha', 'beta'] });
    const [a, b] = [w.host('alpha'), w.host('beta')];
    w.run(a, 'git', ['-C', w.remote, 'config', 'core.logAllRefUpdates', 'always']);
    setUp(w, [a, b]);
    expect(sync(a, '-q').code).toBe(0);
    expect(refUpdates(w, 'alpha')).toBe(1);
    // Nothing changed but the time: no push.
    expect(sync(a, '-q').code).toBe(0);
    expect(sync(a, '-q').code).toBe(0);
    expect(refUpdates(w, 'alpha')).toBe(1);
    // beta moves trunk: alpha integrates a new trunk commit, so its record changes once.
    expect(sync(b, '-q').code).toBe(0);
    edit(w, b, '.bashrc', /EDITOR=vi/, 'EDITOR=nano');
    expect(sync(b, '-q').code).toBe(0);
    expect(sync(a, '-q').code).toBe(0);
    expect(sync(a, '-q').code).toBe(0);
    expect(refUpdates(w, 'alpha')).toBe(2);
    const trunkHead = w.run(a, 'git', ['-C', w.remote, 'rev-parse', 'main']).stdout.trim();
    expect(JSON.parse(recordText(w, a, 'alpha'))).toMatchObject({ host: 'alpha', status: 'success', trunkCommit: trunkHead });

    // Pushes fail (fetches work): the sync succeeds, the record waits for the next sync.
    edit(w, b, '.bashrc', /EDITOR=nano/, 'EDITOR=joe');
    expect(sync(b, '-q').code).toBe(0);
    w.setNetwork(a, 'push-offline');
    const r = sync(a, '--json');
    expect(r.code).toBe(0);
    expect(jsonOf(r)).toMatchObject({ status: 'success', fleet: { outcome: 'failed' } });
    expect(r.stderr).toMatch(/^warning: this host's fleet record was not published: /m);
    expect(w.readHome(a, '.bashrc')).toContain('EDITOR=joe');
    expect(refUpdates(w, 'alpha')).toBe(2);
    // Offline: the sync degrades as before and does not try to publish.
    w.setNetwork(a, 'offline');
    const off = sync(a, '--json');
    expect(off.code).toBe(0);
    expect(jsonOf(off)).toMatchObject({ status: 'fetch-failed', fleet: { outcome: 'skipped' } });
    expect(off.stderr).not.toContain('fleet record');
    // Back online: the changed record goes out.
    w.setNetwork(a, 'online');
    expect(jsonOf(sync(a, '--json'))).toMatchObject({ status: 'success', fleet: { outcome: 'published' } });
    expect(refUpdates(w, 'alpha')).toBe(3);
  });

  it('--forget deletes a host record on the remote; doctor warns about hosts not seen for long', async () => {
    const w = await useWorld({ hosts: ['alpha', 'beta'] });
    const [a, b] = [w.host('alpha'), w.host('beta')];
    setUp(w, [a, b]);
    for (const h of [a, b]) expect(sync(h, '-q').code).toBe(0);
    // A machine that stopped syncing long ago (its record as an older version wrote it).
    const old = JSON.stringify({ schema: 1, host: 'oldbox', lastSync: '2026-01-02T03:04:05.000Z', status: 'success', trunkCommit: null, conflicts: [], conflictBranch: null, version: '0.0.9' });
    const commit = w.run(a, 'git', ['-C', w.remote, 'commit-tree', '4b825dc642cb6eb9a060e54bf8d69288fbee4904'], { input: `${old}\n` }).stdout.trim();
    w.run(a, 'git', ['-C', w.remote, 'update-ref', `${HOSTS_REF}oldbox`, commit]);

    const listed = jsonOf(cli(['fleet', '--json'], { env: backendEnv(a, backend) }));
    expect((listed['hosts'] as ListedHost[]).map((h) => [h.host, h.behind])).toEqual([['alpha', 0], ['beta', 0], ['oldbox', null]]);
    const doctor = jsonOf(cli(['doctor', '--json'], { env: backendEnv(a, backend) }));
    const stale = (doctor['findings'] as { id: string; status: string; detail: string }[]).find((f) => f.id === 'fleet.stale');
    expect(stale).toMatchObject({ status: 'warn', detail: 'not seen for over 30 days: oldbox (last sync 2026-01-02)' });
    // A longer allowance: no warning.
    const lenient = jsonOf(cli(['doctor', '--json', '--fleet-stale-after', '520w'], { env: backendEnv(a, backend) }));
    expect((lenient['findings'] as { id: string; status: string }[]).find((f) => f.id === 'fleet.stale')?.status).toBe('ok');

    const bad = cli(['fleet', '--forget', '../alpha'], { env: backendEnv(a, backend) });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('invalid host name');
    expect(Object.keys(remoteRecords(w, a)).sort()).toEqual(['alpha', 'beta', 'oldbox']);

    const forgot = cli(['fleet', '--forget', 'oldbox'], { env: backendEnv(b, backend) });
    expect(forgot.code).toBe(0);
    expect(forgot.stdout).toContain('forgot oldbox');
    expect(Object.keys(remoteRecords(w, a)).sort()).toEqual(['alpha', 'beta']);
    // Another host's next listing drops the local copy too.
    expect((jsonOf(cli(['fleet', '--json'], { env: backendEnv(a, backend) }))['hosts'] as ListedHost[]).map((h) => h.host)).toEqual(['alpha', 'beta']);
    expect(cli(['fleet', '--forget', 'oldbox'], { env: backendEnv(a, backend) }).stdout).toContain('no record for oldbox');
  });
});
