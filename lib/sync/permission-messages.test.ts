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

  test('anything else is no permission message', () => {
    expect(decodePermissionMessage(Uint8Array.of(0, 0))).toBeNull();
    expect(decodePermissionMessage(Uint8Array.of(2, 7))).toBeNull();
    expect(decodePermissionMessage(new Uint8Array(0))).toBeNull();
  });
});
