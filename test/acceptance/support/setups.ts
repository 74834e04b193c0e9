// How the users of the re-created repositories set their machines up, beyond `chezmoi init`:
// a chezmoi config written by hand (Automaat-style data, Sped0n-style age settings and key).
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Host, World } from '../../support/world.js';
import { chezmoi, fixturePath } from './dotfiles.js';

/** A hand-written `~/.config/chezmoi/chezmoi.toml`. */
export const writeChezmoiConfig = (h: Host, toml: string): void => {
  mkdirSync(dirname(h.chezmoiConfig), { recursive: true });
  writeFileSync(h.chezmoiConfig, toml);
};

/** Sped0n-style: age settings in the config; the key where the decrypt script would put it. */
export const configureAge = (h: Host, withKey: boolean): void => {
  const recipient = readFileSync(fixturePath('sped0n', 'age-recipient.txt'), 'utf8').trim();
  writeChezmoiConfig(h, `encryption = "age"\n[age]\n    identity = "~/.config/chezmoi/key.txt"\n    recipient = ${JSON.stringify(recipient)}\n`);
  if (withKey) copyFileSync(fixturePath('sped0n', 'age-identity.txt'), join(h.home, '.config/chezmoi/key.txt'));
};

/** `chezmoi decrypt` of an armored age file, as a host that has the key. */
export const decrypt = (w: World, h: Host, armored: string): string => {
  const tmp = join(w.root, `decrypt-${h.name}.age`);
  writeFileSync(tmp, armored);
  return chezmoi(w, h, ['decrypt', tmp]).stdout;
};

/** `chezmoi encrypt` of a text, as a host that has the recipient configured. */
export const encrypt = (w: World, h: Host, text: string): string => {
  const tmp = join(w.root, `plain-${h.name}`);
  writeFileSync(tmp, text);
  return chezmoi(w, h, ['encrypt', tmp]).stdout;
};
