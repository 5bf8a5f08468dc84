/** No 0/O, 1/I/L: a code read aloud or copied by hand still works. */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 6;

/** A fresh invite code from `random` (uniform in [0, 1): the server passes a cryptographic one). */
export function newInviteCode(random: () => number): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[Math.floor(random() * CODE_ALPHABET.length)];
  return code;
}
