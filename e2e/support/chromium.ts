import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

/** Flags every launch needs on these machines: no sandbox as root, no GPU, no phoning home. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * The browser for the end-to-end tests, first found of: `CHROMIUM_PATH`; a browser that
 * Playwright installed; the Chromium that ships inside the `@sparticuz/chromium` npm package
 * (so a plain `npm install` is enough); Debian's `/usr/bin/chromium`.
 */
export async function resolveChromiumExecutable(): Promise<string> {
  const explicit = process.env.CHROMIUM_PATH;
  if (explicit) {
    if (!existsSync(explicit)) throw new Error(`CHROMIUM_PATH points at ${explicit}, which does not exist.`);
    return explicit;
  }
  const playwrightInstalled = chromium.executablePath();
  if (playwrightInstalled && existsSync(playwrightInstalled)) return playwrightInstalled;
  try {
    const { default: sparticuz } = await import('@sparticuz/chromium');
    const extracted = await sparticuz.executablePath();
    if (extracted && existsSync(extracted)) return extracted;
  } catch {
    // Not installed or not extractable here: fall through.
  }
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  throw new Error('No Chromium found: run npm install, or set CHROMIUM_PATH to a Chromium or Chrome binary.');
}
