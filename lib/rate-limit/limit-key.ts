import { createHmac } from 'node:crypto';

/**
 * Turns what a rate limit counts (an IP address, an email address, an address and an invite
 * code) into the key stored in `rate_limits`: an HMAC-SHA256 keyed with `AUTH_SECRET`, in hex.
 * An unsalted hash of an IPv4 address or an email is reversed by hashing every address, or a
 * list of emails, so the table would hold them in all but name; without the secret it holds
 * nothing that says whose counts they are. `kind` keeps one kind of value from ever sharing
 * a key with another. An operator who knows the secret can find one address's row:
 * `printf 'address:%s' 203.0.113.7 | openssl dgst -sha256 -hmac "$AUTH_SECRET"`.
 */
export class LimitKeys {
  constructor(private readonly secret: string | undefined) {}

  of(kind: string, value: string): string {
    if (!this.secret || this.secret.length < 32) throw new Error('rate-limit keys need AUTH_SECRET (32 characters or more)');
    return createHmac('sha256', this.secret).update(`${kind}:${value}`).digest('hex');
  }
}
