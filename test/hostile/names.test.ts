// Hostile host names, branch prefixes and commit-message templates: one clear error before
// anything changes, or (for text that is merely unusual) the literal text — never a command.
import { beforeAll, describe, expect, it } from 'vitest';
import { okReport, syncHost } from '../support/engine.js';
import { cli, ensureBuilt } from '../cli/support/cli.js';
import { BACKENDS, syncedWorld, useMarker } from './support.js';

beforeAll(() => ensureBuilt());

const BAD_HOSTS = ['lap/top', 'a..b', '../../etc', 'my laptop', '~root', 'host\u0007', 'line\nbreak', 'ноутбук', '-x', '.hidden', 'x.lock', ''];
const BAD_PREFIXES = ['sync/../', 'sy nc/', '~sync/', 'sync\u0000/', 'sync\t/', '-sync/', 'sync//', '/sync/', 'a:b/', 'sync/.x/', 'x$(id)/', 'sync@{1}/'];

describe.each(BACKENDS)('hostile names (%s)', (backend) => {
  it('host names and branch prefixes that are not safe ref parts: invalid-input, nothing committed or pushed', async () => {
    const { w, a } = await syncedWorld(backend);
    const before = w.run(a, 'git', ['--git-dir', w.remote, 'for-each-ref']).stdout;
    w.writeHome(a, '.bashrc', '# bashrc\nexport UNSYNCED=1\n');
    for (const host of BAD_HOSTS) {
      const r = await syncHost(w, a, backend, { host });
      expect(r.result._unsafeUnwrapErr(), JSON.stringify(host)).toMatchObject({ kind: 'invalid-input', field: 'host' });
    }
    for (const branchPrefix of BAD_PREFIXES) {
      const r = await syncHost(w, a, backend, { branchPrefix });
      expect(r.result._unsafeUnwrapErr(), JSON.stringify(branchPrefix)).toMatchObject({ kind: 'invalid-input', field: 'branchPrefix' });
    }
    expect(w.run(a, 'git', ['--git-dir', w.remote, 'for-each-ref']).stdout).toBe(before);
    expect(w.readSource(a, 'dot_bashrc')).not.toContain('UNSYNCED');
    expect(w.readHome(a, '.bashrc')).toContain('UNSYNCED=1');
  });

  it('a unicode branch prefix is a valid ref: a conflict is preserved under it', async () => {
    const { w, a, b } = await syncedWorld(backend);
    const base = w.readHome(a, '.bashrc') ?? '';
    w.writeHome(a, '.bashrc', `${base}export FROM=alpha\n`);
    w.writeHome(b, '.bashrc', `${base}export FROM=beta\n`);
    okReport(await syncHost(w, a, backend));
    const r = okReport(await syncHost(w, b, backend, { branchPrefix: 'sÿnc-ü/' }));
    expect(r.status).toBe('conflicts-preserved');
    expect(r.conflicts?.branch).toBe('sÿnc-ü/beta');
    expect(w.readRemote('dot_bashrc', 'sÿnc-ü/beta')).toContain('FROM=beta');
  });

  it('message templates are text: injection attempts land literally in the commit, unknown placeholders are refused', async () => {
    const { w, a } = await syncedWorld(backend);
    const m = await useMarker();
    const literal = [
      `$(touch ${m.path})`,
      `\`touch ${m.path}\``,
      `{host}; touch ${m.path} #`,
      '--amend',
      '-m evil',
      `--template=${m.path}`,
      'line one\n\nline three {time}',
      '%s %x00 %(refname)',
    ];
    for (const [i, template] of literal.entries()) {
      w.writeHome(a, '.bashrc', `# bashrc\nexport N=${i}\n`);
      const r = okReport(await syncHost(w, a, backend, { messageTemplate: template }));
      expect(r.status, template).toBe('success');
      const message = w.run(a, 'git', ['--git-dir', w.remote, 'log', '-1', '--format=%B', 'main']).stdout.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '<time>');
      expect(message.trim(), template).toBe(template.replaceAll('{host}', 'alpha').replaceAll('{time}', '<time>').trim());
    }
    m.expectAbsent();
    for (const template of ['{hostname}', '{host} {env.HOME}', '{{host}}', '\u0000', '   ']) {
      w.writeHome(a, '.bashrc', `# bashrc\nexport REFUSED=${template.length}\n`);
      const r = await syncHost(w, a, backend, { messageTemplate: template });
      expect(r.result._unsafeUnwrapErr(), JSON.stringify(template)).toMatchObject({ kind: 'invalid-input' });
      expect(w.readRemote('dot_bashrc')).not.toContain('REFUSED');
    }
  });

  it('the CLI refuses a bad host or prefix with exit 2 and a message naming it', async () => {
    const { a } = await syncedWorld(backend);
    for (const [args, field] of [
      [['--host', 'my laptop'], /host/i],
      [['--host', 'a/b'], /host/i],
      [['--branch-prefix', 'x..y/'], /branch/i],
      [['--message-template', '{nope}'], /\{nope\}/],
    ] as const) {
      const r = cli(['sync', '--backend', backend, ...args], { env: a.env });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(field);
    }
  });
});
