import { randomBytes } from 'node:crypto';
import { readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { projectRoot } from '@/lib/project-paths';

/**
 * The built server: `server/production.ts` and everything it imports from `server/`, `lib/`,
 * `entities/` and `migrations/`, compiled to one ES module that plain Node runs (`npm start`
 * runs it with no TypeScript loader). Packages stay in `node_modules`, loaded as usual.
 * One level below the repository, so `lib/project-paths.ts` finds the root from it as from
 * its own source file.
 */
export const builtServerFile = path.join(projectRoot, 'dist', 'server.mjs');

/** What the built server is made from: a change to any of these means a rebuild. */
export const serverBuildInputs = ['server', 'lib', 'entities', 'migrations', 'tsconfig.json', 'package-lock.json'];

/**
 * Compiles the server. It is written beside its final name and renamed, so a server starting
 * meanwhile (another test, a second checkout step) reads the old file or the new one, whole.
 */
export async function buildServer(): Promise<void> {
  const staging = `${builtServerFile}.${process.pid}-${randomBytes(3).toString('hex')}.tmp`;
  try {
    await build({
      entryPoints: [path.join(projectRoot, 'server', 'production.ts')],
      outfile: staging,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      sourcemap: 'inline',
      // Entities are `defineEntity` schemas (no decorators), so nothing needs type metadata.
      tsconfig: path.join(projectRoot, 'tsconfig.json'),
      logLevel: 'warning',
      plugins: [compiledInMigrations()],
    });
    renameSync(staging, builtServerFile);
  } finally {
    rmSync(staging, { force: true });
  }
}

/**
 * Replaces `lib/db/bundled-migrations.ts` with a module that imports every migration file,
 * so the built server applies migrations without importing TypeScript by file name.
 */
function compiledInMigrations(): Plugin {
  const placeholder = path.join(projectRoot, 'lib', 'db', 'bundled-migrations.ts');
  const migrationsDirectory = path.join(projectRoot, 'migrations');
  return {
    name: 'grimoire-compiled-in-migrations',
    setup(builder) {
      builder.onLoad({ filter: /bundled-migrations\.ts$/ }, (args) => {
        if (path.resolve(args.path) !== placeholder) return undefined;
        const files = readdirSync(migrationsDirectory)
          .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && !file.endsWith('.test.ts'))
          .sort();
        const imports = files.map((file, index) => `import * as migration${index} from ${JSON.stringify(path.join(migrationsDirectory, file))};`);
        const entries = files.map((file, index) => `{ name: ${JSON.stringify(file.replace(/\.ts$/, ''))}, class: migrationClass(migration${index}) }`);
        return {
          loader: 'ts',
          resolveDir: migrationsDirectory,
          contents: `${imports.join('\n')}
function migrationClass(module: Record<string, unknown>) {
  const found = Object.values(module).find((value) => typeof value === 'function');
  if (!found) throw new Error('a migration module exports no class');
  return found as never;
}
export const bundledMigrations = [${entries.join(', ')}];
`,
        };
      });
    },
  };
}
