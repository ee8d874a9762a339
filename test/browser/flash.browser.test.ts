import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/modules/flash/ecu/seeded-random.ts';
import { imageOf } from '../../src/modules/flash/firmware/firmware-image.ts';
import { writeIntelHex } from '../../src/modules/flash/firmware/intel-hex.ts';
import { runFlashAgent } from '../../src/modules/flash/index.ts';
import { signInAs } from '../support/module-harness.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { chromiumMissing, ensureWebBuilt, expectAccessible, launchChromium, newVisitor, openNav, screenshot, VIEWPORTS, type Viewport } from './support.ts';

const random = seededRandom(21);
const image = imageOf('ihex', [{ address: 0x8000, data: random.bytes(1200) }, { address: 0xa000, data: random.bytes(300) }]);

async function signIn(page: Page, email: string, home: string | RegExp): Promise<void> {
  await page.goto('/');
  await page.getByRole('tabpanel').getByLabel('Adresse e-mail').fill(email);
  await page.getByRole('tabpanel').getByLabel('Mot de passe').fill('a-long-enough-password');
  await page.getByRole('tabpanel').getByRole('button', { name: 'Se connecter' }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1, name: home }).isVisible()).toBe(true);
}

describe.skipIf(chromiumMissing)('the flash pages in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    await ensureWebBuilt();
    [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  describe.each(VIEWPORTS)('on a $name', (v: Viewport) => {
    it('an admin uploads a firmware and sees its segments, hashes, signature and the audit check', async () => {
      const admin = await signInAs(server, 'admin');
      const { page, problems } = await newVisitor(browser, server.url, v);
      await signIn(page, admin.email, 'Événements en échec');
      await openNav(page, v, 'Firmwares ECU');
      await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Catalogue des firmwares' }).isVisible()).toBe(true);
      await page.locator('input[type=file]').setInputFiles({ name: 'clio.hex', mimeType: 'text/plain', buffer: Buffer.from(writeIntelHex(image)) });
      await page.getByLabel('Marque').fill('Renault');
      await page.getByLabel(/^Références matérielles/).fill('237100123R');
      await page.getByLabel(/^Versions de départ/).fill('1.0, 1.1');
      await page.getByLabel(/^Version installée/).fill('1.2');
      await page.getByRole('button', { name: 'Ajouter au catalogue' }).click();
      await expect.poll(() => page.getByText(`SHA-256 ${image.sha256}`).first().isVisible()).toBe(true);
      expect(await page.getByText('0x8000').first().isVisible()).toBe(true);
      expect(await page.getByText(/Chaîne intacte/).isVisible()).toBe(true);
      await expectAccessible(page, `firmware catalogue (${v.name})`);
      await screenshot(page, `flash-catalogue-${v.name}`);
      expect(problems).toEqual([]);
    });

    it('a verified pro creates a job from a vehicle and a compatible firmware, then follows the agent live', async () => {
      const admin = await signInAs(server, 'admin');
      for (const meta of [{ make: 'Renault', ecuHardware: ['237100123R'], fromSoftware: ['1.1'], toSoftware: '1.2' }, { make: 'Peugeot', ecuHardware: ['9600000000'], fromSoftware: ['1.1'], toSoftware: '2.0' }]) {
        const form = new FormData();
        form.set('file', new Blob([writeIntelHex(image)]), 'fw.hex');
        form.set('metadata', JSON.stringify({ ...meta, notes: '' }));
        await fetch(`${server.url}/v1/flash/firmwares`, { method: 'POST', headers: { authorization: `Bearer ${admin.token}` }, body: form });
      }
      const pro = await signInAs(server, 'verified-pro');
      const vin = 'VF1RFB00X56123456';
      await server.call('POST', '/v1/vehicles', { token: pro.token, body: { vin, plate: 'AB-123-CD', make: 'Renault', model: 'Clio', year: 2019 } });
      const { context, page, problems } = await newVisitor(browser, server.url, v);
      await context.grantPermissions(['clipboard-read', 'clipboard-write']);
      await signIn(page, pro.email, /hicules/);
      await openNav(page, v, 'Reprogrammation');
      await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Reprogrammation ECU' }).isVisible()).toBe(true);
      await page.getByRole('combobox', { name: /^Véhicule/ }).click();
      await page.getByRole('option', { name: /Renault Clio/ }).click();
      await page.getByLabel(/^Référence matérielle/).fill('237100123R');
      await page.getByLabel(/^Version logicielle actuelle/).fill('1.1');
      await expect.poll(() => page.getByText(/Incompatible : .*9600000000/).first().isVisible()).toBe(true);
      await expectAccessible(page, `new flash job (${v.name})`);
      await screenshot(page, `flash-new-job-${v.name}`);
      await page.getByText(/^Renault → 1\.2/).first().click();
      await expect.poll(() => page.getByRole('radio', { name: /Renault → 1\.2/ }).first().isChecked()).toBe(true);
      await page.getByRole('button', { name: 'Créer la tâche de flash' }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Tâche de flash' }).isVisible()).toBe(true);
      await expect.poll(() => page.getByText('En attente du contrôle').first().isVisible()).toBe(true);
      // The command for the vehicle on the garage's CAN adapter, then back to the virtual bench.
      const commandText = () => page.getByText(/^npx novaevo flash-agent/).textContent();
      await page.locator('label', { hasText: 'Véhicule (interface CAN)' }).click();
      await expect.poll(commandText).toContain('--ecu socketcan:can0');
      await page.locator('label', { hasText: 'Banc virtuel' }).click();
      await expect.poll(commandText).toContain('--ecu virtual');
      await page.getByRole('button', { name: 'Copier' }).click();
      const command = await page.evaluate(() => navigator.clipboard.readText());
      const jobId = /--job (\S+)/.exec(command)?.[1];
      expect(command).toContain('npx novaevo flash-agent --api');

      const { outcome } = await runFlashAgent({ api: server.url, token: pro.token, jobId: jobId!, ecu: 'virtual' });
      expect(outcome.status).toBe('completed');
      await expect.poll(() => page.getByText('Terminée').first().isVisible(), { timeout: 10_000 }).toBe(true);
      await expect.poll(() => page.getByText(/Mémoire relue identique au paquet/).isVisible()).toBe(true);
      await expect.poll(() => page.getByRole('cell', { name: 'flash.job.result' }).isVisible()).toBe(true);
      await expectAccessible(page, `flash job (${v.name})`);
      await screenshot(page, `flash-job-${v.name}`);
      expect(problems).toEqual([]);
    });
  });
});
