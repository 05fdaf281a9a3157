import { isIPv6 } from 'node:net';

/**
 * The key under which an address's tries are counted. An IPv4 address is itself; an IPv6
 * address counts as its /64, since one home or school network is given a whole /64 and a
 * client can pick any address in it (counting each address alone would let one machine
 * guess from 2^64 addresses).
 */
export function addressKey(address: string): string {
  const bare = address.replace(/%.*$/, '');
  if (!isIPv6(bare)) return address;
  return `${expandIPv6(bare).slice(0, 4).join(':')}::/64`;
}

/** `2001:db8::1` → the eight groups `2001`, `db8`, `0`, …, `1` (lower case, no leading zeros). */
function expandIPv6(address: string): string[] {
  const [head = '', tail] = address.toLowerCase().split('::');
  const groupsOf = (part: string) => (part === '' ? [] : part.split(':').flatMap(groupsOfPiece));
  const start = groupsOf(head);
  const end = tail === undefined ? [] : groupsOf(tail);
  const missing = 8 - start.length - end.length;
  return [...start, ...Array.from({ length: missing }, () => '0'), ...end];
}

/** One piece between colons: a hex group, or the dotted IPv4 address that may end an IPv6 address. */
function groupsOfPiece(piece: string): string[] {
  if (!piece.includes('.')) return [parseInt(piece, 16).toString(16)];
  const [a = 0, b = 0, c = 0, d = 0] = piece.split('.').map(Number);
  return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
}
