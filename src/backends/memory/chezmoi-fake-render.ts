// The in-memory chezmoi fake's stand-ins for encryption and `.chezmoiignore` (templates: chezmoi-fake-template.ts): deterministic, tiny,
// and strict enough that a test notices when it relies on more than they model.
import { err, ok, type Result } from 'neverthrow';
import { commandFailed, type SyncError } from '../../core/errors.js';

export { renderFakeTemplate, type FakeTemplateData } from './chezmoi-fake-template.js';

const BEGIN = '-----BEGIN FAKE ENCRYPTED FILE-----\n';
const END = '\n-----END FAKE ENCRYPTED FILE-----\n';

/** The fake's "encryption": base64 between armour lines, so plaintext never shows in the source. */
export const fakeEncrypt = (plain: string): string => `${BEGIN}${Buffer.from(plain, 'utf8').toString('base64')}${END}`;

/** Reverses `fakeEncrypt`; anything else is a decryption failure. */
export const fakeDecrypt = (armoured: string, name = 'file'): Result<string, SyncError> => {
  if (!armoured.startsWith(BEGIN) || !armoured.endsWith(END)) {
    return err(commandFailed(`chezmoi failed: ${name}: cannot decrypt: not a fake-encrypted file`, { hint: 'write encrypted sources with fakeEncrypt()' }));
  }
  return ok(Buffer.from(armoured.slice(BEGIN.length, -END.length), 'base64').toString('utf8'));
};

/** True when `path` (relative to the destination) matches a `.chezmoiignore` pattern. */
export const matchesIgnore = (patterns: readonly string[], relTarget: string): boolean => {
  const parts = relTarget.split('/');
  // A pattern that matches a directory ignores everything below it.
  const candidates = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
  return patterns.some((p) => {
    const re = globToRegExp(p);
    return candidates.some((c) => re.test(c));
  });
};

/** `*` within a path component, `**` across components, `?` one character. */
const globToRegExp = (glob: string): RegExp => {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] ?? '';
    if (c === '*' && glob[i + 1] === '*') {
      re += '.*';
      i++;
      if (glob[i + 1] === '/') i++;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
};

/** The patterns of a rendered `.chezmoiignore`: one per line, `#` comments and blanks dropped. */
export const parseIgnore = (text: string): readonly string[] =>
  text
    .split('\n')
    .map((l) => l.replace(/(^|\s)#.*$/, '').trim())
    .filter((l) => l.length > 0 && !l.startsWith('!'));
