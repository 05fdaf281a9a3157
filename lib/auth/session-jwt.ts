import { hkdf } from '@panva/hkdf';
import { base64url, calculateJwkThumbprint, jwtDecrypt, type JWTPayload } from 'jose';

/**
 * Reads an Auth.js session cookie's JWT as `decode` of `next-auth/jwt` does (an encrypted
 * JWT, `dir` with A256CBC-HS512 or A256GCM, its key derived from the secret by HKDF salted
 * with the cookie's name, its `kid` that key's JWK thumbprint, 15 s of clock tolerance), but
 * derives the key and its thumbprint once per secret, cookie name and algorithm instead of
 * for every cookie read: a connection storm (a process restarted, a lecture arriving) read
 * thousands of cookies, and the two derivations were most of each read's cost.
 */

interface DerivedKey {
  key: Uint8Array;
  thumbprint: string;
}

/** A few secrets (during a rotation) × the two cookie names × two algorithms at most; cleared past this, never grown without bound. */
const maxDerivedKeys = 16;
const derivedKeys = new Map<string, Promise<DerivedKey>>();

const keyLengths: Record<string, number> = { 'A256CBC-HS512': 64, A256GCM: 32 };

function derivedKey(enc: string, secret: string, salt: string): Promise<DerivedKey> {
  const length = keyLengths[enc];
  if (length === undefined) return Promise.reject(new Error('Unsupported JWT Content Encryption Algorithm'));
  const id = `${enc}\u0000${salt}\u0000${secret}`;
  let found = derivedKeys.get(id);
  if (found) return found;
  found = (async () => {
    const key = await hkdf('sha256', secret, salt, `Auth.js Generated Encryption Key (${salt})`, length);
    const thumbprint = await calculateJwkThumbprint({ kty: 'oct', k: base64url.encode(key) }, length === 64 ? 'sha512' : 'sha256');
    return { key, thumbprint };
  })();
  if (derivedKeys.size >= maxDerivedKeys) derivedKeys.clear();
  derivedKeys.set(id, found);
  // A failed derivation is not kept.
  found.catch(() => derivedKeys.delete(id));
  return found;
}

/** The payload of a session JWT made with `secret` for the cookie `salt`; rejects a token that is malformed, tampered with, made with another secret, or expired. */
export async function decodeSessionJwt(token: string, secret: string, salt: string): Promise<JWTPayload> {
  const { payload } = await jwtDecrypt(
    token,
    async ({ kid, enc }) => {
      const { key, thumbprint } = await derivedKey(enc, secret, salt);
      if (kid !== undefined && kid !== thumbprint) throw new Error('no matching decryption secret');
      return key;
    },
    { clockTolerance: 15, keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256CBC-HS512', 'A256GCM'] },
  );
  return payload;
}
