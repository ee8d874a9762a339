
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDocument } from '../../src/modules/ocr/corpus/generate-corpus.ts';
import { signInAs } from '../support/module-harness.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { chromiumMissing, ensureWebBuilt, expectAccessible, launchChromium, newVisitor, openNav, screenshot, VIEWPORTS, type Viewport } from './support.ts';

describe.skipIf(chromiumMissing)('the OCR page in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let scanFile: string;
  beforeAll(async () => {
    await ensureWebBuilt();
    [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
    scanFile = path.join(os.tmpdir(), `carte-grise-${process.pid}.png`);
    await writeFile(scanFile, (await generateDocument(1002, 'scan')).image);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  describe.each(VIEWPORTS)('on a $name', (v: Viewport) => {
    it('an owner photographs the registration certificate, checks what was read over the image and saves the vehicle', async () => {
      const truth = (await generateDocument(1002, 'scan')).truth.normalized;
      const owner = await signInAs(server, 'owner');
      const { context, page, problems } = await newVisitor(browser, server.url, v);
      await page.goto('/');
      await page.getByRole('tabpanel').getByLabel('Adresse e-mail').fill(owner.email);
      await page.getByRole('tabpanel').getByLabel('Mot de passe').fill('a-long-enough-password');
      await page.getByRole('tabpanel').getByRole('button', { name: 'Se connecter' }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Mes véhicules' }).isVisible()).toBe(true);

      await openNav(page, v, 'Ajouter par photo');
      await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Ajouter un véhicule depuis la carte grise' }).isVisible()).toBe(true);
      await expectAccessible(page, `OCR choose page (${v.name})`);
      await page.locator('input[type=file][accept*="pdf"]').setInputFiles(scanFile);
      await page.getByRole('button', { name: 'Lire la carte grise' }).click();
      await expect.poll(() => page.getByText('Lecture de la carte grise…').isVisible()).toBe(true);
      await expect.poll(() => page.getByTestId('ocr-status').isVisible(), { timeout: 60_000 }).toBe(true);
      await expect.poll(() => page.getByTestId('ocr-box-E').isVisible()).toBe(true);
      expect(await page.getByLabel(/^VIN/).inputValue()).toBe(truth.vin);
      expect(await page.getByLabel(/^Plaque/).inputValue()).toBe(truth.plate);
      expect(await page.getByLabel(/^Marque/).inputValue()).toBe(truth.make);
      await expectAccessible(page, `OCR read page (${v.name})`);
      await screenshot(page, `ocr-read-${v.name}`);

      await page.getByLabel(/^Modèle/).fill(`${truth.model} `);
      await page.getByRole('button', { name: 'Enregistrer le véhicule' }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Mes véhicules' }).isVisible()).toBe(true);
      await expect.poll(() => page.getByText(truth.plate).first().isVisible()).toBe(true);
      const listed = await server.call('GET', '/v1/vehicles', { token: owner.token });
      expect(listed.body.items.map((i: { vin: string }) => i.vin)).toEqual([truth.vin]);
      expect(problems).toEqual([]);
      await context.close();
    });
  });
});
