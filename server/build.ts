/** `npm start`'s first step: build the pages and the server if their sources changed since they were last built. */
(process.env as Record<string, string>).NODE_ENV = 'production';
const { buildIfNeeded } = await import('./build-if-needed');
await buildIfNeeded();
export {};
