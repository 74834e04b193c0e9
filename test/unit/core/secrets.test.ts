import { describe, expect, it } from 'vitest';
import { scanForSecrets } from '../../../src/core/sync/secrets.js';

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
  ])('finds a %s in %s', (reason, path, content) => {
    expect(scanForSecrets(path, content)).toEqual([{ path, reason }]);
  });

  it('lets chezmoi-encrypted files through', () => {
    expect(scanForSecrets('private_dot_ssh/encrypted_private_id_ed25519.age', key('OPENSSH PRIVATE KEY'))).toEqual([]);
  });

  it('ignores public keys and ordinary dotfiles', () => {
    expect(scanForSecrets('private_dot_ssh/id_ed25519.pub', 'ssh-ed25519 AAAAC3Nza user@host\n')).toEqual([]);
    expect(scanForSecrets('dot_bashrc', 'export EDITOR=vi\n# sk-short\n')).toEqual([]);
  });
});
