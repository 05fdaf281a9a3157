import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { changesDocument, RefusedClocks } from './read-only-changes';

/** The server's document and a client in sync with it. */
function inSync(): { server: Y.Doc; client: Y.Doc } {
  const server = new Y.Doc();
  server.getText('test').insert(0, 'hello world');
  server.getText('test').delete(0, 6);
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return { server, client };
}

const stepTwo = (client: Y.Doc, server: Y.Doc) => Y.decodeUpdate(Y.encodeStateAsUpdate(client, Y.encodeStateVector(server)));

describe('changesDocument', () => {
  it('a client in sync sends a step 2 that changes nothing, deletions included', () => {
    const { server, client } = inSync();
    expect(changesDocument(server, stepTwo(client, server))).toBe(false);
    expect(changesDocument(server, Y.decodeUpdate(Y.encodeStateAsUpdate(client)))).toBe(false);
  });

  it('new text is a change', () => {
    const { server, client } = inSync();
    client.getText('test').insert(0, 'x');
    expect(changesDocument(server, stepTwo(client, server))).toBe(true);
  });

  it('deleting text the server still has is a change', () => {
    const { server, client } = inSync();
    client.getText('test').delete(0, 1);
    expect(changesDocument(server, stepTwo(client, server))).toBe(true);
  });
});

describe('RefusedClocks', () => {
  it('refuses later what builds on a refused change, for that person only', () => {
    const { server, client } = inSync();
    const refused = new RefusedClocks(100);
    client.getText('test').insert(0, 'U1 ');
    const u1 = stepTwo(client, server);
    refused.refuse(server, u1, 'student');
    expect(refused.buildsOnRefused(server, u1, 'student')).toBe(true);
    const before = Y.encodeStateVector(client);
    client.getText('test').insert(0, 'U2 ');
    const u2 = Y.decodeUpdate(Y.encodeStateAsUpdate(client, before));
    expect(refused.buildsOnRefused(server, u2, 'student')).toBe(true);
    expect(refused.buildsOnRefused(server, u1, 'someone else')).toBe(false);
    // What the server already had of that client is not refused.
    expect(refused.buildsOnRefused(server, Y.decodeUpdate(Y.encodeStateAsUpdate(server)), 'student')).toBe(false);
  });
});
