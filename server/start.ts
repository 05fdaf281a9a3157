/**
 * `npm start` in one process, for the tests and benchmarks that start the app with
 * `tsx server/start.ts`: build the pages and the server if their sources changed, then run
 * the built server (`dist/server.mjs`), the same code `npm start` runs with plain Node.
 */
import { pathToFileURL } from 'node:url';

(process.env as Record<string, string>).NODE_ENV = 'production';
const { buildIfNeeded } = await import('./build-if-needed');
await buildIfNeeded();
const { builtServerFile } = await import('./build-server');
await import(pathToFileURL(builtServerFile).href);
