
import type { Browser, } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs } from '../support/module-harness.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { chromiumMissing, ensureWebBuilt, expectAccessible, launchChromium, newVisitor, openNav, screenshot, VIEWPORTS, type Viewport } from './support.ts';

describe.skipIf(chromiumMissing)('"Décrire un problème" in Chromium', () => {
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
    it('an owner describes a problem for their car, reads what was understood, goes on to booking, and does it again in English', async () => {
      const owner = await signInAs(server, 'owner');
      const vin = `VF1RFB00X5${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
      const car = await server.call('POST', '/v1/vehicles', { token: owner.token, body: { vin, plate: 'AB-123-CD', make: 'Renault', model: 'Clio', year: 2019 } });
      const { context, page, problems } = await newVisitor(browser, server.url, v);
      await page.goto('/');
      await page.getByRole('tabpanel').getByLabel('Adresse e-mail').fill(owner.email);
      await page.getByRole('tabpanel').getByLabel('Mot de passe').fill('a-long-enough-password');
      await page.getByRole('tabpanel').getByLabel('Mot de passe').press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Mes véhicules' }).waitFor();

      await openNav(page, v, 'Décrire un problème');
      await page.getByRole('heading', { level: 1, name: 'Décrire un problème' }).waitFor();
      await page.getByRole('button', { name: 'Analyser' }).click();
      await page.getByText('Décrivez le problème en quelques mots.').waitFor();
      await screenshot(page, `nlp-empty-${v.name}`);

      await page.getByLabel(/^Véhicule concerné/).first().click();
      await page.getByRole('option', { name: /Renault Clio/ }).click();
      await page.getByRole('textbox', { name: /^Votre description/ }).fill("ma voiture broute à l'accélération et le voyant moteur clignote, 120 000 km");
      await page.getByRole('button', { name: 'Analyser' }).click();
      const result = page.getByRole('region', { name: 'Ce que nous avons compris' });
      await result.waitFor();
      await expect.poll(() => result.textContent()).toContain('moteur');
      const words = await result.textContent();
      expect(words).toContain('élevée : roulez seulement jusqu’au garage, rapidement');
      expect(words).toContain('Voyants : voyant moteur');
      expect(words).toMatch(/Kilométrage : 120\s000 km/);
      expect(words).toContain('Véhicule : Renault Clio (2019)');
      expect(words).toContain('Diagnostic moteur');
      const [stored] = (await server.call('GET', '/v1/nlp/analyses', { token: owner.token })).body.items;
      expect(stored).toMatchObject({ category: 'engine', urgency: 'high', vehicle: { make: 'Renault', model: 'Clio', year: 2019 } });
      const book = result.getByRole('link', { name: 'Prendre rendez-vous' });
      expect(await book.getAttribute('href')).toBe(`/planning?analysisId=${stored.id}&urgency=high&service=diagnostic&vehicleId=${car.body.id}`);
      await expectAccessible(page, `describe a problem (${v.name})`);
      await screenshot(page, `nlp-describe-${v.name}`);

      // A critical case says so before anything else.
      await page.getByRole('textbox', { name: /^Votre description/ }).fill("plus de freins, la pédale s'enfonce jusqu'au plancher");
      await page.getByRole('button', { name: 'Analyser' }).click();
      await page.getByRole('alert').filter({ hasText: 'Ne roulez pas.' }).waitFor();
      await expect.poll(() => result.textContent()).toContain('critique : ne roulez pas, faites remorquer le véhicule');
      await expectAccessible(page, `a critical problem (${v.name})`);
      await screenshot(page, `nlp-critical-${v.name}`);
      await book.click();
      await page.getByRole('heading', { level: 1, name: 'Prendre rendez-vous' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/planning');
      expect(Object.fromEntries(new URL(page.url()).searchParams)).toMatchObject({ urgency: 'critical', service: 'freins' });

      // In English, from the OBD dashboard's link (fault codes already in the text).
      await page.goto(`/describe?vehicleId=${car.body.id}&codes=P0301`);
      await page.getByRole('heading', { level: 1, name: 'Décrire un problème' }).waitFor();
      await page.locator('label', { hasText: 'English' }).first().click();
      await page.getByRole('heading', { level: 1, name: 'Describe a problem' }).waitFor();
      const description = page.getByRole('textbox', { name: /^Your description/ });
      expect(await description.inputValue()).toContain('P0301');
      await description.fill('grinding noise when braking, 120k km, code P0301');
      await page.getByRole('button', { name: 'Analyse' }).click();
      const understood = page.getByRole('region', { name: 'What we understood' });
      await understood.waitFor();
      await expect.poll(() => understood.textContent()).toContain('brakes');
      expect(await understood.textContent()).toContain('high: drive only to a garage, soon');
      expect(await understood.textContent()).toContain('Fault codes: P0301');
      await expectAccessible(page, `describe a problem in English (${v.name})`);
      await screenshot(page, `nlp-describe-english-${v.name}`);
      expect(problems).toEqual([]);
      await context.close();
    });
  });
});
