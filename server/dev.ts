/** `npm run dev`: the same server, with Next.js compiling and hot-reloading pages. */
(process.env as Record<string, string>).NODE_ENV = 'development';
const { runServer } = await import('./index');
await runServer({ dev: true });
export {};
