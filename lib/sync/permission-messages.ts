import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * The permission message, sent by the server whenever a connection's permission is decided
 * (on attach, and again after every access change that reaches it), and read by the page.
 * It is the y-websocket auth message (type 2): sub-type 0 is y-protocols' "permission
 * denied" with the reason, which here means read-only; sub-type 1, "may edit", is ours. The
 * stock client logs the first and ignores the second (`readAuthMessage` reads only 0).
 */
export type Permission = { canEdit: true } | { canEdit: false; reason: string };

const authMessageType = 2;
const readOnlySubtype = 0;
const canEditSubtype = 1;

export function encodePermissionMessage(permission: Permission): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, authMessageType);
  if (permission.canEdit) {
    encoding.writeVarUint(encoder, canEditSubtype);
  } else {
    encoding.writeVarUint(encoder, readOnlySubtype);
    encoding.writeVarString(encoder, permission.reason);
  }
  return encoding.toUint8Array(encoder);
}

/** The permission a message carries, or null when it is not a permission message. */
export function decodePermissionMessage(data: Uint8Array): Permission | null {
  try {
    const decoder = decoding.createDecoder(data);
    if (decoding.readVarUint(decoder) !== authMessageType) return null;
    const subtype = decoding.readVarUint(decoder);
    if (subtype === canEditSubtype) return { canEdit: true };
    if (subtype === readOnlySubtype) return { canEdit: false, reason: decoding.readVarString(decoder) };
    return null;
  } catch {
    return null;
  }
}
