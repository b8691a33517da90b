// One browser harness for every browser test: puppeteer-core drives Debian's Chromium over CDP and
// Debian's Firefox ESR over WebDriver BiDi. We never download a browser.

import { existsSync, statSync } from 'node:fs';
import puppeteer, { type Browser, type LaunchOptions, type Page } from 'puppeteer-core';
import { describe } from 'vitest';

export interface BrowserSpec {
  /** The name test titles and screenshot files carry. */
  readonly name: 'chromium' | 'firefox';
  readonly executablePath: string;
  /** The Debian package that provides it. */
  readonly debianPackage: string;
}

export const BROWSERS: readonly BrowserSpec[] = [
  { name: 'chromium', executablePath: '/usr/bin/chromium', debianPackage: 'chromium' },
  { name: 'firefox', executablePath: '/usr/bin/firefox-esr', debianPackage: 'firefox-esr' },
];

const warned = new Set<string>();

/**
 * Is the browser there? Under CI=true a missing browser is a failure; elsewhere we say so loudly
 * (once per browser) and that browser's tests do not run.
 */
export function browserAvailable(spec: BrowserSpec): boolean {
  if (existsSync(spec.executablePath)) return true;
  const message = `\n!!! ${spec.executablePath} is missing: the ${spec.name} browser tests cannot run. Install it with: apt-get install -y ${spec.debianPackage}\n`;
  if (process.env.CI === 'true') throw new Error(message);
  if (!warned.has(spec.name))
    console.warn(`${message}!!! ${spec.name} browser tests are NOT being run on this machine.\n`);
  warned.add(spec.name);
  return false;
}

/**
 * One `describe` per browser, titled `<title> in <browser>`, so every result says which browser it
 * ran in. A browser that is missing outside CI gets its suite skipped (after the loud warning).
 */
export function describeEachBrowser(title: string, body: (spec: BrowserSpec) => void): void {
  for (const spec of BROWSERS) describe.runIf(browserAvailable(spec))(`${title} in ${spec.name}`, () => body(spec));
}

// As root, without a sandbox; and no background traffic to hosts this machine cannot reach.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

// On top of puppeteer's own Firefox profile preferences (no updates, telemetry or safe browsing).
const FIREFOX_PREFS = {
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'browser.region.network.url': '',
};

/** Firefox refuses to run as root with a HOME that root does not own (a sandbox's HOME, say). */
function firefoxEnv(): Record<string, string | undefined> {
  const env = { ...process.env };
  if (process.getuid?.() !== 0) return env;
  let owner: number | undefined;
  try {
    owner = env.HOME ? statSync(env.HOME).uid : undefined;
  } catch {
    owner = undefined;
  }
  if (owner !== 0) env.HOME = '/root';
  return env;
}

/**
 * Launches the browser headless with a fresh, empty profile (puppeteer creates a temporary
 * user-data-dir / Firefox profile for each launch and deletes it on close).
 */
export function launchBrowser(spec: BrowserSpec): Promise<Browser> {
  const common: LaunchOptions = { executablePath: spec.executablePath, headless: true, timeout: 45_000 };
  if (spec.name === 'firefox') {
    return puppeteer.launch({
      ...common,
      browser: 'firefox',
      protocol: 'webDriverBiDi',
      env: firefoxEnv(),
      extraPrefsFirefox: FIREFOX_PREFS,
    });
  }
  return puppeteer.launch({ ...common, browser: 'chrome', protocol: 'cdp', args: CHROMIUM_ARGS });
}

/** What a page wrote to its console as errors, and what it threw. */
export interface PageErrors {
  /** `console.error` calls, and (Chromium) the browser's own network errors such as a failed WebSocket. */
  readonly console: string[];
  /** Uncaught exceptions, and (Firefox over BiDi) the browser's own errors such as a failed WebSocket. */
  readonly thrown: string[];
}

/** Records a page's console errors and thrown errors from now on. */
export function watchErrors(page: Page): PageErrors {
  const errors: PageErrors = { console: [], thrown: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') errors.console.push(m.text());
  });
  page.on('pageerror', (e) => errors.thrown.push(e instanceof Error ? e.message : String(e)));
  return errors;
}
