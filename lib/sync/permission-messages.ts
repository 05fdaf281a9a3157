import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * The permission message, sent by the server whenever a connection's permission is decided
 * (on attach, and again after every access change that reaches it), and read by the page.
 * It is the y-websocket auth message (type 2): sub-type 0 is y-protocols' "permission
 * denied" with the reason, which here means read-only; sub-type 1, "may edit", is ours. The
 * stock client logs the first and ignores the second (`readAuthMessage` reads only 0).
 * "May edit" is followed by flags (bit 0: may not add tags, as where a vocabulary is locked;
 * bit 1: the text is frozen, annotations allowed, as in an annotate-only conversation),
 * absent in messages of servers before them (they mean: may add tags, may change the text).
 * A reader ignores bits it does not know.
 */
export type Permission = { canEdit: true; mayAddTags?: boolean; textFrozen?: boolean } | { canEdit: false; reason: string };

const authMessageType = 2;
const readOnlySubtype = 0;
const canEditSubtype = 1;
const noNewTagsFlag = 1;
const textFrozenFlag = 2;

export function encodePermissionMessage(permission: Permission): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, authMessageType);
  if (permission.canEdit) {
    encoding.writeVarUint(encoder, canEditSubtype);
    encoding.writeVarUint(encoder, (permission.mayAddTags === false ? noNewTagsFlag : 0) | (permission.textFrozen ? textFrozenFlag : 0));
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
    if (subtype === canEditSubtype) {
      const flags = decoding.hasContent(decoder) ? decoding.readVarUint(decoder) : 0;
      return { canEdit: true, mayAddTags: (flags & noNewTagsFlag) === 0, ...((flags & textFrozenFlag) !== 0 ? { textFrozen: true } : {}) };
    }
    if (subtype === readOnlySubtype) return { canEdit: false, reason: decoding.readVarString(decoder) };
    return null;
  } catch {
    return null;
  }
}
