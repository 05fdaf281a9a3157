import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { projectRoot } from '@/lib/project-paths';

/**
 * The real clipboard captures in `shared/fixtures/conversations/` (beside the repository;
 * see its README), for tests. Each is the gzipped `text/html` a browser copied from a chat.
 */
export const conversationFixturesDirectory = path.join(projectRoot, '..', 'shared', 'fixtures', 'conversations');

export function readConversationFixture(fileName: string): string {
  return gunzipSync(readFileSync(path.join(conversationFixturesDirectory, fileName))).toString('utf8');
}
