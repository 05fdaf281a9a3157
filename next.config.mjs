/** @type {import('next').NextConfig} */
const nextConfig = {
  // Packages that must be loaded by Node at run time, not bundled: the ORM discovers
  // its drivers dynamically, the Yjs family must be one module instance per process, and
  // PDFKit reads its standard fonts' metrics from files beside its code.
  serverExternalPackages: [
    'yjs',
    'y-protocols',
    'lib0',
    '@mikro-orm/core',
    '@mikro-orm/postgresql',
    '@mikro-orm/migrations',
    '@mikro-orm/sql',
    'pg',
    'pino',
    'pdfkit',
  ],
  // Tests that start their own development server build into a directory of their own, so
  // they neither collide with a developer's running `npm run dev` nor with each other.
  distDir: process.env.GRIMOIRE_NEXT_DIST_DIR || '.next',
  // ...and since Next.js adds its build directory's types to the tsconfig it uses, they
  // point it at a copy of their own rather than letting it rewrite ours.
  typescript: { tsconfigPath: process.env.GRIMOIRE_NEXT_TSCONFIG || 'tsconfig.json' },
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
