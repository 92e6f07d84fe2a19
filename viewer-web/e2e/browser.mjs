// Chromium from Debian driven by playwright-core (no downloaded browser), with WebGL2 by
// SwiftShader, and the page-side helpers the walk-throughs share.
import { chromium } from 'playwright-core';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

export const CHROMIUM = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--enable-unsafe-swiftshader', '--use-angle=swiftshader',
];

/** crossOrigin: the images come from another origin that sends no CORS headers (a test peer). */
export async function launch({ crossOrigin = false } = {}) {
  const args = crossOrigin ? [...ARGS, '--disable-web-security'] : ARGS;
  return chromium.launch({ executablePath: CHROMIUM, args, headless: true });
}

/** A fresh browser context (no session) whose page gets the realm from config.json. */
export async function newPage(browser, { issuer, dicomWebBase, locale = 'zh-CN' }) {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale });
  const page = await context.newPage();
  const config = dicomWebBase ? { issuer, dicomWebBase } : { issuer };
  await page.route('**/config.json', (route) => route.fulfill({ json: config }));
  page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
  return { context, page };
}

/** Logs in through the realm's own form. */
export async function login(page, baseUrl, username, hash = '') {
  await page.goto(`${baseUrl}/${hash}`);
  await page.waitForSelector('#username', { timeout: 60_000 });
  await page.fill('#username', username);
  await page.fill('#password', username);
  await page.click('#kc-login');
  await page.waitForSelector(`.person[data-username="${username}"]`, { timeout: 60_000 });
}

export class Artefacts {
  constructor(dir) {
    this.dir = dir;
    this.n = 0;
  }
  async shot(page, name) {
    await mkdir(this.dir, { recursive: true });
    const file = join(this.dir, `${String(++this.n).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file });
    return file;
  }
}

/**
 * Statistics of what a pane's canvas shows, read back from its pixels: mean and standard
 * deviation of the luminance, the share of non-black pixels, and a checksum.
 */
export async function paneStats(page, paneIndex = 0) {
  return page.evaluate((index) => {
    const pane = document.querySelectorAll('.pane')[index];
    const canvas = pane?.querySelector('canvas');
    if (!canvas) return { error: 'no canvas' };
    let ctx = canvas.getContext('2d', { willReadFrequently: true });
    let width = canvas.width;
    let height = canvas.height;
    if (ctx === null) {
      const copy = document.createElement('canvas');
      copy.width = width;
      copy.height = height;
      ctx = copy.getContext('2d');
      ctx.drawImage(canvas, 0, 0);
    }
    const data = ctx.getImageData(0, 0, width, height).data;
    let sum = 0, sq = 0, nonBlack = 0, hash = 0;
    const n = width * height;
    for (let i = 0; i < data.length; i += 4) {
      const y = 0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2];
      sum += y;
      sq += y * y;
      if (y > 8) nonBlack++;
      hash = (hash * 31 + data[i] + 7 * data[i + 1] + 13 * data[i + 2]) >>> 0;
    }
    const mean = sum / n;
    return { width, height, mean, sd: Math.sqrt(Math.max(0, sq / n - mean * mean)), nonBlack: nonBlack / n, hash };
  }, paneIndex);
}

/** An image is on screen: more than a flat field. */
export function showsAnImage(stats) {
  return !stats.error && stats.sd > 2 && stats.nonBlack > 0.01;
}

/** The centre of the first pane's image area in page coordinates. */
export async function paneBox(page, paneIndex = 0) {
  const box = await page.locator('.pane .pane-image').nth(paneIndex).boundingBox();
  return { ...box, cx: box.x + box.width / 2, cy: box.y + box.height / 2 };
}

/** Drags with the left button in small steps, as a hand does. */
export async function drag(page, from, to, steps = 12) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps });
  await page.mouse.up();
}
