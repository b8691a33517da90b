import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium; we never download a browser. */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Is the browser there? Under CI=true a missing browser is a failure; elsewhere we say so loudly
 * and the browser tests do not run.
 */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  const message = `\n!!! ${CHROMIUM} is missing: browser tests cannot run. Install it with: apt-get install -y chromium\n`;
  if (process.env.CI === 'true') throw new Error(message);
  console.warn(`${message}!!! Browser tests are NOT being run on this machine.\n`);
  return false;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // As root, without a sandbox; and no background traffic to hosts this machine cannot reach.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}
