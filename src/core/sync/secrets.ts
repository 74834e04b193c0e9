// The secret guard: a pure scan of file names and leading content for things that must
// never be committed in clear (private keys, tokens, .env files). chezmoi-encrypted files
// (`encrypted_` prefix) are exempt: they are already ciphertext.

export interface SecretFinding {
  readonly path: string;
  readonly reason: string;
}

const NAME_RULES: readonly { readonly test: RegExp; readonly reason: string }[] = [
  { test: /(^|\/)(dot_|\.)env(\.[^/]*)?$/, reason: '.env file' },
  { test: /(^|\/)(private_)?(dot_|\.)?(id_rsa|id_dsa|id_ecdsa|id_ed25519)(_sk)?$/, reason: 'SSH private key file name' },
  { test: /\.(pem|key|p12|pfx|keystore|jks)$/i, reason: 'key/certificate store file name' },
];

const CONTENT_RULES: readonly { readonly test: RegExp; readonly reason: string }[] = [
  { test: /-----BEGIN OPENSSH PRIVATE KEY-----/, reason: 'OpenSSH private key' },
  { test: /-----BEGIN (RSA |DSA |EC |ENCRYPTED )?PRIVATE KEY-----/, reason: 'PEM private key' },
  { test: /-----BEGIN PGP PRIVATE KEY BLOCK-----/, reason: 'PGP private key' },
  { test: /\bAKIA[0-9A-Z]{16}\b/, reason: 'AWS access key id' },
  { test: /\bgh[pousr]_[A-Za-z0-9]{36,}\b/, reason: 'GitHub token' },
  { test: /\bgithub_pat_[A-Za-z0-9_]{22,}\b/, reason: 'GitHub token' },
  { test: /\bglpat-[A-Za-z0-9_-]{20,}\b/, reason: 'GitLab token' },
  { test: /\bxox[abprs]-[A-Za-z0-9-]{10,}\b/, reason: 'Slack token' },
  { test: /\bsk-(proj-|live_|test_)?[A-Za-z0-9_-]{20,}\b/, reason: 'API secret key (sk-…)' },
  { test: /\bAIza[0-9A-Za-z_-]{35}\b/, reason: 'Google API key' },
  { test: /\bnpm_[A-Za-z0-9]{36}\b/, reason: 'npm token' },
];

const ENCRYPTED = /(^|\/)encrypted_[^/]*$/;

/** How much of each file is scanned: keys and tokens sit near the top. */
export const SECRET_SCAN_BYTES = 64 * 1024;

/** Findings for one file (path relative to the source dir, content = its first bytes). */
export const scanForSecrets = (path: string, head: string | undefined): SecretFinding[] => {
  if (ENCRYPTED.test(path)) return [];
  const found: SecretFinding[] = [];
  for (const r of NAME_RULES) if (r.test.test(path)) found.push({ path, reason: r.reason });
  if (head !== undefined) {
    for (const r of CONTENT_RULES) {
      if (r.test.test(head)) {
        found.push({ path, reason: r.reason });
        break;
      }
    }
  }
  // One line per file is enough for a person to act.
  return found.slice(0, 1);
};
