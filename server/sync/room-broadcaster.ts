import type { SyncConnection } from './sync-connection';

/**
 * What a document's room sends to its connections: updates and presence to many, answers and
 * permissions to one. Every send of a room goes through its broadcaster, which knows the
 * room's document, so that a deployment with several server processes can add a relay
 * (Redis pub/sub keyed by the document, as Hocuspocus does) without touching the rooms.
 */
export interface RoomBroadcaster {
  /** The document whose room this broadcaster sends for. */
  readonly documentId: string;
  /** Sends `message` to each connection except `except`; returns how many it reached. */
  broadcast(connections: Iterable<SyncConnection>, message: Uint8Array, except?: SyncConnection): number;
  /** Sends `message` to one connection (an answer, its permission); whether it was sent. */
  send(connection: SyncConnection, message: Uint8Array): boolean;
}

/** Builds the broadcaster of a document's room, when the room is loaded. */
export type RoomBroadcasterFactory = (documentId: string) => RoomBroadcaster;

/** One process: the message goes straight to the sockets of this process. */
export class LocalRoomBroadcaster implements RoomBroadcaster {
  constructor(readonly documentId: string) {}

  broadcast(connections: Iterable<SyncConnection>, message: Uint8Array, except?: SyncConnection): number {
    let reached = 0;
    for (const connection of connections) {
      if (connection !== except && this.send(connection, message)) reached++;
    }
    return reached;
  }

  send(connection: SyncConnection, message: Uint8Array): boolean {
    return connection.send(message);
  }
}
