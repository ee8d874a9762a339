import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs } from '../support/module-harness.ts';
import { signUp, startTestServer, type TestServer } from '../support/server.ts';
import { chromiumMissing, ensureWebBuilt, expectAccessible, launchChromium, newVisitor, openNav, screenshot, VIEWPORTS, type Viewport } from './support.ts';

// The journey of the planning issue's "Pages", on a phone and a desktop: the owner books (from a
// diagnosis and from a service) and manages "Mes rendez-vous"; the garage runs its week, its
// profile and its calendar feed; the admin runs the optimiser. What a step only needs as a
// starting point (accounts, an analysis, extra bookings) is seeded through the API.

const ALL_DAY = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '24:00']]]));
const PASSWORD = 'a-long-enough-password';
type Account = Awaited<ReturnType<typeof signInAs>>;

async function signIn(page: Page, email: string): Promise<void> {
  await page.getByRole('tabpanel').getByLabel(/Adresse e-mail|Email address/).fill(email);
  await page.getByRole('tabpanel').getByLabel(/Mot de passe|Password/).fill(PASSWORD);
  await page.getByRole('tabpanel').getByLabel(/Mot de passe|Password/).press('Enter');
}

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

/** A full-page screenshot from the top (scrolled down, the fixed header would be drawn mid-page). */
async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

/** `YYYY-MM-DDTHH:MM` on the Paris wall clock, `days` from now (what a datetime-local field takes). */
function parisLocal(days: number, time: string): string {
  const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + days * 86_400_000));
  return `${date}T${time}`;
}

/** The instant a Paris wall-clock `YYYY-MM-DDTHH:MM` names (the browser runs on Paris time, the test maybe not). */
function parisInstant(local: string): string {
  const guess = Date.parse(`${local}:00Z`);
  const wall = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'medium' }).format(new Date(guess));
  return new Date(guess - (Date.parse(`${wall.replace(' ', 'T')}Z`) - guess)).toISOString();
}

describe.skipIf(chromiumMissing)('planning pages in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let pro: Account;
  let admin: Account;

  /** A visitor already signed in as `account`: a session of its own, its refresh token in the tab as after signing in. */
  async function signedIn(v: Viewport, account: Account) {
    const session = await server.call('POST', '/v1/auth/token', { body: { email: account.email, password: PASSWORD } });
    expect(session.status).toBe(200);
    const visitor = await newVisitor(browser, server.url, v);
    await visitor.context.addInitScript(([key, token]) => {
      if (!sessionStorage.getItem(key as string)) sessionStorage.setItem(key as string, token as string);
    }, ['novaevo.refresh', session.body.refresh_token as string]);
    return visitor;
  }

  /** Books `slot` for the owner through the API, with a note that names it on the pages. */
  async function book(owner: { token: string }, slot: { proId: string; start: string }, notes: string): Promise<string> {
    const res = await server.call('POST', '/v1/planning/appointments', { token: owner.token, headers: { 'Idempotency-Key': randomUUID() }, body: { proId: slot.proId, service: 'vidange', start: slot.start, notes } });
    expect(res.status).toBe(201);
    return res.body.id;
  }

  beforeAll(async () => {
    await ensureWebBuilt();
    [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
    [pro, admin] = await Promise.all([signInAs(server, 'verified-pro'), signInAs(server, 'admin')]);
    const saved = await server.call('PUT', '/v1/pro/profile', {
      token: pro.token,
      body: { name: 'Garage du Centre', location: { lat: 48.8584, lon: 2.347, address: '1 rue de Rivoli, Paris' }, services: [{ code: 'vidange', durationMin: 60, priceEur: 89 }, { code: 'freins', durationMin: 90 }], capacity: 10, openingHours: ALL_DAY },
    });
    expect(saved.status).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  describe.each(VIEWPORTS)('on a $name', (v: Viewport) => {
    it('an owner books from a diagnosis and from a service, cancels and moves; the garage confirms, declines, proposes, completes and shares its feed; the owner accepts', async () => {
      const email = `owner-${randomUUID().slice(0, 8)}@example.fr`;
      const account = await signUp(server, { email, role: 'owner', password: PASSWORD });
      const described = await server.call('POST', '/v1/nlp/analyze', { token: account.token, body: { text: `Le voyant d’huile reste allumé depuis hier (${v.name})` } });
      expect(described.status).toBe(200);
      const vin = `VF1RFB00X5${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
      const car = await server.call('POST', '/v1/vehicles', { token: account.token, body: { vin, plate: 'AB-123-CD', make: 'Renault', model: 'Clio', year: 2019 } });
      expect(car.status).toBe(201);
      const note = (what: string) => `${what} (${v.name})`;

      // From the diagnosis: the NLP page's booking link, signed out, leads through sign-in and back.
      const owner = await newVisitor(browser, server.url, v);
      await owner.page.goto(`/planning?analysisId=${described.body.id}&urgency=${described.body.urgency}&service=vidange&vehicleId=${car.body.id}`);
      await signIn(owner.page, email);
      await heading(owner.page, 'Prendre rendez-vous').waitFor();
      await owner.page.getByText('Depuis votre diagnostic').waitFor();
      await owner.page.getByRole('button', { name: 'Voir les créneaux' }).click();
      const choose = owner.page.getByRole('button', { name: /^Choisir ce créneau Garage du Centre/ });
      await choose.first().waitFor();
      await expect.poll(() => owner.page.getByText(/km · score/).count()).toBeGreaterThan(0);
      await expectAccessible(owner.page, `slots (${v.name})`);
      await shot(owner.page, `planning-slots-${v.name}`);
      await choose.first().click();
      await owner.page.getByText('Créneau réservé pour vous').waitFor();
      await owner.page.getByLabel('Un mot pour le garage (facultatif)').fill(note('Voyant huile allumé'));
      await owner.page.getByRole('button', { name: 'Confirmer la demande' }).click();
      await heading(owner.page, 'Mes rendez-vous').waitFor();
      await owner.page.getByText('Demande envoyée').waitFor();

      // From a service: another service, another place, the second slot.
      await openNav(owner.page, v, 'Prendre rendez-vous');
      await heading(owner.page, 'Prendre rendez-vous').waitFor();
      await owner.page.getByRole('combobox', { name: 'Prestation' }).click();
      await owner.page.getByRole('option', { name: 'freins' }).click();
      await owner.page.getByRole('combobox', { name: 'Où êtes-vous ?' }).click();
      await owner.page.getByRole('option', { name: 'Paris — Montparnasse' }).click();
      await owner.page.getByRole('button', { name: 'Voir les créneaux' }).click();
      await choose.nth(1).click();
      await owner.page.getByLabel('Un mot pour le garage (facultatif)').fill(note('Bruit au freinage'));
      await owner.page.getByRole('button', { name: 'Confirmer la demande' }).click();
      await heading(owner.page, 'Mes rendez-vous').waitFor();

      // Three more bookings, seeded: one the owner cancels, one the garage declines, one it moves.
      // (Slot search offers at most three starts a garage; each has bays to spare.)
      const slots = await server.call('GET', '/v1/planning/slots?service=vidange&lat=48.8584&lon=2.347', { token: account.token });
      const offered = slots.body.items.filter((s: { proName: string }) => s.proName === 'Garage du Centre');
      expect(offered).toHaveLength(3);
      await book(account, offered[0], note('À annuler'));
      await book(account, offered[1], note('À refuser'));
      const toPropose = await book(account, offered[2], note('À déplacer par le garage'));

      // "Mes rendez-vous": cancel one, move another.
      await owner.page.reload();
      const card = (what: string) => owner.page.getByRole('listitem').filter({ hasText: note(what) });
      await card('À annuler').getByRole('button', { name: 'Annuler' }).click();
      await card('À annuler').getByText('Annulé').waitFor();
      const newStart = parisLocal(2, '10:15');
      await card('Bruit au freinage').getByRole('button', { name: 'Déplacer' }).click();
      await card('Bruit au freinage').getByLabel('Nouvel horaire').fill(newStart);
      await card('Bruit au freinage').getByRole('button', { name: 'Valider' }).click();
      await card('Bruit au freinage').getByText('10:15').waitFor();
      await expectAccessible(owner.page, `my appointments (${v.name})`);
      await shot(owner.page, `planning-mine-${v.name}`);

      // The garage's week: confirm, decline with a reason, propose another time, complete.
      const garage = await signedIn(v, pro);
      await garage.page.goto('/');
      await heading(garage.page, /Véhicules/).waitFor();
      await openNav(garage.page, v, 'Planning');
      await heading(garage.page, 'Planning de la semaine').waitFor();
      const booking = (what: string) => garage.page.getByRole('article').filter({ hasText: note(what) });
      await booking('Voyant huile allumé').getByLabel('Ce que le client a décrit').getByText(`Le voyant d’huile reste allumé depuis hier (${v.name})`, { exact: false }).waitFor();
      await booking('Voyant huile allumé').getByRole('button', { name: /^Confirmer / }).click();
      await booking('Voyant huile allumé').getByText('Confirmé').waitFor();
      await booking('À refuser').getByRole('button', { name: 'Refuser' }).click();
      await booking('À refuser').getByLabel('Motif du refus').fill('Pont élévateur en panne');
      await booking('À refuser').getByRole('button', { name: 'Valider' }).click();
      await expect.poll(() => booking('À refuser').count()).toBe(0); // a declined booking leaves the week
      const proposed = parisLocal(3, '09:30');
      await booking('À déplacer par le garage').getByRole('button', { name: 'Proposer un autre horaire' }).click();
      await booking('À déplacer par le garage').getByLabel('Nouvel horaire').fill(proposed);
      await booking('À déplacer par le garage').getByRole('button', { name: 'Valider' }).click();
      await booking('À déplacer par le garage').getByText(/^Nouvel horaire proposé :/).waitFor();
      await expectAccessible(garage.page, `pro week (${v.name})`);
      await shot(garage.page, `planning-pro-week-${v.name}`);
      await booking('Voyant huile allumé').getByRole('button', { name: 'Terminer' }).click();
      await booking('Voyant huile allumé').getByLabel('Durée réelle (minutes)').fill('75');
      await booking('Voyant huile allumé').getByRole('button', { name: 'Valider' }).click();
      await booking('Voyant huile allumé').getByText('Terminé').waitFor();

      // The calendar feed: copy the link (it serves the bookings), then rotate it (the old one stops).
      await garage.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
      const feedField = garage.page.getByLabel('Adresse du flux');
      const oldUrl = await feedField.inputValue();
      await garage.page.getByRole('button', { name: 'Copier le lien' }).click();
      await garage.page.getByRole('button', { name: 'Lien copié' }).waitFor();
      expect(await garage.page.evaluate(() => navigator.clipboard.readText())).toBe(oldUrl);
      const feedPath = (url: string) => new URL(url).pathname + new URL(url).search;
      const feed = await server.call('GET', feedPath(oldUrl));
      expect(feed.status).toBe(200);
      expect(feed.body).toContain('BEGIN:VCALENDAR');
      await garage.page.getByRole('button', { name: 'Changer le lien' }).click();
      await garage.page.getByText('Nouveau lien créé').waitFor();
      await expect.poll(() => feedField.inputValue()).not.toBe(oldUrl);
      expect((await server.call('GET', feedPath(oldUrl))).status).toBe(404);
      expect((await server.call('GET', feedPath(await feedField.inputValue()))).status).toBe(200);
      await shot(garage.page, `planning-pro-week-done-${v.name}`);

      // The booked vehicle's diagnostics are one tap away for the garage.
      await booking('Voyant huile allumé').getByRole('link', { name: 'Diagnostic du véhicule (OBD)' }).click();
      await heading(garage.page, 'Tableau de bord OBD').waitFor();
      expect(new URL(garage.page.url()).pathname).toBe(`/obd/vehicles/${car.body.id}`);

      // Back to the owner: the proposal accepted, the refusal and the completed job in words.
      await owner.page.reload();
      await card('À déplacer par le garage').getByText(/^Nouvel horaire proposé :/).waitFor();
      await card('À déplacer par le garage').getByRole('button', { name: 'Accepter le nouvel horaire' }).click();
      await card('À déplacer par le garage').getByText('Confirmé').waitFor();
      await card('À refuser').getByText('Refusé : Pont élévateur en panne').waitFor();
      await card('Voyant huile allumé').getByText('Terminé').waitFor();
      await shot(owner.page, `planning-mine-after-${v.name}`);

      const accepted = await server.call('GET', `/v1/planning/appointments/${toPropose}`, { token: account.token });
      expect([accepted.body.status, accepted.body.start]).toEqual(['confirmed', parisInstant(proposed)]);
      expect([...owner.problems, ...garage.problems]).toEqual([]);
      await owner.context.close();
      await garage.context.close();
    });

    it('a garage sets its profile: services, several opening ranges a day, closures and capacity, with refusals in words', async () => {
      const newPro = await signInAs(server, 'verified-pro');
      const garage = await signedIn(v, newPro);
      await garage.page.goto('/pro/profile');
      await garage.page.getByText('Renseignez votre atelier').waitFor();
      await garage.page.getByLabel('Nom de l’atelier').fill('Atelier des Brotteaux');
      await garage.page.getByLabel('Adresse').fill('8 cours Vitton, Lyon');
      await garage.page.getByLabel('Latitude').fill('45.768');
      await garage.page.getByLabel('Longitude').fill('4.853');
      await garage.page.getByLabel('Battement (min)').fill('10');
      await garage.page.getByLabel('Prix de la prestation 1 (€, facultatif)').fill('79');
      await garage.page.getByRole('button', { name: 'Ajouter une prestation' }).click();
      await garage.page.getByLabel('Prestation 2', { exact: true }).fill('freins');
      await garage.page.getByLabel('Durée de la prestation 2 (minutes)').fill('90');
      const day = (name: string) => garage.page.getByRole('group', { name });
      await day('Lundi').getByLabel('Lundi, plage 2 : fermeture').fill('19:00');
      await day('Vendredi').getByRole('button', { name: 'Retirer la plage 2 du vendredi' }).click();
      await day('Samedi').getByRole('button', { name: 'Ajouter une plage le samedi' }).click();
      await day('Samedi').getByRole('button', { name: 'Ajouter une plage le samedi' }).click();
      await day('Samedi').getByLabel('Samedi, plage 2 : ouverture').fill('13:00');
      await day('Samedi').getByLabel('Samedi, plage 2 : fermeture').fill('17:00');
      const year = new Date().getFullYear() + 1;
      await garage.page.getByRole('button', { name: 'Ajouter une fermeture' }).click();
      await garage.page.getByLabel('Fermeture 1 : du').fill(`${year}-08-10`);
      await garage.page.getByLabel('au (inclus)').fill(`${year}-08-21`);
      // A refusal reads as words: no bay at all.
      await garage.page.getByLabel('Postes en parallèle').fill('0');
      await garage.page.getByRole('button', { name: 'Enregistrer' }).click();
      await garage.page.getByRole('alert').getByText('Le nombre de postes est un nombre entier de 1 à 50.').waitFor();
      await garage.page.getByLabel('Postes en parallèle').fill('3');
      await garage.page.getByRole('button', { name: 'Enregistrer' }).click();
      await garage.page.getByText('Profil enregistré.').waitFor();
      await expectAccessible(garage.page, `pro profile (${v.name})`);
      await shot(garage.page, `planning-pro-profile-${v.name}`);

      const saved = await server.call('GET', '/v1/pro/profile', { token: newPro.token });
      expect(saved.body).toMatchObject({
        capacity: 3,
        bufferMin: 10,
        services: [{ code: 'vidange', durationMin: 60, priceEur: 79 }, { code: 'freins', durationMin: 90 }],
        openingHours: { mon: [['08:00', '12:00'], ['14:00', '19:00']], fri: [['08:00', '12:00']], sat: [['08:00', '12:00'], ['13:00', '17:00']] },
        closures: [{ from: `${year}-08-10`, to: `${year}-08-21` }],
      });
      await garage.page.reload();
      await expect.poll(() => day('Lundi').getByLabel('Lundi, plage 2 : fermeture').inputValue()).toBe('19:00');
      expect(garage.problems).toEqual([]);
      await garage.context.close();
    });

    it('an admin runs the optimiser on an uploaded request set and on a generated week, and reads a refusal in words', async () => {
      const visitor = await signedIn(v, admin);
      const page = visitor.page;
      await page.goto('/');
      await openNav(page, v, 'Optimiseur');
      await heading(page, 'Optimiseur de planning').waitFor();
      await page.getByLabel('Temps maximal (s)').fill('1');

      const run = page.getByRole('button', { name: 'Lancer l’optimisation' });
      await page.getByRole('textbox', { name: 'Demandes' }).fill('[{"id": "a"');
      await run.click();
      await page.getByText('Ce texte n’est pas du JSON valide').waitFor();
      const at = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
      const request = (id: string, urgency: string, hours: number) => ({ id, service: 'vidange', lat: 48.86, lon: 2.35, urgency, earliest: at(hours), latest: at(hours + 72) });
      await page.getByRole('textbox', { name: 'Demandes' }).fill(JSON.stringify([request('r1', 'high', 1), request('r2', 'urgent', 2)]));
      await run.click();
      await page.getByRole('alert').getByText('Lot de demandes refusé. Demande n° 2 : « urgency » vaut low, medium, high ou critical.').waitFor();

      const set = { requests: [request('panne-1', 'critical', 1), request('vidange-2', 'low', 1), request('freins-3', 'medium', 2), { ...request('loin-4', 'high', 1), lat: 43.3, lon: 5.37 }] };
      await page.locator('input[type=file]').setInputFiles({ name: 'lot.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(set)) });
      await expect.poll(() => page.getByRole('textbox', { name: 'Demandes' }).inputValue()).toContain('panne-1');
      await run.click();
      const result = page.getByRole('region', { name: 'Résultat de l’optimisation' });
      await result.getByText('4 demandes').waitFor();
      await result.getByRole('status').getByText(/Solution optimale|Bonne solution|Temps limite|réponse gloutonne/).waitFor();
      await result.getByRole('rowheader', { name: 'Demandes placées' }).waitFor();
      const placed = result.getByRole('listitem', { name: 'Demande panne-1' });
      await placed.getByText('Garage du Centre').waitFor();
      await placed.getByText(/^Urgence critique/).waitFor();
      await placed.getByText(/^Score .* = 100 ×/).waitFor();
      await result.getByRole('listitem', { name: 'Demande loin-4' }).getByText('aucun professionnel proche').waitFor();
      await expectAccessible(page, `optimiser on a request set (${v.name})`);
      await shot(page, `planning-admin-requests-${v.name}`);

      await page.getByText('Semaine générée', { exact: true }).click();
      await page.getByLabel('Graine').fill('7');
      await page.getByLabel('Professionnels').fill('10');
      await page.getByRole('textbox', { name: 'Demandes', exact: true }).fill('40');
      await run.click();
      await result.getByText(/40 demandes, 10 professionnels \(semaine générée\)/).waitFor();
      await result.getByText(/^Attente pondérée par demande : /).waitFor();
      await expect.poll(() => result.getByRole('listitem').count()).toBe(24);
      await result.getByRole('button', { name: 'Afficher 16 de plus' }).click();
      await expect.poll(() => result.getByRole('listitem').count()).toBe(40);
      await shot(page, `planning-admin-sample-${v.name}`);
      expect(visitor.problems).toEqual([]);
      await visitor.context.close();
    });
  });
});
