// Whether content really is age or OpenPGP ciphertext: only then is an `encrypted_` file exempt
// from the content rules (a plain key in a file named `encrypted_x` is still a plain key).

const TEXT_HEADERS = ['age-encryption.org/v1\n', '-----BEGIN AGE ENCRYPTED FILE-----', '-----BEGIN PGP MESSAGE-----'];

/**
 * True when `head` (the first bytes of a file) starts like age (binary or armored) or OpenPGP
 * (armored, or a binary public-key / symmetric-key encrypted session key packet).
 */
export const looksLikeCiphertext = (head: Uint8Array): boolean => {
  const text = Buffer.from(head.subarray(0, 64)).toString('latin1');
  if (TEXT_HEADERS.some((h) => text.startsWith(h))) return true;
  const first = head[0];
  if (first === undefined || (first & 0x80) === 0) return false;
  // Old-format packet: tag in bits 5-2; new format (bit 6 set): tag in bits 5-0. Tag 1 = PKESK, 3 = SKESK.
  const tag = (first & 0x40) !== 0 ? first & 0x3f : (first >> 2) & 0x0f;
  return tag === 1 || tag === 3;
};
