// The demo in real Chromium and real Firefox, driven as a person would: click the fault buttons,
// read the banner.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { build } from 'esbuild';
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  BROWSERS,
  browserAvailable,
  describeEachBrowser,
  launchBrowser,
  type PageErrors,
  watchErrors,
} from '../support/browsers.js';
import { type DemoServer, startDemoServer } from '../support/demo-server.js';

const ARTIFACTS = 'test-artifacts';
const WAIT = { timeout: 30_000 };
/** Polling by interval, not animation frames: a headless page may get few of those. */
const POLL = { polling: 100, ...WAIT };

// One demo (Vite, upstream service and gateway) for both browsers; they run one after the other.
let server: DemoServer | undefined;
let base = '';

beforeAll(async () => {
  if (!BROWSERS.some((spec) => browserAvailable(spec))) return;
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startDemoServer();
  base = server.base;
});

afterAll(async () => {
  await server?.close();
});

// ---- page helpers: what a person sees and does ---------------------------------------------------

const button = (page: Page, name: string) => page.locator(`::-p-aria([name=${JSON.stringify(name)}][role="button"])`);
const field = (page: Page, name: string, role: string) =>
  page.locator(`::-p-aria([name=${JSON.stringify(name)}][role=${JSON.stringify(role)}])`);

/** The banner's live region, inside the <closewise-status> shadow root, found by its role. */
const BANNER = (role: 'status' | 'alert') => `closewise-status >>> .banner[role="${role}"]`;

async function innerText(page: Page, selector: string): Promise<string> {
  const handle = await page.waitForSelector(selector, WAIT);
  if (!handle) throw new Error(`no ${selector}`);
  return handle.evaluate((el) => (el as HTMLElement).innerText);
}

/** Waits until an element matching `selector` (in the page or any open shadow root) contains `text`. */
async function waitForText(page: Page, selector: string, text: string): Promise<void> {
  await page.waitForFunction(
    (sel: string, expected: string) => {
      const roots: Array<Document | ShadowRoot> = [document];
      for (let i = 0; i < roots.length; i++) {
        for (const el of (roots[i] as Document | ShadowRoot).querySelectorAll('*'))
          if (el.shadowRoot) roots.push(el.shadowRoot);
      }
      return roots.some((root) => [...root.querySelectorAll(sel)].some((el) => el.textContent?.includes(expected)));
    },
    POLL,
    selector,
    text,
  );
}

const waitForState = (page: Page, state: string) =>
  page.waitForFunction((s: string) => document.querySelector('#state')?.textContent === s, POLL, state);
const waitForTimeline = (page: Page, text: string) => waitForText(page, '#timeline li .meta', text);

describeEachBrowser('demo', (spec) => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser(spec);
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function openDemo(): Promise<{ page: Page; errors: PageErrors }> {
    const page = await browser.newPage();
    const errors = watchErrors(page);
    await page.goto(base);
    await waitForState(page, 'open');
    return { page, errors };
  }

  it('loads without console errors, connects, and compares 1008 with 1014', async () => {
    const { page, errors } = await openDemo();
    expect(errors).toEqual({ console: [], thrown: [] });
    // Connected: the banner is in the page but hidden.
    expect(await page.$$eval('closewise-status >>> .banner', (els) => els.length)).toBe(1);
    await page.waitForSelector('closewise-status >>> .banner', { hidden: true, ...WAIT });
    const comparison = await innerText(page, '#comparison');
    expect(comparison).toContain('1008 Policy Violation');
    expect(comparison).toContain('1014 Bad Gateway');
    expect(comparison).toContain('1008 means "pause and let the app act", 1014 means "reconnect with backoff".');
    await page.close();
  });

  it('1014 outage through the gateway, a 502 handshake seen as 1006, then recovery', async () => {
    const { page, errors } = await openDemo();
    await button(page, 'Kill upstream (1014)').click();
    await waitForTimeline(page, '1014 Bad Gateway · reconnect · open · server');
    await page.waitForSelector(BANNER('status'), { visible: true, ...WAIT });
    const text = await innerText(page, BANNER('status'));
    expect(text).toContain('gateway or proxy');
    expect(text).toContain('Last close:');
    // While the upstream is down the gateway answers the upgrade with 502: the page sees 1006.
    await waitForTimeline(page, '1006 Abnormal Closure · reconnect · handshake · server');
    await button(page, 'Restore upstream').click();
    await waitForState(page, 'open');
    await page.waitForSelector('closewise-status >>> .banner', { hidden: true, ...WAIT });
    await page.screenshot({ path: `${ARTIFACTS}/demo-${spec.name}-after-1014-recovery.png`, fullPage: true });

    // The only errors in the page are the browser's own report of each refused handshake: closewise
    // logs and throws nothing. Chromium reports them as console errors, Firefox as page errors.
    const refused =
      spec.name === 'chromium'
        ? /^WebSocket connection to 'ws:\/\/127\.0\.0\.1:\d+\/live\?token=t\d+' failed: Error during WebSocket handshake: Unexpected response code: 502$/
        : /^Firefox can’t establish a connection to the server at ws:\/\/127\.0\.0\.1:\d+\/live\?token=t\d+\.$/;
    const [reported, silent] =
      spec.name === 'chromium' ? [errors.console, errors.thrown] : [errors.thrown, errors.console];
    expect(reported.length).toBeGreaterThan(0);
    for (const message of reported) expect(message).toMatch(refused);
    expect(silent).toEqual([]);
    await page.close();
  });

  it('1008 token expired: refreshes the token and reconnects with it', async () => {
    const { page } = await openDemo();
    const before = await innerText(page, '#token');
    await button(page, 'Expire token (1008 auth)').click();
    await waitForTimeline(page, '1008 Policy Violation · policy (auth)');
    await waitForState(page, 'open');
    expect(await innerText(page, '#token')).not.toBe(before);
    expect(await page.$$eval('#timeline li', (items) => items.length)).toBe(1);
    await page.close();
  });

  it('1008 rate limit: the banner says so with a countdown, then it resumes by itself', async () => {
    const { page } = await openDemo();
    await button(page, 'Flood messages (1008 rate limit)').click();
    await waitForTimeline(page, '1008 Policy Violation · policy (rate-limit)');
    expect(await innerText(page, BANNER('status'))).toMatch(/Too many requests\. Resuming in \d s\./);
    await waitForState(page, 'open');
    await page.close();
  });

  it('1008 policy pause: an alert with advice in English and Turkish; retry now from the keyboard', async () => {
    const { page } = await openDemo();
    await button(page, 'Send forbidden content (1008 policy)').click();
    await page.waitForSelector(BANNER('alert'), { visible: true, ...WAIT });
    const text = await innerText(page, BANNER('alert'));
    expect(text).toContain('Connection paused: action needed.');
    expect(text).toContain("Check the server's policy");
    expect(text).not.toContain('forbidden word'); // the raw reason is never shown
    await page.screenshot({ path: `${ARTIFACTS}/demo-${spec.name}-after-1008-policy-pause.png`, fullPage: true });

    await field(page, 'Language', 'combobox').fill('tr');
    await waitForText(page, '.banner[role="alert"]', 'Bağlantı duraklatıldı: işlem gerekiyor.');
    expect(await innerText(page, BANNER('alert'))).toContain('Sunucunun politikasını');
    expect(await innerText(page, '#comparison')).toContain('dur ve uygulamanın harekete geçmesini bekle');

    const retry = (await page.waitForSelector(`${BANNER('alert')} button[part="retry"]`, {
      visible: true,
      ...WAIT,
    })) as ElementHandle<HTMLButtonElement>;
    expect(await retry.evaluate((b) => b.textContent)).toBe('Şimdi yeniden dene');
    await retry.focus();
    await page.keyboard.press('Enter');
    await waitForState(page, 'open');
    await page.close();
  });

  it('a hostile close reason never becomes markup', async () => {
    const { page } = await openDemo();
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    // A fatal code, so the banner stays up: after a transient one it shows only for the random
    // retry delay, which can be a few milliseconds.
    await field(page, 'Code', 'spinbutton').fill('3003');
    await field(page, 'Reason', 'textbox').fill('<img src=x onerror=alert(1)>');
    await button(page, 'Close with this code').click();
    await waitForTimeline(page, '3003 Forbidden');
    await page.waitForSelector(BANNER('alert'), { visible: true, ...WAIT });
    const text = await innerText(page, BANNER('alert'));
    expect(text).toContain('3003');
    expect(text).not.toContain('<img');
    const images = await page.evaluate(() => {
      const roots: Array<Document | ShadowRoot> = [document];
      for (const el of document.querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
      return roots.reduce((n, r) => n + r.querySelectorAll('img').length, 0);
    });
    expect(images).toBe(0);
    expect(dialogs).toBe(0);
    await page.close();
  });

  it('the built ESM package works in the browser with its global WebSocket', async () => {
    if (!existsSync('dist/index.js')) execFileSync('npx', ['tsdown'], { stdio: 'ignore' });
    const bundle = await build({
      stdin: {
        contents: `
          import { ResilientSocket, describeClose } from './dist/index.js';
          import { createStatusBanner } from './dist/ui/index.js';
          import { tr } from './dist/registry/advice/tr.js';
          window.runBuilt = async (url) => new Promise((resolve) => {
            const socket = new ResilientSocket(url);
            createStatusBanner(socket, { container: document.body, locale: tr });
            socket.on('open', () => socket.send('from the built package'));
            socket.on('message', (data) => {
              if (String(data) !== 'from the built package') return;
              socket.close();
              resolve({ echo: String(data), advice: describeClose(1014, tr).locale });
            });
          });`,
        resolveDir: process.cwd(),
        loader: 'js',
      },
      bundle: true,
      format: 'esm',
      minify: true,
      write: false,
    });
    const page = await browser.newPage();
    const errors = watchErrors(page);
    await page.goto(base);
    await page.addScriptTag({ type: 'module', content: bundle.outputFiles[0]?.text ?? '' });
    await page.waitForFunction(() => 'runBuilt' in window, POLL);
    const { gatewayUrl } = await page.evaluate(() => fetch('/__closewise/config').then((r) => r.json()));
    const result = await page.evaluate(
      (url: string) => (window as unknown as { runBuilt(u: string): Promise<unknown> }).runBuilt(url),
      gatewayUrl,
    );
    expect(result).toEqual({ echo: 'from the built package', advice: 'tr' });
    expect(errors).toEqual({ console: [], thrown: [] });
    await page.close();
  });

  it('a dropped TCP connection is the real 1006, and the socket comes back', async () => {
    const { page } = await openDemo();
    await button(page, 'Drop TCP (1006)').click();
    await waitForTimeline(page, '1006 Abnormal Closure · reconnect · open · server');
    await waitForState(page, 'open');
    expect(await innerText(page, '#timeline')).not.toContain('1000 Normal Closure');
    await page.close();
  });
});
