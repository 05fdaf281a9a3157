import type { SyncConnection } from './sync-connection';

/**
 * The fan-out of a document's updates and presence to its connections. Every send goes
 * through this interface, so that a later deployment with several server processes can add
 * a relay (Redis pub/sub, as Hocuspocus does) without touching the rooms.
 */
export interface RoomBroadcaster {
  /** Sends `message` to each connection except `except`; returns how many it reached. */
  broadcast(connections: Iterable<SyncConnection>, message: Uint8Array, except?: SyncConnection): number;
}

/** One process: the message goes straight to the sockets of this process. */
export class LocalRoomBroadcaster implements RoomBroadcaster {
  broadcast(connections: Iterable<SyncConnection>, message: Uint8Array, except?: SyncConnection): number {
    let reached = 0;
    for (const connection of connections) {
      if (connection !== except && connection.send(message)) reached++;
    }
    return reached;
  }
}
