/**
 * The floor: a minimal in-memory y-websocket server with no persistence and no checks. One
 * Y.Doc and Awareness per path; an update is encoded once and sent to every other
 * connection; presence goes to everyone. Nothing a real server must do (authorization,
 * validation, storage) is here, so no server of this protocol can be much faster.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { WebSocketServer, type WebSocket } from 'ws';
import * as Y from 'yjs';
import { serveParent } from './child-runtime';

interface Room {
  doc: Y.Doc;
  awareness: awarenessProtocol.Awareness;
  connections: Map<WebSocket, Set<number>>;
}

const rooms = new Map<string, Room>();

function roomOf(name: string): Room {
  let room = rooms.get(name);
  if (room) return room;
  const doc = new Y.Doc();
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState(null);
  const created: Room = { doc, awareness, connections: new Map() };
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    syncProtocol.writeUpdate(encoder, update);
    const message = encoding.toUint8Array(encoder);
    for (const socket of created.connections.keys()) if (socket !== origin) socket.send(message);
  });
  awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
    const ids = created.connections.get(origin as WebSocket);
    if (ids) {
      for (const id of added) ids.add(id);
      for (const id of removed) ids.delete(id);
    }
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, [...added, ...updated, ...removed]));
    const message = encoding.toUint8Array(encoder);
    for (const socket of created.connections.keys()) socket.send(message);
  });
  rooms.set(name, created);
  return created;
}

const sockets = new WebSocketServer({ noServer: true, perMessageDeflate: false });
const http = createServer((_request, response) => response.writeHead(404).end());
http.on('upgrade', (request, socket, head) => {
  sockets.handleUpgrade(request, socket, head, (ws) => {
    const room = roomOf(new URL(request.url ?? '/', 'http://localhost').pathname);
    room.connections.set(ws, new Set());
    ws.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      const type = decoding.readVarUint(decoder);
      if (type === 0) {
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, 0);
        syncProtocol.readSyncMessage(decoder, encoder, room.doc, ws);
        if (encoding.length(encoder) > 1) ws.send(encoding.toUint8Array(encoder));
      } else if (type === 1) {
        awarenessProtocol.applyAwarenessUpdate(room.awareness, decoding.readVarUint8Array(decoder), ws);
      }
    });
    ws.on('close', () => {
      const ids = room.connections.get(ws);
      room.connections.delete(ws);
      if (ids && ids.size > 0) awarenessProtocol.removeAwarenessStates(room.awareness, [...ids], null);
    });
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    syncProtocol.writeSyncStep1(encoder, room.doc);
    ws.send(encoding.toUint8Array(encoder));
    const present = [...room.awareness.getStates().keys()];
    if (present.length > 0) {
      const presence = encoding.createEncoder();
      encoding.writeVarUint(presence, 1);
      encoding.writeVarUint8Array(presence, awarenessProtocol.encodeAwarenessUpdate(room.awareness, present));
      ws.send(encoding.toUint8Array(presence));
    }
  });
});
http.listen(0, '127.0.0.1', () => {
  serveParent((http.address() as AddressInfo).port, async () => {
    for (const socket of sockets.clients) socket.terminate();
    await new Promise<void>((resolve) => http.close(() => resolve()));
  });
});
