/** `npm start`: build the pages if the sources changed since the last build, then serve. */
(process.env as Record<string, string>).NODE_ENV = 'production';
const { buildIfNeeded } = await import('./build-if-needed');
await buildIfNeeded();
const { runServer } = await import('./index');
await runServer({ dev: false });
export {};
