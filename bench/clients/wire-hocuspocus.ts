import { writeAuthentication } from '@hocuspocus/common';
import { MessageType } from '@hocuspocus/provider';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { syncType, type IncomingFrame, type Wire } from './wire';
import { decodeBodyOfType } from './wire-y-websocket';

/** The provider version our frames announce: the @hocuspocus/provider this bench is pinned to. */
const providerVersion = '4.8.0';

/**
 * The Hocuspocus framing, as @hocuspocus/provider writes it: every message starts with the
 * document name; the first is an authentication message (token, provider version), and the
 * server queues everything else until it has answered it. Built with the provider's own
 * message-type enum and @hocuspocus/common's auth encoder; no provider object per client,
 * so that 2,000 clients stay light.
 */
export class HocuspocusWire implements Wire {
  constructor(private readonly documentName: string) {}

  handshake(): Uint8Array[] {
    const encoder = this.start(MessageType.Auth);
    writeAuthentication(encoder, '');
    encoding.writeVarString(encoder, providerVersion);
    return [encoding.toUint8Array(encoder)];
  }

  syncStep1(stateVector: Uint8Array): Uint8Array {
    return this.sync(syncType.step1, stateVector);
  }

  syncStep2(update: Uint8Array): Uint8Array {
    return this.sync(syncType.step2, update);
  }

  update(update: Uint8Array): Uint8Array {
    return this.sync(syncType.update, update);
  }

  awareness(update: Uint8Array): Uint8Array {
    const encoder = this.start(MessageType.Awareness);
    encoding.writeVarUint8Array(encoder, update);
    return encoding.toUint8Array(encoder);
  }

  decode(data: Uint8Array): IncomingFrame {
    const decoder = decoding.createDecoder(data);
    decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    // SyncReply (4) carries a sync message like Sync (0); SyncStatus, Auth and the rest carry no document data.
    return decodeBodyOfType(type === 4 ? MessageType.Sync : type, decoder);
  }

  isUpdateOrAwareness(data: Uint8Array): boolean {
    const decoder = decoding.createDecoder(data);
    decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    if (type === MessageType.Awareness) return true;
    return type === MessageType.Sync && decoding.readVarUint(decoder) === syncType.update;
  }

  private start(type: number): encoding.Encoder {
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, this.documentName);
    encoding.writeVarUint(encoder, type);
    return encoder;
  }

  private sync(subtype: number, payload: Uint8Array): Uint8Array {
    const encoder = this.start(MessageType.Sync);
    encoding.writeVarUint(encoder, subtype);
    encoding.writeVarUint8Array(encoder, payload);
    return encoding.toUint8Array(encoder);
  }
}
