import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDocument } from '../../src/modules/ocr/corpus/generate-corpus.ts';
import { signInAs } from '../support/module-harness.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { chromiumMissing, ensureWebBuilt, expectAccessible, launchChromium, newVisitor, openNav, screenshot, VIEWPORTS, type Viewport } from './support.ts';

// A phone photo (blur, tilt, noise, uneven light, JPEG) that reads with warnings for the owner to check.
const PHOTO_SEED = 1008;

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto('/');
  await page.getByRole('tabpanel').getByLabel('Adresse e-mail').fill(email);
  await page.getByRole('tabpanel').getByLabel('Mot de passe').fill('a-long-enough-password');
  await page.getByRole('tabpanel').getByRole('button', { name: 'Se connecter' }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Mes véhicules' }).isVisible()).toBe(true);
}

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
      await signIn(page, owner.email);

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

    it('from "Ajouter un véhicule", an owner photographs the certificate of a car already registered, reads the warnings, corrects and updates it', async () => {
      const photo = await generateDocument(PHOTO_SEED, 'photo');
      const truth = photo.truth.normalized;
      const owner = await signInAs(server, 'owner');
      // Registered by hand years ago: an old plate, the model as the owner typed it.
      const typed = await server.call('POST', '/v1/vehicles', { token: owner.token, body: { vin: truth.vin, plate: '123 ABC 75', make: truth.make, model: 'à compléter', year: 2010 } });
      expect(typed.status).toBe(201);
      const { context, page, problems } = await newVisitor(browser, server.url, v);
      await signIn(page, owner.email);
      await page.getByRole('link', { name: 'Ajouter un véhicule' }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Ajouter un véhicule' }).isVisible()).toBe(true);
      await expectAccessible(page, `new vehicle page (${v.name})`);
      await screenshot(page, `vehicle-new-${v.name}`);
      await page.getByRole('link', { name: 'Photographier la carte grise' }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Ajouter un véhicule depuis la carte grise' }).isVisible()).toBe(true);

      // The phone's camera input: what a photo taken on the phone arrives as.
      await page.locator('input[type=file][capture]').setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(photo.image) });
      const answer = page.waitForResponse((r) => r.url().endsWith('/v1/ocr/documents') && r.request().method() === 'POST', { timeout: 60_000 });
      await page.getByRole('button', { name: 'Lire la carte grise' }).click();
      const read = (await (await answer).json()) as { status: string; warnings: { code: string; field?: string; message: string }[] };
      await expect.poll(() => page.getByTestId('ocr-status').isVisible(), { timeout: 60_000 }).toBe(true);
      expect(read.status).toBe('to_verify');
      expect(read.warnings.length).toBeGreaterThan(0);
      const status = page.getByTestId('ocr-status');
      expect(await status.getByText('Carte grise lue : quelques points sont à vérifier.').isVisible()).toBe(true);
      // Each warning in words, none as a bare code; a warning about a field names it as the card prints it.
      const shown = await status.getByRole('listitem').allTextContents();
      expect(shown).toHaveLength(read.warnings.length);
      expect(shown.join(' ')).not.toMatch(/[A-Z]+_[A-Z_]+/);
      read.warnings.forEach((w, i) => {
        if (w.field && w.code.startsWith('FIELD_')) expect(shown[i], w.code).toContain(w.field);
        else if (w.code === 'MAKE_VIN_MISMATCH') expect(shown[i]).toBe(w.message);
      });
      // The boxes of the fields warned about are drawn orange, not green.
      for (const field of new Set(read.warnings.map((w) => w.field).filter((f) => f !== undefined))) {
        const box = page.getByTestId(`ocr-box-${field}`);
        if ((await box.count()) > 0) expect(await box.evaluate((el) => (el as HTMLElement).style.border), field).toContain('orange');
      }
      await expectAccessible(page, `OCR photo read (${v.name})`);
      await screenshot(page, `ocr-photo-read-${v.name}`);

      // The owner checks each field against the card and corrects what was misread.
      await page.getByLabel(/^VIN/).fill(truth.vin);
      await page.getByLabel(/^Plaque/).fill(truth.plate);
      await page.getByLabel(/^Marque/).fill(truth.make);
      await page.getByLabel(/^Modèle/).fill(truth.model);
      await page.getByLabel(/^Année/).fill('2010');
      await page.getByRole('button', { name: 'Enregistrer le véhicule' }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Mes véhicules' }).isVisible()).toBe(true);
      await expect.poll(() => page.getByRole('status').getByText('Véhicule mis à jour.').isVisible()).toBe(true);
      await expect.poll(() => page.getByText(truth.plate).first().isVisible()).toBe(true);
      await screenshot(page, `ocr-photo-updated-${v.name}`);
      const listed = await server.call('GET', '/v1/vehicles', { token: owner.token });
      expect(listed.body.items).toEqual([{ ...typed.body, plate: truth.plate, make: truth.make, model: truth.model, year: 2010 }]);
      expect(problems).toEqual([]);
      await context.close();
    });
  });
});
