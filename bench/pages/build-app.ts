/** The first step of `npm start` on its own: `next build` when the sources changed since the last build. */
(process.env as Record<string, string>).NODE_ENV = 'production';
const { buildIfNeeded } = await import('@/server/build-if-needed');
await buildIfNeeded();
export {};
