// The secret guard's rules: a pure scan of what must never be published in clear (private keys,
// tokens, .env files). Name rules look at the TARGET path (chezmoi attributes decoded: a 0600
// `~/.env` is `private_dot_env`); content rules run over whole files streamed in chunks, with
// an overlap window so a key split across two chunks is still found. An `encrypted_` file is
// exempt only when its content really is age/OpenPGP ciphertext.
import { looksLikeCiphertext } from '../secrets/ciphertext.js';
import { targetPathOf } from '../secrets/target-name.js';

export interface SecretFinding {
  readonly path: string;
  readonly reason: string;
  /** The unpublished commit holding this version (the outgoing guard), absent for uncommitted files. */
  readonly commit?: string;
}

const NAME_RULES: readonly { readonly test: RegExp; readonly reason: string }[] = [
  { test: /(^|\/)\.env(\.[^/]*)?$/, reason: '.env file' },
  { test: /(^|\/)(id_rsa|id_dsa|id_ecdsa|id_ed25519)(_sk)?$/, reason: 'SSH private key file name' },
  // A stem is required: `~/.key` (source `dot_key`) is a dotfile named key, not a key store.
  { test: /(^|\/)[^/]+\.(pem|key|p12|pfx|keystore|jks|ppk)$/i, reason: 'key/certificate store file name' },
  // Files that exist to hold passwords in clear.
  { test: /(^|\/)[._]netrc$/, reason: 'netrc file (login passwords)' },
  { test: /(^|\/)\.git-credentials$/, reason: 'git credential store' },
  { test: /(^|\/)\.pgpass$/, reason: 'PostgreSQL password file' },
];

const CONTENT_RULES: readonly { readonly test: RegExp; readonly reason: string }[] = [
  { test: /-----BEGIN OPENSSH PRIVATE KEY-----/, reason: 'OpenSSH private key' },
  { test: /-----BEGIN (RSA |DSA |EC |ENCRYPTED )?PRIVATE KEY-----/, reason: 'PEM private key' },
  { test: /-----BEGIN PGP PRIVATE KEY BLOCK-----/, reason: 'PGP private key' },
  { test: /^PuTTY-User-Key-File-\d+:/m, reason: 'PuTTY private key' },
  // AKIA: a user's long-term key; ASIA: a temporary (STS) one, with its secret beside it.
  { test: /\b(AKIA|ASIA)[0-9A-Z]{16}\b/, reason: 'AWS access key id' },
  { test: /\baws_secret_access_key\s*[=:]\s*["']?[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])/i, reason: 'AWS secret access key' },
  { test: /\bgh[pousr]_[A-Za-z0-9]{36,}\b/, reason: 'GitHub token' },
  { test: /\bgithub_pat_[A-Za-z0-9_]{22,}\b/, reason: 'GitHub token' },
  { test: /\bglpat-[A-Za-z0-9_-]{20,}\b/, reason: 'GitLab token' },
  { test: /\bxox[abprs]-[A-Za-z0-9-]{10,}\b/, reason: 'Slack token' },
  { test: /\bsk-(proj-|live_|test_)?[A-Za-z0-9_-]{20,}\b/, reason: 'API secret key (sk-…)' },
  { test: /\bAIza[0-9A-Za-z_-]{35}\b/, reason: 'Google API key' },
  { test: /\b[rs]k_(live|test)_[A-Za-z0-9]{20,}\b/, reason: 'Stripe secret key' },
  { test: /\bnpm_[A-Za-z0-9]{36}\b/, reason: 'npm token' },
  // The three below: a value that reads the environment (`${NPM_TOKEN}`, `$PASS`) or is filled
  // in by a template (`{{ .pass }}`) is not a secret.
  // .npmrc: `//registry/:_authToken=…`.
  { test: /(^|:)_(authToken|auth|password)\s*=\s*(?![$%{])\S{8,}/m, reason: 'npm registry credential' },
  // .netrc's format, wherever it appears (a person's `machine … password …` in another file).
  { test: /\bmachine\s+\S+\s+(login\s+\S+\s+)?password\s+(?![$%{])\S+/, reason: 'netrc password' },
  // `https://user:password@host` (git's credential store, a proxy setting).
  { test: /\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@'"{]+:(?![$%{])[^\s/@'"]{3,}@[^\s/@'"]+/i, reason: 'URL with an embedded password' },
];

/** Characters kept from the previous chunk: longer than any match a rule needs. */
export const OVERLAP_CHARS = 4096;

/**
 * How the text in `head` (a file's first bytes) is encoded: UTF-16 by its byte-order mark, or
 * without one when NULs fill every other byte of mostly ASCII text; else UTF-8.
 *
 * @example textEncodingOf(Buffer.from('\ufeffkey', 'utf16le')) // 'utf-16le'
 */
export const textEncodingOf = (head: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' => {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  const pairs = Math.floor(head.length / 2);
  if (pairs < 4) return 'utf-8';
  let oddNul = 0;
  let evenNul = 0;
  for (let i = 0; i < pairs * 2; i += 2) {
    if (head[i] === 0) evenNul++;
    if (head[i + 1] === 0) oddNul++;
  }
  if (oddNul >= pairs * 0.75 && evenNul === 0) return 'utf-16le';
  if (evenNul >= pairs * 0.75 && oddNul === 0) return 'utf-16be';
  return 'utf-8';
};

/** Bytes looked at to tell ciphertext from plain text. */
const HEAD_BYTES = 64;

/** The name rule a source path's target breaks, if any (templates and scripts hold recipes: only their content counts). */
export const nameReason = (sourcePath: string): string | undefined => {
  const target = targetPathOf(sourcePath);
  return target.recipe ? undefined : NAME_RULES.find((r) => r.test.test(target.path))?.reason;
};

/** A content scan fed chunk by chunk; memory stays at one chunk plus the overlap. */
export interface ContentScan {
  push(chunk: Uint8Array): void;
  /** The reason of the first content rule found (after the last chunk), if any. */
  finish(): string | undefined;
  /** After `finish`: the file is `encrypted_` and really ciphertext (exempt from every rule). */
  ciphertext(): boolean;
}

/**
 * @example
 * const scan = contentScan(false); scan.push(bytes1); scan.push(bytes2); scan.finish() // 'OpenSSH private key'
 */
export const contentScan = (encryptedName: boolean): ContentScan => {
  let decoder = new TextDecoder('utf-8');
  let head: Uint8Array | undefined = new Uint8Array(0);
  let tail = '';
  let found: string | undefined;
  let exempt = false;
  const scan = (bytes: Uint8Array, last: boolean): void => {
    const text = tail + decoder.decode(bytes, { stream: !last });
    found = CONTENT_RULES.find((r) => r.test.test(text))?.reason;
    tail = text.slice(-OVERLAP_CHARS);
  };
  const decideHead = (last: boolean): void => {
    if (head === undefined) return;
    const h = head;
    head = undefined;
    exempt = encryptedName && looksLikeCiphertext(h);
    // Text saved as UTF-16 (Windows tools, PowerShell's `>`) is read as such: in UTF-8 every
    // other byte is a NUL, and no rule would match.
    decoder = new TextDecoder(textEncodingOf(h));
    if (!exempt) scan(h, last);
  };
  return {
    push(chunk) {
      if (found !== undefined || exempt) return;
      if (head !== undefined) {
        // Wait for enough bytes to tell ciphertext from text (chunks can be tiny).
        head = Buffer.concat([head, chunk]);
        if (head.length >= HEAD_BYTES) decideHead(false);
        return;
      }
      scan(chunk, false);
    },
    finish() {
      decideHead(true);
      return found;
    },
    ciphertext: () => exempt,
  };
};

/** Findings for one file (path relative to the source dir, content = its first bytes or all of it). */
export const scanForSecrets = (path: string, content: string | undefined): SecretFinding[] => {
  const encrypted = targetPathOf(path).encrypted;
  if (content !== undefined) {
    const scan = contentScan(encrypted);
    scan.push(Buffer.from(content, 'utf8'));
    const reason = scan.finish();
    if (reason !== undefined) return [{ path, reason }];
    // Real ciphertext under an encrypted_ name: its name (id_ed25519, .env) is what it should be.
    if (encrypted && looksLikeCiphertext(Buffer.from(content.slice(0, HEAD_BYTES), 'utf8'))) return [];
  } else if (encrypted) {
    return [];
  }
  const byName = nameReason(path);
  return byName !== undefined ? [{ path, reason: byName }] : [];
};
