/**
 * `npm run bench [-- <scenario|pages|scale> … ] [--servers=grimoire,hocuspocus,floor] [--profile] [--no-pages] [--list]`
 *
 * With no scenario named: every scenario against every server, the page benchmark, and a
 * CPU profile of our server in the hottest scenario; the results go to bench/results/ and
 * into docs/performance.md. Naming scenarios runs only those (and writes only bench/results/);
 * `scale` names the multi-process ones (school-scale, school-routed, campus: 1, 2, 4 processes through Redis).
 */
process.env.LOG_LEVEL ??= 'warn';
(process.env as Record<string, string>).NODE_ENV ??= 'production';
const { main } = await import('./bench-main');
process.exitCode = await main(process.argv.slice(2));
export {};
