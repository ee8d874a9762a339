import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { WEB_DIST } from '../../src/platform/http/static-web.ts';

/** Debian's Chromium (`apt-get install chromium`; .ci/run installs it when it can). */
export const CHROMIUM = '/usr/bin/chromium';
export const chromiumMissing = !existsSync(CHROMIUM);
if (chromiumMissing) console.warn(`browser tests skipped: ${CHROMIUM} is absent (apt-get install chromium)`);

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SCREENSHOTS = path.join(ROOT, 'test-results/browser');

export const VIEWPORTS = [
  { name: 'phone', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  { name: 'desktop', viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false },
] as const;
export type Viewport = (typeof VIEWPORTS)[number];

async function newestMtime(p: string): Promise<number> {
  const info = await stat(p);
  if (!info.isDirectory()) return info.mtimeMs;
  const times = await Promise.all((await readdir(p)).map((n) => newestMtime(path.join(p, n))));
  return Math.max(info.mtimeMs, ...times);
}

/**
 * Builds web/dist when it is missing or older than the app's sources (npm install builds it;
 * this catches edits made since), so the tests always drive the app as it is.
 */
export async function ensureWebBuilt(): Promise<void> {
  const index = path.join(WEB_DIST, 'index.html');
  const sources = ['web/src', 'web/public', 'web/index.html', 'web/vite.config.ts', 'src/modules/vehicles/vin.ts', 'src/modules/vehicles/plate.ts'];
  const newest = Math.max(...(await Promise.all(sources.map((s) => newestMtime(path.join(ROOT, s))))));
  if (existsSync(index) && (await stat(index)).mtimeMs >= newest) return;
  const { build } = await import('vite');
  await build({ configFile: path.join(ROOT, 'web/vite.config.ts'), logLevel: 'warn' });
}

/**
 * Chromium as the machine's closed network needs it: no background connections, no sync, no
 * first-run pages. Playwright gives each launch a fresh, temporary user-data-dir.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--lang=fr-FR'],
  });
}

/** A signed-out visitor on one viewport; collects CSP violations and uncaught errors of its pages. */
export async function newVisitor(browser: Browser, baseURL: string, v: Viewport): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ baseURL, viewport: v.viewport, isMobile: v.isMobile, hasTouch: v.hasTouch, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Uncaught/.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(String(e)));
  return { context, page, problems };
}

const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core in the page and fails on any serious or critical violation, naming each rule
 * and the elements concerned. axe is evaluated through the DevTools protocol, which the page's
 * Content-Security-Policy (no inline scripts) does not block.
 */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  await page.evaluate(await axeSource);
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run(ctx: Document): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> } }).axe.run(document);
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  expect(violations, `accessibility of ${where}`).toEqual([]);
}

/** Saves the page as test-results/browser/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Follows a navigation entry; on a phone, through the menu. */
export async function openNav(page: Page, v: Viewport, label: string): Promise<void> {
  if (v.isMobile) await page.getByRole('button', { name: /Ouvrir le menu|Open menu/ }).click();
  await page.getByRole('navigation').getByRole('link', { name: label }).click();
}
