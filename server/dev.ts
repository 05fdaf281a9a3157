/** `npm run dev`: the same server, with Next.js compiling and hot-reloading pages. */
(process.env as Record<string, string>).NODE_ENV = 'development';
// The password-less sign-in is on in development unless turned off explicitly.
process.env.AUTH_DEV_LOGIN ??= '1';
const { runServer } = await import('./index');
await runServer({ dev: true });
export {};
