/** @type {import('next').NextConfig} */
const nextConfig = {
  // Packages that must be loaded by Node at run time, not bundled: the ORM discovers
  // its drivers dynamically, and the Yjs family must be one module instance per process.
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
  ],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
