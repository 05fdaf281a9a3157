import * as encoding from 'lib0/encoding';
import { describe, expect, test } from 'vitest';
import { decodePermissionMessage, encodePermissionMessage } from './permission-messages';

describe('the permission message', () => {
  test('read-only with its reason, and may edit with or without new tags, come back as sent', () => {
    expect(decodePermissionMessage(encodePermissionMessage({ canEdit: false, reason: 'Locked.' }))).toEqual({ canEdit: false, reason: 'Locked.' });
    expect(decodePermissionMessage(encodePermissionMessage({ canEdit: true }))).toEqual({ canEdit: true, mayAddTags: true });
    expect(decodePermissionMessage(encodePermissionMessage({ canEdit: true, mayAddTags: false }))).toEqual({ canEdit: true, mayAddTags: false });
  });

  test('"may edit" without flags (an older server) means new tags are allowed', () => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 2);
    encoding.writeVarUint(encoder, 1);
    expect(decodePermissionMessage(encoding.toUint8Array(encoder))).toEqual({ canEdit: true, mayAddTags: true });
  });

  test('a frozen text is bit 1 of the flags, beside bit 0; bits a reader does not know are ignored', () => {
    const frozen = encodePermissionMessage({ canEdit: true, textFrozen: true });
    expect(frozen.at(-1)).toBe(2);
    expect(decodePermissionMessage(frozen)).toEqual({ canEdit: true, mayAddTags: true, textFrozen: true });
    expect(decodePermissionMessage(encodePermissionMessage({ canEdit: true, mayAddTags: false, textFrozen: true }))).toEqual({ canEdit: true, mayAddTags: false, textFrozen: true });
    expect(decodePermissionMessage(encodePermissionMessage({ canEdit: true }))).not.toHaveProperty('textFrozen');
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 2);
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint(encoder, 4 | 1);
    expect(decodePermissionMessage(encoding.toUint8Array(encoder))).toEqual({ canEdit: true, mayAddTags: false });
  });

  test('anything else is no permission message', () => {
    expect(decodePermissionMessage(Uint8Array.of(0, 0))).toBeNull();
    expect(decodePermissionMessage(Uint8Array.of(2, 7))).toBeNull();
    expect(decodePermissionMessage(new Uint8Array(0))).toBeNull();
  });
});
