import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository root, found from this file's own location so that the server works
 * whatever directory it is started from. Only for code that runs in the custom server
 * and scripts (not inside the Next.js bundle, where module URLs are rewritten).
 */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Where local state lives when no external service is configured: `.data/` in the repository. */
export function defaultDataDirectory(): string {
  return path.join(projectRoot, '.data');
}
