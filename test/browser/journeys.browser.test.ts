import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/platform/clock.ts';
import { newId } from '../../src/platform/ids.ts';
import { signUp, startTestServer, type TestServer } from '../support/server.ts';
import { chromiumMissing, ensureWebBuilt, expectAccessible, launchChromium, newVisitor, openNav, screenshot, VIEWPORTS, type Viewport } from './support.ts';

const PASSWORD = 'un-mot-de-passe-assez-long';
const ADMIN = { email: 'admin@example.fr', password: 'admin-password-long-enough' };
// Deliveries of this vehicle's registration fail while the (pretend) garage system is down.
const FAILING_VIN = 'VF1RFB00X56999999';

async function register(page: Page, input: { name: string; email: string; pro?: { company: string; siren: string } }): Promise<void> {
  await page.getByRole('tab', { name: 'Créer un compte' }).click();
  if (input.pro) await page.getByRole('radio', { name: "Professionnel de l'automobile" }).check();
  await page.getByLabel('Nom et prénom').fill(input.name);
  await page.getByRole('tabpanel').getByLabel('Adresse e-mail').fill(input.email);
  await page.getByRole('tabpanel').getByLabel('Mot de passe').fill(PASSWORD);
  if (input.pro) {
    await page.getByLabel("Nom de l'entreprise").fill(input.pro.company);
    await page.getByLabel('SIREN').fill(input.pro.siren);
  }
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
}

/** Signs in from the keyboard: Enter in the password field submits. */
async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.getByRole('tabpanel').getByLabel(/Adresse e-mail|Email address/).fill(email);
  await page.getByRole('tabpanel').getByLabel(/Mot de passe|Password/).fill(password);
  await page.getByRole('tabpanel').getByLabel(/Mot de passe|Password/).press('Enter');
}

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

describe.skipIf(chromiumMissing)('the web app in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  // Moved on only to make event retries due; everything else sees a clock standing still.
  const clock = new ManualClock(new Date());
  let garageUp = false;
  beforeAll(async () => {
    await ensureWebBuilt();
    [server, browser] = await Promise.all([startTestServer({ clock, env: { NOVAEVO_ADMIN_EMAIL: ADMIN.email, NOVAEVO_ADMIN_PASSWORD: ADMIN.password } }), launchChromium()]);
    await server.platform.events.subscribe('test.garage-sync', 'vehicles.registered', async (event) => {
      if ((event.data as { vin: string }).vin === FAILING_VIN && !garageUp) throw new Error('garage system unreachable');
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  /** A vehicle registration whose delivery to the garage sync exhausted its retries. */
  async function deadLetter(): Promise<void> {
    const { token } = await signUp(server, { email: `dl-${randomUUID().slice(0, 8)}@example.fr`, role: 'owner' });
    const car = await server.call('POST', '/v1/vehicles', { token, body: { vin: FAILING_VIN, plate: 'AB-999-CD', make: 'Renault', model: 'Zoe', year: 2021 } });
    expect(car.status).toBe(201);
    for (let i = 0; i < 12; i++) {
      await server.platform.events.drain();
      clock.advance(20 * 60_000);
    }
  }

  /** Two unread notifications in the inbox of the account `email`, as a module would leave them. */
  async function notify(email: string): Promise<void> {
    const token = (await server.call('POST', '/v1/auth/token', { body: { email, password: PASSWORD } })).body.access_token;
    const me = (await server.call('GET', '/v1/me', { token })).body;
    for (const [i, title] of ['Rappel : contrôle technique', 'Diagnostic disponible'].entries()) {
      const item = { id: newId(), kind: 'test.notice', title, body: `Message ${i + 1}`, link: null, data: null, createdAt: new Date(Date.UTC(2026, 5, 1, 10 + i)) };
      await server.api.modules.inbox.add(server.platform.db, me.id, item);
    }
  }

  describe.each(VIEWPORTS)('on a $name', (v: Viewport) => {
    it('an owner signs up, adds a vehicle, sees it in the list, reads notifications, signs out and signs in again', async () => {
      const { context, page, problems } = await newVisitor(browser, server.url, v);
      const email = `camille-${randomUUID().slice(0, 8)}@example.fr`;
      const res = await page.goto('/');
      expect(res?.headers()['content-security-policy']).toMatch(/script-src 'self';/);
      await expect.poll(() => heading(page, 'Bienvenue sur NovaEvo').isVisible()).toBe(true);
      await expectAccessible(page, 'the home page');
      await screenshot(page, `home-${v.name}`);

      await register(page, { name: 'Camille Martin', email });
      await heading(page, 'Mes véhicules').waitFor();
      await expect.poll(() => page.getByText("Vous n'avez pas encore de véhicule").isVisible()).toBe(true);
      await expectAccessible(page, 'the empty vehicle list');

      await page.getByRole('link', { name: 'Ajouter un véhicule' }).click();
      await heading(page, 'Ajouter un véhicule').waitFor();
      await page.getByLabel('VIN (numéro de série)').fill('VF1RFB00X5612345O');
      await page.getByLabel('Plaque').fill('AB-000-CD');
      await page.getByRole('button', { name: 'Enregistrer le véhicule' }).click();
      await page.getByText('Le VIN compte 17 caractères').waitFor();
      await page.getByText('La plaque doit être au format AB-123-CD').waitFor();
      await expectAccessible(page, 'the vehicle form with its errors');
      await screenshot(page, `vehicle-form-errors-${v.name}`);

      await page.getByLabel('VIN (numéro de série)').fill('VF1RFB00X56123456');
      await page.getByLabel('Plaque').fill('ab 123 cd');
      await page.getByLabel(/^Marque/).fill('Renault');
      await page.getByLabel(/^Modèle/).fill('Clio');
      await page.getByLabel('Année du modèle').fill('2019');
      await page.getByRole('button', { name: 'Enregistrer le véhicule' }).click();
      await page.getByText('Véhicule ajouté.').waitFor();
      await page.getByRole('link', { name: 'Renault Clio (2019)' }).waitFor();
      await expect.poll(() => page.getByLabel('Plaque AB-123-CD').isVisible()).toBe(true);
      await expectAccessible(page, 'the vehicle list');
      await screenshot(page, `vehicles-${v.name}`);

      await page.getByRole('link', { name: 'Renault Clio (2019)' }).click();
      await heading(page, 'Renault Clio').waitFor();
      await page.getByText('VF1RFB00X56123456').waitFor();
      await expectAccessible(page, 'the vehicle page');
      await screenshot(page, `vehicle-${v.name}`);

      // A reload forgets the access token (memory only): the refresh token of the tab brings it back.
      await notify(email);
      await page.reload();
      await page.getByRole('link', { name: 'Notifications, 2 non lues' }).click();
      await heading(page, 'Notifications').waitFor();
      await page.getByText('2 notifications non lues.').waitFor();
      await expectAccessible(page, 'the inbox');
      await screenshot(page, `inbox-${v.name}`);
      await page.getByRole('button', { name: 'Marquer comme lue' }).first().click();
      await page.getByText('1 notification non lue.').waitFor();
      await page.getByRole('button', { name: 'Tout marquer comme lu' }).click();
      await page.getByText('Tout est lu.').waitFor();
      await page.getByRole('link', { name: 'Notifications, aucune non lue' }).waitFor();

      await openNav(page, v, 'Mon compte');
      await heading(page, 'Mon compte').waitFor();
      await page.getByText(email).waitFor();
      await page.getByRole('button', { name: 'Renvoyer le lien de confirmation' }).click();
      await page.getByText('Lien envoyé').waitFor();
      await expectAccessible(page, 'the account page');
      await screenshot(page, `account-${v.name}`);
      await page.getByRole('button', { name: 'Se déconnecter' }).click();
      await page.getByText('Vous êtes déconnecté').waitFor();

      await signIn(page, email);
      await heading(page, 'Mes véhicules').waitFor();
      await page.getByRole('link', { name: 'Renault Clio (2019)' }).waitFor();
      expect(problems).toEqual([]);
      await context.close();
    });

    it('a professional with an invalid SIREN sees why next to the field, in French', async () => {
      const { context, page, problems } = await newVisitor(browser, server.url, v);
      await page.goto('/');
      if (!v.isMobile) {
        // The keyboard's first stop skips the header (a phone has no Tab key to check it with).
        await heading(page, 'Bienvenue sur NovaEvo').waitFor();
        await page.keyboard.press('Tab');
        expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Aller au contenu');
      }
      // Nine digits pass the form; the check digit is wrong, which only the API tells.
      await register(page, { name: 'Luc Garage', email: `luc-${randomUUID().slice(0, 8)}@example.fr`, pro: { company: 'Garage du Centre', siren: '123456789' } });
      const siren = page.getByLabel('SIREN');
      await page.getByText("Ce SIREN n'existe pas").waitFor();
      expect(await siren.getAttribute('aria-invalid')).toBe('true');
      const describedBy = (await siren.getAttribute('aria-describedby')) ?? '';
      const descriptions = await Promise.all(describedBy.split(/\s+/).filter(Boolean).map((id) => page.locator(`[id="${id}"]`).textContent()));
      expect(descriptions.join(' ')).toContain("Ce SIREN n'existe pas");
      await expectAccessible(page, 'the account form with an API field error');
      await screenshot(page, `pro-siren-invalid-${v.name}`);

      await page.goto('/nulle-part');
      await heading(page, 'Page introuvable').waitFor();
      await expectAccessible(page, 'the page-not-found page');
      await page.goto('/verify-email?token=not-a-token');
      await page.getByText("Ce lien de confirmation n'est plus valable").waitFor();
      await expectAccessible(page, 'the email confirmation page');
      expect(problems).toEqual([]);
      await context.close();
    });

    it('a user switches to English, which the account remembers, and an ended session sends them to sign in', async () => {
      const { context, page, problems } = await newVisitor(browser, server.url, v);
      const email = `sam-${randomUUID().slice(0, 8)}@example.fr`;
      await page.goto('/');
      await register(page, { name: 'Sam Taylor', email });
      await heading(page, 'Mes véhicules').waitFor();
      await openNav(page, v, 'Mon compte');
      await page.getByRole('region', { name: 'Langue' }).getByText('English').click();
      await heading(page, 'My account').waitFor();
      await page.getByRole('region', { name: 'Email notifications' }).waitFor();
      await expectAccessible(page, 'the account page in English');
      await screenshot(page, `account-english-${v.name}`);
      await page.getByRole('button', { name: 'Sign out' }).click();
      await heading(page, 'Bienvenue sur NovaEvo').waitFor();

      await signIn(page, email);
      await heading(page, 'My vehicles').waitFor();
      await page.getByText('You have no vehicle yet').waitFor();
      await screenshot(page, `vehicles-english-${v.name}`);

      // The session is revoked elsewhere: the next load cannot refresh and asks to sign in again.
      const refresh = await page.evaluate(() => sessionStorage.getItem('novaevo.refresh'));
      expect((await server.call('POST', '/v1/auth/logout', { body: { refresh_token: refresh } })).status).toBe(204);
      await page.reload();
      await page.getByText('Votre session a expiré. Reconnectez-vous pour continuer.').waitFor();
      await heading(page, 'Bienvenue sur NovaEvo').waitFor();
      expect(problems).toEqual([]);
      await context.close();
    });

    it('an administrator sees a failed event delivery, replays it once its cause is fixed, and is told there is nothing left to do', async () => {
      await deadLetter();
      const { context, page, problems } = await newVisitor(browser, server.url, v);
      await page.goto('/');
      await signIn(page, ADMIN.email, ADMIN.password);
      await heading(page, 'Événements en échec').waitFor();
      await page.getByText('garage system unreachable').waitFor();
      await expectAccessible(page, 'the dead letters page');
      await screenshot(page, `admin-dead-letters-${v.name}`);

      garageUp = true;
      await page.getByRole('button', { name: "Rejouer l'événement vehicles.registered pour test.garage-sync" }).click();
      await page.getByText('Événement remis en file de livraison.').waitFor();
      await page.getByText('Aucun événement en échec').waitFor();
      await server.platform.events.drain(); // delivered before the garage goes down again
      garageUp = false;
      await expectAccessible(page, 'the empty dead letters page');
      expect(problems).toEqual([]);
      await context.close();
    });
  });
});
