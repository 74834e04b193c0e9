// Secrets through the whole engine with real backends: private keys (OpenSSH, PEM, PGP), common
// token formats and .env files are refused before anything is committed — whether they appear in
// the source dir or are typed into a managed HOME file — and never reach the remote; the same
// content in a chezmoi-encrypted file passes. (The scanner's own rules: test/unit/core/secrets.test.ts.)
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { okReport, syncHost } from '../support/engine.js';
import type { Host, World } from '../support/world.js';
import { BACKENDS, everythingOnRemote, syncedWorld } from './support.js';

const key = (kind: string, body: string): string => `-----BEGIN ${kind}-----\n${body}\n-----END ${kind}-----\n`;

/** Source path → content; each is refused. The marker in each body proves it never reached the remote. */
const SECRETS: readonly (readonly [string, string, string])[] = [
  ['OpenSSH key under its usual name', 'private_dot_ssh/private_id_ed25519', key('OPENSSH PRIVATE KEY', 'b3BlbnNzaC1rZXktdjEMARK01')],
  ['OpenSSH key under an innocent name', 'dot_notes', `my notes\n${key('OPENSSH PRIVATE KEY', 'b3BlbnNzaC1rZXktdjEMARK02')}`],
  ['PEM RSA key', 'dot_config/app/server.txt', key('RSA PRIVATE KEY', 'MIIEowIBAAKCAQEAMARK03')],
  ['PEM EC key', 'dot_config/app/ec.txt', key('EC PRIVATE KEY', 'MHcCAQEEIMARK04')],
  ['PKCS#8 key', 'dot_config/app/pkcs8', key('PRIVATE KEY', 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCMARK05')],
  ['encrypted PKCS#8 key', 'dot_config/app/enc', key('ENCRYPTED PRIVATE KEY', 'MIIFHzBJBgkqhkiG9w0BBQ0wMARK06')],
  ['PGP private key', 'dot_gnupg/secret.asc.txt', key('PGP PRIVATE KEY BLOCK', 'lQOYBGMARK07')],
  ['key store by name', 'dot_config/app/tls.pem', 'MARK08 certificate and key\n'],
  ['GitHub token', 'dot_config/gh/hosts.yml', `github.com:\n  oauth_token: ghp_${'a'.repeat(30)}MARK09\n`],
  ['GitHub fine-grained token', 'dot_netrc', `machine github.com password github_pat_${'B'.repeat(22)}MARK10\n`],
  ['GitLab token', 'dot_config/glab/config', `token: glpat-${'c'.repeat(20)}MARK11\n`],
  ['Slack token', 'dot_slackrc', `SLACK=xoxb-1234567890-MARK12abcdef\n`],
  ['AWS access key id', 'dot_aws/credentials', `[default]\naws_access_key_id = AKIA${'MARK13ABCDEFGHIJ'.slice(0, 16)}\n`],
  ['OpenAI-style key', 'dot_config/ai/env.sh', `export OPENAI_API_KEY=sk-proj-${'d'.repeat(24)}MARK14\n`],
  ['Google API key', 'dot_config/gcloud/key', `AIza${'E'.repeat(29)}MARK15\n`],
  ['npm token', 'dot_npmrc', `//registry.npmjs.org/:_authToken=npm_${'f'.repeat(30)}MARK16\n`],
  ['.env file', 'dot_env', 'DATABASE_URL=postgres://MARK17\n'],
  ['.env.local file', 'dot_config/app/dot_env.local', 'API=MARK18\n'],
  ['AWS temporary key id', 'dot_aws/config', `[default]\naws_access_key_id = ASIA${'MARK19ABCDEFGHIJ'}\n`],
  ['AWS secret access key', 'dot_config/aws-secret', `aws_secret_access_key = MARK20${'k'.repeat(34)}\n`],
  ['Stripe secret key', 'dot_config/stripe.sh', `export STRIPE_KEY=sk_live_MARK21${'a'.repeat(20)}\n`],
  ['npm registry credential', 'dot_config/npm/npmrc', '//registry.npmjs.org/:_authToken=MARK22-abcdef01\n'],
  ['netrc password elsewhere', 'dot_config/fetchmailrc', 'machine mail.example.com login me password MARK23pass\n'],
  ['URL with a password', 'dot_config/proxy.sh', 'export https_proxy=http://me:MARK24pass@proxy.corp:3128\n'],
  ['PuTTY private key', 'dot_config/putty/me.txt', 'PuTTY-User-Key-File-3: ssh-ed25519\nPrivate-Lines: 1\nMARK25\n'],
  ['git credential store by name', 'private_dot_git-credentials', 'MARK26\n'],
];

describe.each(BACKENDS)('secrets are refused before commit (%s)', (backend) => {
  it('in the source dir: each kind stops the run naming the file; nothing reaches the remote; removing it is enough', async () => {
    const { w, a } = await syncedWorld(backend);
    for (const [what, path, content] of SECRETS) {
      w.writeSource(a, path, content);
      w.writeHome(a, '.bashrc', `# bashrc\nexport WITH=${JSON.stringify(what)}\n`);
      const r = await syncHost(w, a, backend);
      expect(r.result.isErr(), what).toBe(true);
      expect(r.result._unsafeUnwrapErr(), what).toMatchObject({ kind: 'secrets-found', files: [{ path }] });
      // The secret stays where the person put it; the other edit of this run waits with it.
      expect(w.readSource(a, path), what).toBe(content);
      expect(w.readHome(a, '.bashrc'), what).toContain(what);
      w.run(a, 'rm', ['-f', join(a.source, path)]);
    }
    const remote = everythingOnRemote(w);
    for (const [what, , content] of SECRETS) expect(remote, what).not.toContain(/MARK\d\d/.exec(content)?.[0] ?? 'MARK');
    // With the secrets gone, the held-back edit goes out.
    expect(okReport(await syncHost(w, a, backend)).status).toBe('success');
    expect(w.readRemote('dot_bashrc')).toContain(SECRETS.at(-1)?.[0] ?? '');
    expect(w.run(a, 'git', ['--git-dir', w.remote, 'ls-tree', '-r', '--name-only', 'main']).stdout).not.toMatch(/id_ed25519|dot_env|tls\.pem/);
  });

  it('typed into a managed HOME file or added as ~/.env: refused without reaching the source dir or the remote (a HOME edit: that file held back, the run ends error naming it)', async () => {
    const { w, a } = await syncedWorld(backend);
    const clean = w.readHome(a, '.bashrc') ?? '';
    // Every kind found by its content (the name-only rules cannot fire inside .bashrc).
    for (const [what, , content] of SECRETS.filter(([w]) => !['key store by name', '.env file', '.env.local file', 'git credential store by name'].includes(w))) {
      w.writeHome(a, '.bashrc', `${clean}${content}`);
      const r = okReport(await syncHost(w, a, backend));
      expect(r.status, what).toBe('error');
      expect(r.error, what).toMatchObject({ kind: 'secrets-found', message: expect.stringContaining(`${a.home}/.bashrc (`) as unknown });
      expect(w.readSource(a, 'dot_bashrc'), what).toBe(clean);
    }
    // ~/.env made a managed file with `chezmoi add`: the name alone is enough to refuse it.
    w.writeHome(a, '.bashrc', clean);
    w.writeHome(a, '.env', 'TOKEN=MARK99\n');
    w.run(a, 'chezmoi', ['add', '--no-tty', '--config', a.chezmoiConfig, '--source', a.source, '--destination', a.home, join(a.home, '.env')]);
    expect((await syncHost(w, a, backend)).result._unsafeUnwrapErr()).toMatchObject({ kind: 'secrets-found', files: [{ path: 'dot_env', reason: '.env file' }] });
    expect(everythingOnRemote(w)).not.toMatch(/MARK\d\d/);
  });

  it('the same secrets chezmoi-encrypted (age) pass, reach the other host decrypted, and never reach the remote in clear', async () => {
    const { w, a, b } = await syncedWorld(backend);
    // One age identity for the person's machines, chezmoi's built-in age.
    const identity = join(w.root, 'age-identity.txt');
    w.run(a, 'chezmoi', ['age-keygen', '--output', identity]);
    const recipient = /public key: (age1\w+)/.exec(readFileSync(identity, 'utf8'))?.[1] ?? '';
    for (const h of [a, b]) {
      writeFileSync(h.chezmoiConfig, `sourceDir = ${JSON.stringify(h.source)}\nencryption = "age"\n[age]\nuseBuiltin = true\nidentity = ${JSON.stringify(identity)}\nrecipient = ${JSON.stringify(recipient)}\n`);
    }
    const sshKey = key('OPENSSH PRIVATE KEY', 'b3BlbnNzaC1rZXktdjEENCRYPTEDMARK');
    w.writeHome(a, '.ssh/id_ed25519', sshKey);
    w.writeHome(a, '.env', 'DATABASE_URL=postgres://ENCRYPTEDMARK2\n');
    for (const target of ['.ssh/id_ed25519', '.env']) {
      w.run(a, 'chezmoi', ['add', '--encrypt', '--no-tty', '--config', a.chezmoiConfig, '--source', a.source, '--destination', a.home, join(a.home, target)]);
    }
    const r = okReport(await syncHost(w, a, backend));
    expect(r.status).toBe('success');
    const names = w.run(a, 'git', ['--git-dir', w.remote, 'ls-tree', '-r', '--name-only', 'main']).stdout;
    expect(names).toMatch(/encrypted_(private_)?id_ed25519\.age/);
    expect(names).toMatch(/encrypted_dot_env\.age/);
    expect(everythingOnRemote(w)).not.toMatch(/ENCRYPTEDMARK/);
    expect(okReport(await syncHost(w, b, backend)).status).toBe('success');
    expect(w.readHome(b, '.ssh/id_ed25519')).toBe(sshKey);
    expect(w.readHome(b, '.env')).toContain('ENCRYPTEDMARK2');
  });
});

/** The secret guard before every push: what the remote would get, scanned whole, whoever committed it. */
describe.each(BACKENDS)('secrets already committed are refused before any push (%s)', (backend) => {
  const commitByHand = (w: World, a: Host, message: string): void => {
    if (backend === 'jj') w.run(a, 'jj', ['commit', '-m', message], { cwd: a.source });
    else {
      w.run(a, 'git', ['add', '-A'], { cwd: a.source });
      w.run(a, 'git', ['commit', '-q', '-m', message], { cwd: a.source });
    }
  };
  const localLog = (w: World, a: Host): string => w.run(a, 'git', ['log', '--all', '-p', '--format=%H %s'], { cwd: a.source }).stdout;
  const trunkOnRemote = (w: World, a: Host): string => w.run(a, 'git', ['--git-dir', w.remote, 'rev-parse', 'main']).stdout.trim();
  /** A sync of committed work holding `mark` in `path`: refused, the remote unchanged, the commit kept locally. */
  const expectRefusedBeforePush = async (w: World, a: Host, path: string, reason: string, mark: string): Promise<void> => {
    const before = trunkOnRemote(w, a);
    const r = await syncHost(w, a, backend);
    expect(r.result._unsafeUnwrapErr()).toMatchObject({ kind: 'secrets-found', files: [{ path, reason }] });
    expect(trunkOnRemote(w, a)).toBe(before);
    expect(everythingOnRemote(w)).not.toContain(mark);
    expect(localLog(w, a)).toContain(mark);
  };

  it('a commit made by hand with a key: nothing pushed, the file and the commit named, the commit kept; taking it out lets the rest through', async () => {
    const { w, a } = await syncedWorld(backend);
    const before = trunkOnRemote(w, a);
    w.writeSource(a, 'dot_config/app/settings', `user = me\n${key('OPENSSH PRIVATE KEY', 'b3BlbnNzaC1rZXktdjEHANDMARK')}`);
    commitByHand(w, a, 'add app settings');
    w.writeHome(a, '.bashrc', '# bashrc\nexport WITH_HAND=1\n');
    const r = await syncHost(w, a, backend);
    const e = r.result._unsafeUnwrapErr();
    expect(e).toMatchObject({ kind: 'secrets-found', files: [{ path: 'dot_config/app/settings', reason: 'OpenSSH private key' }] });
    expect(e.kind === 'secrets-found' ? e.commits?.length : 0).toBe(1);
    const commit = e.kind === 'secrets-found' ? e.commits?.[0] ?? '' : '';
    expect(e.message).toContain(commit.slice(0, 12));
    expect(e.hint).toMatch(/chezmoi forget|git rm --cached/);
    // Nothing reached the remote: neither the trunk nor any other ref moved.
    expect(trunkOnRemote(w, a)).toBe(before);
    expect(everythingOnRemote(w)).not.toContain('HANDMARK');
    expect(everythingOnRemote(w)).not.toContain('WITH_HAND');
    // The commit and the HOME edit are kept.
    expect(localLog(w, a)).toContain(commit);
    expect(localLog(w, a)).toContain('HANDMARK');
    expect(w.readHome(a, '.bashrc')).toContain('WITH_HAND=1');
    expect(readFileSync(join(a.stateDir, 'last-sync-status'), 'utf8').trim()).toBe('error');
    // The person takes the file out of the commit (what the hint says); the held-back edit goes out.
    if (backend === 'jj') {
      w.run(a, 'rm', ['-f', join(a.source, 'dot_config/app/settings')]);
      w.run(a, 'jj', ['squash', '--from', '@', '--into', commit], { cwd: a.source });
    } else {
      w.run(a, 'git', ['rebase', '-q', '--exec', 'git rm -q --cached --ignore-unmatch dot_config/app/settings && git commit -q --amend --no-edit --allow-empty', `${commit}~1`], { cwd: a.source });
      w.run(a, 'rm', ['-f', join(a.source, 'dot_config/app/settings')]);
    }
    expect(okReport(await syncHost(w, a, backend)).status).toBe('success');
    expect(w.readRemote('dot_bashrc')).toContain('WITH_HAND=1');
    expect(everythingOnRemote(w)).not.toContain('HANDMARK');
  });

  it("a commit chezmoi made itself (git.autoCommit) with a token: refused before the push", async () => {
    const { w, a } = await syncedWorld(backend);
    writeFileSync(a.chezmoiConfig, `sourceDir = ${JSON.stringify(a.source)}\n[git]\nautoCommit = true\n`);
    w.writeHome(a, '.config/gh/hosts.yml', `github.com:\n  oauth_token: ghp_${'a'.repeat(30)}AUTOMARK\n`);
    w.run(a, 'chezmoi', ['add', '--no-tty', '--config', a.chezmoiConfig, '--source', a.source, '--destination', a.home, join(a.home, '.config/gh/hosts.yml')]);
    expect(w.run(a, 'git', ['status', '--porcelain'], { cwd: a.source }).stdout).toBe('');
    await expectRefusedBeforePush(w, a, 'dot_config/gh/hosts.yml', 'GitHub token', 'AUTOMARK');
  });

  it('a key after 100 KiB of filler: capture scans the whole file, nothing committed, nothing pushed', async () => {
    const { w, a } = await syncedWorld(backend);
    const before = trunkOnRemote(w, a);
    const filler = '# generated\n'.repeat(9000);
    w.writeSource(a, 'dot_config/big.conf', `${filler}${key('RSA PRIVATE KEY', 'MIIEowIBAAKCAQEAFARMARK')}`);
    const r = await syncHost(w, a, backend);
    expect(r.result._unsafeUnwrapErr()).toMatchObject({ kind: 'secrets-found', files: [{ path: 'dot_config/big.conf', reason: 'PEM private key' }] });
    expect(trunkOnRemote(w, a)).toBe(before);
    expect(everythingOnRemote(w)).not.toContain('FARMARK');
    expect(w.readSource(a, 'dot_config/big.conf')).toContain('FARMARK');
    // Refused by capture itself: this run committed nothing.
    expect(JSON.parse(readFileSync(join(a.stateDir, 'state.json'), 'utf8')).lastRun).toMatchObject({ status: 'error', committed: 0 });
  });

  it('a key after 100 KiB of filler in a commit made by hand: refused before the push', async () => {
    const { w, a } = await syncedWorld(backend);
    const filler = '# generated\n'.repeat(9000);
    w.writeSource(a, 'dot_config/big.conf', `${filler}${key('RSA PRIVATE KEY', 'MIIEowIBAAKCAQEAFARMARK')}`);
    commitByHand(w, a, 'add big.conf');
    await expectRefusedBeforePush(w, a, 'dot_config/big.conf', 'PEM private key', 'FARMARK');
  });

  it('~/.env kept 0600 (source name private_dot_env): refused by its target name, never on the remote', async () => {
    const { w, a } = await syncedWorld(backend);
    w.writeHome(a, '.env', 'TOKEN=PRIVATEENVMARK\n');
    chmodSync(join(a.home, '.env'), 0o600);
    w.run(a, 'chezmoi', ['add', '--no-tty', '--config', a.chezmoiConfig, '--source', a.source, '--destination', a.home, join(a.home, '.env')]);
    expect(w.readSource(a, 'private_dot_env')).toContain('PRIVATEENVMARK');
    const r = await syncHost(w, a, backend);
    expect(r.result._unsafeUnwrapErr()).toMatchObject({ kind: 'secrets-found', files: [{ path: 'private_dot_env', reason: '.env file' }] });
    expect(everythingOnRemote(w)).not.toContain('PRIVATEENVMARK');
    expect(w.readHome(a, '.env')).toContain('PRIVATEENVMARK');
  });

  it('a preserved conflict: the host branch is guarded too — nothing pushed to sync/<host>', async () => {
    const { w, a, b } = await syncedWorld(backend);
    w.writeHome(b, '.bashrc', '# bashrc\nexport EDITOR=from-beta\n');
    expect(okReport(await syncHost(w, b, backend)).status).toBe('success');
    w.writeHome(a, '.bashrc', '# bashrc\nexport EDITOR=from-alpha\n');
    w.writeSource(a, 'dot_config/tool.cfg', `${'#\n'.repeat(40_000)}aws = AKIABRANCHMARKABCDEF\n`);
    // Committed by hand: capture's own scan never sees it, the guard before the host-branch push must.
    commitByHand(w, a, 'add tool.cfg');
    const r = await syncHost(w, a, backend);
    expect(r.result._unsafeUnwrapErr()).toMatchObject({ kind: 'secrets-found', files: [{ path: 'dot_config/tool.cfg', reason: 'AWS access key id' }] });
    expect(w.run(a, 'git', ['--git-dir', w.remote, 'branch', '--list', 'sync/*']).stdout.trim()).toBe('');
    expect(everythingOnRemote(w)).not.toContain('BRANCHMARK');
    expect(w.readHome(a, '.bashrc')).toContain('from-alpha');
  });
});
