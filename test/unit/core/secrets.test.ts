import { describe, expect, it } from 'vitest';
import { looksLikeCiphertext } from '../../../src/core/secrets/ciphertext.js';
import { targetPathOf } from '../../../src/core/secrets/target-name.js';
import { contentScan, OVERLAP_CHARS, scanForSecrets, textEncodingOf } from '../../../src/core/sync/secrets.js';

// Built at run time so this file itself never looks like it holds a real secret.
const key = (kind: string): string => `-----BEGIN ${kind}-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END ${kind}-----\n`;

describe('scanForSecrets', () => {
  it.each([
    ['OpenSSH private key', 'dot_ssh/foo', key('OPENSSH PRIVATE KEY')],
    ['PEM private key', 'dot_config/app/server.txt', key('RSA PRIVATE KEY')],
    ['PEM private key', 'dot_config/app/pkcs8.txt', key('PRIVATE KEY')],
    ['PGP private key', 'dot_gnupg/secret.txt', key('PGP PRIVATE KEY BLOCK')],
    ['AWS access key id', 'dot_aws/credentials', `aws_access_key_id = AKIA${'ABCDEFGHIJKLMNOP'}\n`],
    ['GitHub token', 'dot_config/gh/hosts.yml', `oauth_token: ghp_${'a'.repeat(36)}\n`],
    ['GitLab token', 'dot_glrc', `token=glpat-${'x'.repeat(20)}\n`],
    ['Slack token', 'dot_slackrc', `xoxb-${'1234567890'}-abcdef\n`],
    ['.env file', 'dot_env', 'A=1\n'],
    ['.env file', 'project/dot_env.local', 'A=1\n'],
    ['SSH private key file name', 'private_dot_ssh/private_id_ed25519', 'anything'],
    ['AWS access key id', 'dot_aws/credentials', `aws_access_key_id = ASIA${'QRSTUVWXYZ234567'}\n`],
    ['AWS secret access key', 'dot_config/aws.ini', `AWS_Secret_Access_Key = ${'wJalrXUtnFEMI/K7MDENG/bPxRfiCY'}EXAMPLEKEY\n`],
    ['Stripe secret key', 'dot_envrc', `export STRIPE_KEY=sk_live_${'51H8abcdefghijklmnop'}\n`],
    ['Stripe secret key', 'dot_envrc', `export STRIPE_RESTRICTED=rk_test_${'51H8abcdefghijklmnop'}\n`],
    ['npm registry credential', 'dot_config/npmrc', `//registry.npmjs.org/:_authToken=${'abcdef01-2345-6789'}\n`],
    ['npm registry credential', 'dot_config/npmrc', `_auth=${'dXNlcjpwYXNz'}\n`],
    ['netrc password', 'dot_config/fetchmail', 'machine mail.example.com\n  login me\n  password hunter2Super\n'],
    ['URL with an embedded password', 'dot_config/git/credentials', 'https://me:s3cr3tpassw0rd@git.example.com\n'],
    ['URL with an embedded password', 'dot_bashrc', 'export https_proxy=http://me:pr0xyPass@proxy.corp:3128\n'],
    ['PuTTY private key', 'dot_config/putty/me', 'PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\n'],
    ['key/certificate store file name', 'dot_config/putty/me.ppk', 'x\n'],
    ['netrc file (login passwords)', 'private_dot_netrc', 'machine github.com login me\n'],
    ['git credential store', 'private_dot_git-credentials', 'x\n'],
    ['PostgreSQL password file', 'private_dot_pgpass', 'x\n'],
  ])('finds a %s in %s', (reason, path, content) => {
    expect(scanForSecrets(path, content)).toEqual([{ path, reason }]);
  });

  it('lets chezmoi-encrypted files through only when they really are ciphertext', () => {
    expect(scanForSecrets('private_dot_ssh/encrypted_private_id_ed25519.age', 'age-encryption.org/v1\n-> X25519 abc\n')).toEqual([]);
    expect(scanForSecrets('private_dot_ssh/encrypted_private_id_ed25519.asc', '-----BEGIN PGP MESSAGE-----\nhQEMA\n')).toEqual([]);
    // A plain key under an encrypted_ name is still a plain key.
    expect(scanForSecrets('private_dot_ssh/encrypted_private_id_ed25519.age', key('OPENSSH PRIVATE KEY'))).toEqual([
      { path: 'private_dot_ssh/encrypted_private_id_ed25519.age', reason: 'OpenSSH private key' },
    ]);
    expect(scanForSecrets('encrypted_dot_env', 'TOKEN=plain\n')).toEqual([{ path: 'encrypted_dot_env', reason: '.env file' }]);
  });

  it('applies name rules to the target, after chezmoi attributes are decoded', () => {
    for (const p of ['private_dot_env', 'private_readonly_dot_env', 'exact_dot_config/private_readonly_dot_env.local', 'create_private_dot_env', 'private_dot_ssh/executable_id_rsa', 'home/private_dot_ssh/private_id_rsa.literal']) {
      expect(scanForSecrets(p, 'x=1\n').map((f) => f.reason), p).toHaveLength(1);
    }
    // A template or script holds a recipe (e.g. the key read from a password manager at apply time): only its content counts.
    for (const p of ['home/private_dot_ssh/private_id_rsa.tmpl', 'private_dot_ssh/modify_private_id_ecdsa', 'symlink_dot_env']) {
      expect(scanForSecrets(p, '{{ onepasswordRead "op://k/ssh/key" }}\n'), p).toEqual([]);
    }
    expect(scanForSecrets('private_dot_ssh/private_id_rsa.tmpl', key('OPENSSH PRIVATE KEY')).map((f) => f.reason)).toEqual(['OpenSSH private key']);
    expect(scanForSecrets('dot_environment', 'x\n')).toEqual([]);
    expect(scanForSecrets('dot_key', 'x\n')).toEqual([]);
    expect(scanForSecrets('private_dot_ssh/server.pem', 'x\n').map((f) => f.reason)).toEqual(['key/certificate store file name']);
    expect(scanForSecrets('.chezmoiignore', '.env\n')).toEqual([]);
  });

  it('ignores public keys and ordinary dotfiles', () => {
    expect(scanForSecrets('private_dot_ssh/id_ed25519.pub', 'ssh-ed25519 AAAAC3Nza user@host\n')).toEqual([]);
    expect(scanForSecrets('dot_bashrc', 'export EDITOR=vi\n# sk-short\n')).toEqual([]);
  });

  it('ignores credentials read from the environment or filled in by a template, and URLs without a password', () => {
    for (const content of [
      '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n',
      'machine github.com login me password $GITHUB_TOKEN\n',
      'machine github.com login me password {{ .github.token }}\n',
      'https://me:{{.pass}}@git.example.com\n',
      'https://me:${PASS}@git.example.com\n',
      'url = ssh://git@github.com:22/me/dotfiles.git\n[url "git@github.com:"]\n  insteadOf = https://github.com/\n',
      'export http_proxy=http://proxy.corp:3128\n',
      'aws_secret_access_key = {{ (onepassword "aws").secret }}\n',
      'password-store = ~/.password-store\n',
    ]) {
      expect(scanForSecrets('dot_config/app/conf', content), content).toEqual([]);
    }
  });

  it('reads text saved as UTF-16 as such, with or without a byte-order mark', () => {
    const token = `ghp_${'a'.repeat(36)}`;
    for (const bytes of [
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`token=${token}\r\n`, 'utf16le')]),
      Buffer.from(`token=${token}\r\n`, 'utf16le'),
      Buffer.from(`token=${token}\r\n`, 'utf16le').swap16(),
    ]) {
      const scan = contentScan(false);
      scan.push(bytes);
      expect(scan.finish()).toBe('GitHub token');
    }
    expect(textEncodingOf(Buffer.from('plain ascii text, long enough', 'utf8'))).toBe('utf-8');
    expect(textEncodingOf(Buffer.from([0xef, 0xbb, 0xbf, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47]))).toBe('utf-8');
  });
});

describe('contentScan (streamed, bounded memory)', () => {
  const scanChunks = (chunks: readonly string[], encrypted = false): string | undefined => {
    const scan = contentScan(encrypted);
    for (const c of chunks) scan.push(Buffer.from(c, 'utf8'));
    return scan.finish();
  };

  it('finds a key after 100 KiB of filler, and one split across two chunks at every offset', () => {
    const filler = 'x'.repeat(100 * 1024);
    const k = key('OPENSSH PRIVATE KEY');
    expect(scanChunks([filler, `\n${k}`])).toBe('OpenSSH private key');
    for (let cut = 1; cut < 40; cut++) expect(scanChunks([`${filler}${k.slice(0, cut)}`, k.slice(cut)]), String(cut)).toBe('OpenSSH private key');
    const token = `ghp_${'a'.repeat(36)}`;
    for (let cut = 1; cut < token.length; cut += 5) expect(scanChunks(['a '.repeat(9000) + token.slice(0, cut), token.slice(cut), ' end'])).toBe('GitHub token');
  });

  it('a match needs no more than the overlap window, so memory stays one chunk plus the window', () => {
    expect(OVERLAP_CHARS).toBeGreaterThanOrEqual(1024);
    // A multi-byte character cut between chunks decodes intact.
    const euro = Buffer.from('€ sk-proj-' + 'd'.repeat(24), 'utf8');
    const scan = contentScan(false);
    scan.push(euro.subarray(0, 1));
    scan.push(euro.subarray(1));
    expect(scan.finish()).toBe('API secret key (sk-…)');
  });

  it('exempts an encrypted_ file only when its first bytes are ciphertext, even when they arrive in tiny chunks', () => {
    const scan = contentScan(true);
    for (const ch of 'age-encryption.org/v1\n-> X25519 abc\n') scan.push(Buffer.from(ch));
    scan.push(Buffer.from(key('OPENSSH PRIVATE KEY')));
    expect(scan.finish()).toBeUndefined();
    expect(scan.ciphertext()).toBe(true);
    expect(scanChunks([key('OPENSSH PRIVATE KEY')], true)).toBe('OpenSSH private key');
    expect(looksLikeCiphertext(Uint8Array.from([0x85, 0x01, 0x0c]))).toBe(true);
    expect(looksLikeCiphertext(Uint8Array.from([0xc1, 0x01]))).toBe(true);
    expect(looksLikeCiphertext(Buffer.from('plain text'))).toBe(false);
  });
});

describe('targetPathOf', () => {
  it.each([
    ['private_dot_env', '.env', false],
    ['private_dot_ssh/encrypted_private_id_ed25519.age', '.ssh/id_ed25519', true],
    ['exact_private_dot_config/readonly_executable_dot_x.tmpl', '.config/.x', false],
    ['dot_config/literal_dot_env', '.config/dot_env', false],
    ['dot_config/dot_env.literal', '.config/.env', false],
    ['run_once_before_install.sh.tmpl', 'install.sh', false],
    ['symlink_dot_vimrc', '.vimrc', false],
    ['.chezmoitemplates/x', '.chezmoitemplates/x', false],
  ])('%s → %s', (source, target, encrypted) => {
    expect(targetPathOf(source)).toMatchObject({ path: target, encrypted });
  });
});

// Each kind of source entry takes its own prefixes, as `chezmoi managed` (2.73) names them:
// `once_` belongs to scripts only, and `remove_` takes no attribute but `dot_`.
describe('targetPathOf reads a name the way chezmoi does', () => {
  it.each([
    ['once_dot_env', 'once_dot_env'],
    ['encrypted_once_id_rsa', 'once_id_rsa'],
    ['private_once_dot_y', 'once_dot_y'],
    ['remove_private_dot_foo', 'private_dot_foo'],
  ])('%s → %s', (source, target) => {
    expect(targetPathOf(source).path).toBe(target);
  });
});
