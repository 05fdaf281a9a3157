import { randomInt } from 'node:crypto';

/**
 * Invite codes: 8 characters from an alphabet without the look-alikes 0/O, 1/I/L, read
 * aloud or copied from a projector. 31^8 ≈ 8.5 × 10^11 codes; guessing is held back by the
 * join rate limit, not by length alone. Stored bare, shown as `ABCD-EFGH`.
 */
export const INVITE_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const INVITE_CODE_LENGTH = 8;

/** A fresh code from the operating system's random source, each character uniform. */
export function generateInviteCode(): string {
  let code = '';
  for (let i = 0; i < INVITE_CODE_LENGTH; i++) code += INVITE_CODE_ALPHABET[randomInt(INVITE_CODE_ALPHABET.length)];
  return code;
}

/**
 * What a person typed, in stored form: upper case, without spaces and dashes (including the
 * typographic dashes U+2010 to U+2015 that word processors put in when a code is pasted).
 */
export function normalizeInviteCode(input: string): string {
  return input.toUpperCase().replace(/[\s\-\u2010-\u2015]/g, '');
}

/** `ABCDEFGH` → `ABCD-EFGH`, for display. */
export function formatInviteCode(code: string): string {
  const half = INVITE_CODE_LENGTH / 2;
  return `${code.slice(0, half)}-${code.slice(half)}`;
}

/** Whether a normalised code could be one we issued (so an impossible code costs no query). */
export function isWellFormedInviteCode(code: string): boolean {
  return code.length === INVITE_CODE_LENGTH && [...code].every((character) => INVITE_CODE_ALPHABET.includes(character));
}
