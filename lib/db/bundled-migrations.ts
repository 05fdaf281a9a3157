import type { MigrationObject } from '@mikro-orm/core';

/**
 * The migrations compiled into the built server (`dist/server.mjs`), which has no TypeScript
 * loader to import `migrations/*.ts` by file name. The build (`server/build-server.ts`)
 * replaces this module with one that imports every file in `migrations/`; run from source
 * (tsx: `npm run dev`, the CLI, the tests) it is undefined and the migrator finds the files.
 */
export const bundledMigrations: MigrationObject[] | undefined = undefined;
