
import type { Browser, } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeDtcResponse, encodePid } from '../../src/modules/obd/decoder/index.ts';
import { signInAs } from '../support/module-harness.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { chromiumMissing, ensureWebBuilt, expectAccessible, launchChromium, newVisitor, openNav, screenshot, VIEWPORTS, type Viewport } from './support.ts';

const basic = (user: string, secret: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}` });

describe.skipIf(chromiumMissing)('the OBD pages in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    await ensureWebBuilt();
    [server, browser] = await Promise.all([startTestServer({ env: { OBD_BATCH_DELAY_MS: '10' } }), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  describe.each(VIEWPORTS)('on a $name', (v: Viewport) => {
    it('an owner connects a dongle, copies its credentials, then sees live gauges, history and fault codes in French', async () => {
      const owner = await signInAs(server, 'owner');
      const vin = `VF1RFB00X5${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
      const car = await server.call('POST', '/v1/vehicles', { token: owner.token, body: { vin, plate: 'AB-123-CD', make: 'Renault', model: 'Clio', year: 2019 } });
      const { context, page, problems } = await newVisitor(browser, server.url, v);
      await context.grantPermissions(['clipboard-read', 'clipboard-write']);
      await page.goto('/');
      await page.getByRole('tabpanel').getByLabel('Adresse e-mail').fill(owner.email);
      await page.getByRole('tabpanel').getByLabel('Mot de passe').fill('a-long-enough-password');
      await page.getByRole('tabpanel').getByRole('button', { name: 'Se connecter' }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Mes véhicules' }).isVisible()).toBe(true);

      await openNav(page, v, 'Boîtier OBD');
      await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Connecter un boîtier OBD' }).isVisible()).toBe(true);
      await page.getByRole('combobox', { name: /^Véhicule/ }).click();
      await page.getByRole('option', { name: /Renault Clio/ }).click();
      await page.getByLabel('Nom du boîtier').fill('Dongle de la Clio');
      await page.getByRole('button', { name: 'Créer les identifiants' }).click();
      await expect.poll(() => page.getByText("Le secret n'est affiché qu'une fois").isVisible()).toBe(true);
      await page.getByRole('button', { name: 'Copier : Secret' }).click();
      await expect.poll(() => page.getByRole('button', { name: 'Copié : Secret' }).isVisible()).toBe(true);
      const secret = await page.evaluate(() => navigator.clipboard.readText());
      await page.getByRole('button', { name: 'Copier : Identifiant' }).click();
      const deviceId = await page.evaluate(() => navigator.clipboard.readText());
      await expectAccessible(page, `OBD connect page (${v.name})`);
      await screenshot(page, `obd-connect-${v.name}`);

      // The dongle sends a first message (it is history), then, with the dashboard open, a live one.
      const send = (frames: string[], ts = Date.now()) => server.call('POST', `/v1/obd/devices/${deviceId}/frames`, { body: { ts, frames }, headers: basic(deviceId, secret) });
      expect((await send([encodePid(0x0c, 2100), encodePid(0x05, 92), ...encodeDtcResponse(['P0301'])], Date.now() - 60_000)).status).toBe(202);
      await page.getByRole('link', { name: 'Tableau de bord' }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Tableau de bord OBD' }).isVisible()).toBe(true);
      await expect.poll(() => page.getByText('P0301').isVisible()).toBe(true);
      expect(await page.getByText(/Raté d'allumage.*cylindre 1/i).isVisible()).toBe(true);
      expect(await page.getByRole('link', { name: 'Décrire le problème et prendre rendez-vous' }).getAttribute('href')).toBe(`/describe?vehicleId=${car.body.id}&codes=P0301`);
      await expect.poll(() => page.getByRole('img', { name: /Régime moteur/ }).isVisible()).toBe(true);
      await send([encodePid(0x0d, 72), encodePid(0x0c, 2500), encodePid(0x05, 90), encodePid(0x42, 14.2)]);
      await expect.poll(() => page.getByText('72 km/h').isVisible()).toBe(true);
      await expect.poll(() => page.getByText('14,2 V').isVisible()).toBe(true);
      await expectAccessible(page, `OBD dashboard (${v.name})`);
      await screenshot(page, `obd-dashboard-${v.name}`);
      expect(problems).toEqual([]);
      await context.close();
    });
  });
});
