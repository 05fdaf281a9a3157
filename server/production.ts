/**
 * The production server's entry point. `server/build-server.ts` compiles it, with what it
 * imports, into `dist/server.mjs`, which `npm start` runs with plain Node.
 */
(process.env as Record<string, string>).NODE_ENV = 'production';
const { runServer } = await import('./index');
await runServer({ dev: false });
export {};
