// The demo in real Chromium, driven as a person would: click the fault buttons, read the banner.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoConfig } from '../../demo/config.mjs';
import { chromiumAvailable, launchChromium } from '../support/chromium.js';

const ARTIFACTS = 'test-artifacts';
const WAIT = { timeout: 30_000 };

describe.runIf(chromiumAvailable())('demo in Chromium', () => {
  let server: ViteDevServer;
  let browser: Browser;
  let base = '';

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await createServer({
      ...demoConfig({ quiet: true }),
      configFile: false,
      logLevel: 'error',
      server: { host: '127.0.0.1', port: 0 },
    });
    await server.listen();
    const address = server.httpServer?.address() as AddressInfo | null;
    base = `http://127.0.0.1:${address?.port}/`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function openDemo(): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(base);
    await page.locator('#state', { hasText: 'open' }).waitFor(WAIT);
    return { page, errors };
  }

  const timeline = (page: Page, text: string) => page.locator('#timeline li .meta', { hasText: text }).first();

  it('loads without console errors, connects, and compares 1008 with 1014', async () => {
    const { page, errors } = await openDemo();
    expect(errors).toEqual([]);
    // Connected: the banner is in the page but hidden.
    expect(await page.locator('closewise-status .banner').count()).toBe(1);
    expect(await page.locator('closewise-status .banner').isHidden()).toBe(true);
    const comparison = await page.locator('#comparison').innerText();
    expect(comparison).toContain('1008 Policy Violation');
    expect(comparison).toContain('1014 Bad Gateway');
    expect(comparison).toContain('1008 means "pause and let the app act", 1014 means "reconnect with backoff".');
    await page.close();
  });

  it('1014 outage through the gateway, a 502 handshake seen as 1006, then recovery', async () => {
    const { page } = await openDemo();
    await page.getByRole('button', { name: 'Kill upstream (1014)' }).click();
    await timeline(page, '1014 Bad Gateway · reconnect · open · server').waitFor(WAIT);
    const banner = page.getByRole('status');
    await banner.waitFor({ state: 'visible', ...WAIT });
    expect(await banner.innerText()).toContain('gateway or proxy');
    expect(await banner.innerText()).toContain('Last close:');
    // While the upstream is down the gateway answers the upgrade with 502: the page sees 1006.
    await timeline(page, '1006 Abnormal Closure · reconnect · handshake · server').waitFor(WAIT);
    await page.getByRole('button', { name: 'Restore upstream' }).click();
    await page.locator('#state', { hasText: 'open' }).waitFor(WAIT);
    await banner.waitFor({ state: 'hidden', ...WAIT });
    await page.screenshot({ path: `${ARTIFACTS}/demo-after-1014-recovery.png`, fullPage: true });
    await page.close();
  });

  it('1008 token expired: refreshes the token and reconnects with it', async () => {
    const { page } = await openDemo();
    const before = await page.locator('#token').innerText();
    await page.getByRole('button', { name: 'Expire token (1008 auth)' }).click();
    await timeline(page, '1008 Policy Violation · policy (auth)').waitFor(WAIT);
    await page.locator('#state', { hasText: 'open' }).waitFor(WAIT);
    const after = await page.locator('#token').innerText();
    expect(after).not.toBe(before);
    expect(await page.locator('#timeline li').count()).toBe(1);
    await page.close();
  });

  it('1008 rate limit: the banner says so with a countdown, then it resumes by itself', async () => {
    const { page } = await openDemo();
    await page.getByRole('button', { name: 'Flood messages (1008 rate limit)' }).click();
    await timeline(page, '1008 Policy Violation · policy (rate-limit)').waitFor(WAIT);
    const banner = page.getByRole('status');
    expect(await banner.innerText()).toMatch(/Too many requests\. Resuming in \d s\./);
    await page.locator('#state', { hasText: 'open' }).waitFor(WAIT);
    await page.close();
  });

  it('1008 policy pause: an alert with advice in English and Turkish; retry now from the keyboard', async () => {
    const { page } = await openDemo();
    await page.getByRole('button', { name: 'Send forbidden content (1008 policy)' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor(WAIT);
    const text = await alert.innerText();
    expect(text).toContain('Connection paused: action needed.');
    expect(text).toContain("Check the server's policy");
    expect(text).not.toContain('forbidden word'); // the raw reason is never shown
    await page.screenshot({ path: `${ARTIFACTS}/demo-after-1008-policy-pause.png`, fullPage: true });

    await page.getByLabel('Language').selectOption('tr');
    await page.getByRole('alert', { name: '' }).first().waitFor(WAIT);
    const turkish = await page.getByRole('alert').innerText();
    expect(turkish).toContain('Bağlantı duraklatıldı: işlem gerekiyor.');
    expect(turkish).toContain('Sunucunun politikasını');
    expect(await page.locator('#comparison').innerText()).toContain('dur ve uygulamanın harekete geçmesini bekle');

    const retry = page.getByRole('button', { name: 'Şimdi yeniden dene' });
    await retry.focus();
    await page.keyboard.press('Enter');
    await page.locator('#state', { hasText: 'open' }).waitFor(WAIT);
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
    await page.getByLabel('Code', { exact: true }).fill('3003');
    await page.getByLabel('Reason', { exact: true }).fill('<img src=x onerror=alert(1)>');
    await page.getByRole('button', { name: 'Close with this code' }).click();
    await timeline(page, '3003 Forbidden').waitFor(WAIT);
    const banner = page.getByRole('alert');
    await banner.waitFor({ state: 'visible', ...WAIT });
    expect(await banner.innerText()).toContain('3003');
    expect(await banner.innerText()).not.toContain('<img');
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
    await page.goto(base);
    await page.addScriptTag({ type: 'module', content: bundle.outputFiles[0]?.text ?? '' });
    await page.waitForFunction(() => 'runBuilt' in window, undefined, WAIT);
    const { gatewayUrl } = await page.evaluate(() => fetch('/__closewise/config').then((r) => r.json()));
    const result = await page.evaluate(
      (url) => (window as unknown as { runBuilt(u: string): Promise<unknown> }).runBuilt(url),
      gatewayUrl,
    );
    expect(result).toEqual({ echo: 'from the built package', advice: 'tr' });
    await page.close();
  });

  it('a dropped TCP connection is the real 1006, and the socket comes back', async () => {
    const { page } = await openDemo();
    await page.getByRole('button', { name: 'Drop TCP (1006)' }).click();
    await timeline(page, '1006 Abnormal Closure · reconnect · open · server').waitFor(WAIT);
    await page.locator('#state', { hasText: 'open' }).waitFor(WAIT);
    expect(await page.locator('#timeline').innerText()).not.toContain('1000 Normal Closure');
    await page.close();
  });
});
