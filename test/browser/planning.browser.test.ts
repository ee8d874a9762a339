import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs } from '../support/module-harness.ts';
import { signUp, startTestServer, type TestServer } from '../support/server.ts';
import { chromiumMissing, ensureWebBuilt, expectAccessible, launchChromium, newVisitor, openNav, screenshot, VIEWPORTS, type Viewport } from './support.ts';

const ALL_DAY = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '24:00']]]));

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByRole('tabpanel').getByLabel(/Adresse e-mail|Email address/).fill(email);
  await page.getByRole('tabpanel').getByLabel(/Mot de passe|Password/).fill(password);
  await page.getByRole('tabpanel').getByLabel(/Mot de passe|Password/).press('Enter');
}

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

describe.skipIf(chromiumMissing)('planning pages in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let pro: Awaited<ReturnType<typeof signInAs>>;

  beforeAll(async () => {
    await ensureWebBuilt();
    [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
    pro = await signInAs(server, 'verified-pro');
    const saved = await server.call('PUT', '/v1/pro/profile', {
      token: pro.token,
      body: { name: 'Garage du Centre', location: { lat: 48.8584, lon: 2.347, address: '1 rue de Rivoli, Paris' }, services: [{ code: 'vidange', durationMin: 60, priceEur: 89 }], capacity: 10, openingHours: ALL_DAY },
    });
    expect(saved.status).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  describe.each(VIEWPORTS)('on a $name', (v: Viewport) => {
    it('an owner finds a slot, books it and sees it in "Mes rendez-vous"; the professional confirms it', async () => {
      const email = `owner-${randomUUID().slice(0, 8)}@example.fr`;
      const account = await signUp(server, { email, role: 'owner', password: 'a-long-enough-password' });
      // The owner described the problem first (the NLP page's "Prendre rendez-vous" carries it on).
      const described = await server.call('POST', '/v1/nlp/analyze', { token: account.token, body: { text: `Le voyant d’huile reste allumé depuis hier (${v.name})` } });
      expect(described.status).toBe(200);
      const vin = `VF1RFB00X5${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
      const car = await server.call('POST', '/v1/vehicles', { token: account.token, body: { vin, plate: 'AB-123-CD', make: 'Renault', model: 'Clio', year: 2019 } });
      expect(car.status).toBe(201);
      const owner = await newVisitor(browser, server.url, v);
      // Signed out, the booking link leads through sign-in and back to it.
      await owner.page.goto(`/planning?analysisId=${described.body.id}&urgency=${described.body.urgency}&service=vidange&vehicleId=${car.body.id}`);
      await signIn(owner.page, email, 'a-long-enough-password');
      await heading(owner.page, 'Prendre rendez-vous').waitFor();
      await owner.page.getByRole('button', { name: 'Voir les créneaux' }).click();
      const choose = owner.page.getByRole('button', { name: /^Choisir ce créneau Garage du Centre/ }).first();
      await choose.waitFor();
      await expect.poll(() => owner.page.getByText(/km · score/).count()).toBeGreaterThan(0);
      await expectAccessible(owner.page, `slots (${v.name})`);
      await screenshot(owner.page, `planning-slots-${v.name}`);
      await choose.click();
      await owner.page.getByText('Créneau réservé pour vous').waitFor();
      await owner.page.getByLabel('Un mot pour le garage (facultatif)').fill('Voyant huile allumé');
      await owner.page.getByRole('button', { name: 'Confirmer la demande' }).click();
      await heading(owner.page, 'Mes rendez-vous').waitFor();
      await owner.page.getByText('Demandé').first().waitFor();
      await expectAccessible(owner.page, `my appointments (${v.name})`);
      await screenshot(owner.page, `planning-mine-${v.name}`);

      const garage = await newVisitor(browser, server.url, v);
      await garage.page.goto('/');
      await signIn(garage.page, pro.email, 'a-long-enough-password');
      await heading(garage.page, /Véhicules/).waitFor();
      await openNav(garage.page, v, 'Planning');
      await heading(garage.page, 'Planning de la semaine').waitFor();
      const confirm = garage.page.getByRole('button', { name: /^Confirmer / }).first();
      await confirm.waitFor();
      // The garage reads what the owner described, attached to the booking.
      await garage.page.getByLabel('Ce que le client a décrit').getByText(`Le voyant d’huile reste allumé depuis hier (${v.name})`, { exact: false }).first().waitFor();
      await expectAccessible(garage.page, `pro week (${v.name})`);
      await confirm.click();
      await garage.page.getByText('Confirmé').first().waitFor();
      await screenshot(garage.page, `planning-pro-week-${v.name}`);
      // The booked vehicle's diagnostics are one tap away for the garage.
      const booking = garage.page.locator('div').filter({ hasText: `(${v.name})` }).filter({ has: garage.page.getByRole('link', { name: 'Diagnostic du véhicule (OBD)' }) }).last();
      await booking.getByRole('link', { name: 'Diagnostic du véhicule (OBD)' }).click();
      await heading(garage.page, 'Tableau de bord OBD').waitFor();
      expect(new URL(garage.page.url()).pathname).toBe(`/obd/vehicles/${car.body.id}`);
      await garage.page.getByRole('heading', { name: 'Codes défaut' }).waitFor();
      await screenshot(garage.page, `planning-pro-vehicle-obd-${v.name}`);
      await garage.page.goto('/pro/profile');
      await garage.page.getByLabel('Nom de l’atelier').waitFor();
      await expect.poll(() => garage.page.getByLabel('Nom de l’atelier').inputValue()).toBe('Garage du Centre');
      await expectAccessible(garage.page, `pro profile (${v.name})`);
      await screenshot(garage.page, `planning-pro-profile-${v.name}`);

      await owner.page.reload();
      await owner.page.getByText('Confirmé').first().waitFor();
      expect([...owner.problems, ...garage.problems]).toEqual([]);
      await owner.context.close();
      await garage.context.close();
    });
  });
});
