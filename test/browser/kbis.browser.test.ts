import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleCompany } from '../../src/modules/kbis/corpus/company-samples.ts';
import { kbisPdf, type PdfForgery } from '../../src/modules/kbis/corpus/kbis-pdf.ts';
import { SeededRandom } from '../../src/modules/kbis/corpus/seeded-random.ts';
import { signInAs } from '../support/module-harness.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { chromiumMissing, ensureWebBuilt, expectAccessible, launchChromium, newVisitor, openNav, screenshot, VIEWPORTS, type Viewport } from './support.ts';

type Account = Awaited<ReturnType<typeof signInAs>>;
// The workflow reads the PDF, asks the registry and decides in the background: seconds on a busy machine.
const DECIDED = { timeout: 30_000 };

async function signIn(page: Page, email: string, home: string): Promise<void> {
  await page.goto('/');
  await page.getByRole('tabpanel').getByLabel('Adresse e-mail').fill(email);
  await page.getByRole('tabpanel').getByLabel('Mot de passe').fill('a-long-enough-password');
  await page.getByRole('tabpanel').getByRole('button', { name: 'Se connecter' }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1, name: home }).isVisible()).toBe(true);
}

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name });

/**
 * Every text the page's live status region showed, in order: recorded by a MutationObserver from
 * the first script of each document, so a state shown for one frame is not missed.
 */
async function recordStatusRegion(page: Page): Promise<{ shown: () => Promise<string[]>; clear: () => Promise<void> }> {
  await page.addInitScript(() => {
    const shown: string[] = [];
    (window as unknown as { statusShown: string[] }).statusShown = shown;
    new MutationObserver(() => {
      const text = document.querySelector('[role=status]')?.textContent ?? '';
      if (text && shown.at(-1) !== text) shown.push(text);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  return {
    shown: () => page.evaluate(() => (window as unknown as { statusShown: string[] }).statusShown),
    clear: () => page.evaluate(() => void (window as unknown as { statusShown: string[] }).statusShown.splice(0)),
  };
}

describe.skipIf(chromiumMissing)('the KBIS pages in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let admin: Account;
  const now = new Date();
  // Per viewport: a pro with a genuine extract of its company, and one whose extract was edited after issue.
  const pros = new Map<string, { genuine: { account: Account; pdf: Uint8Array }; altered: { account: Account; pdf: Uint8Array; name: string } }>();

  // An extract of the pro's own company (its declared SIREN and name), as the greffe prints it; the registry row to match.
  async function extractFor(pro: Account, seed: number, forgery: PdfForgery) {
    const org = (await server.api.modules.identity.getOrganisation(pro.orgId!))!;
    const sample = sampleCompany(new SeededRandom(seed), now, 10);
    sample.spec.fields.siren = org.siren;
    sample.spec.fields.companyName = org.name.toUpperCase();
    const pdf = await kbisPdf(sample.spec, new Date(Date.parse(`${sample.spec.fields.currentTo}T08:00:00Z`)), forgery);
    return { pdf, name: org.name, row: `${org.siren},${org.name},45.20A,A,2020-01-01` };
  }

  // The registry is filled the way an admin does it while the server runs: a SIRENE extract uploaded.
  async function publishRegistry(rows: string[]) {
    const csv = `siren,denominationUniteLegale,activitePrincipaleUniteLegale,etatAdministratifUniteLegale,dateDebut\n${rows.join('\n')}\n`;
    const form = new FormData();
    form.set('file', new Blob([csv], { type: 'text/csv' }), 'StockUniteLegale.csv');
    const res = await fetch(`${server.url}/v1/admin/registry/imports`, { method: 'POST', headers: { authorization: `Bearer ${admin.token}` }, body: form });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    for (let i = 0; i < 400; i++) {
      const status = (await server.call('GET', `/v1/admin/registry/imports/${id}`, { token: admin.token })).body.status;
      if (status === 'done') return;
      if (status === 'failed') throw new Error('registry import failed');
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('registry import did not finish');
  }

  beforeAll(async () => {
    await ensureWebBuilt();
    [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
    admin = await signInAs(server, 'admin');
    const rows: string[] = [];
    for (const [i, v] of VIEWPORTS.entries()) {
      const [g, a] = [await signInAs(server, 'pro'), await signInAs(server, 'pro')];
      const genuine = await extractFor(g, 10 + i, 'none');
      const altered = await extractFor(a, 20 + i, 'incremental-update');
      rows.push(genuine.row, altered.row);
      pros.set(v.name, { genuine: { account: g, pdf: genuine.pdf }, altered: { account: a, pdf: altered.pdf, name: altered.name } });
    }
    await publishRegistry(rows);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  describe.each(VIEWPORTS)('on a $name', (v: Viewport) => {
    it('an unverified pro sends its genuine Kbis and follows the verification live to "verified", each check in words', async () => {
      const { account, pdf } = pros.get(v.name)!.genuine;
      const { context, page, problems } = await newVisitor(browser, server.url, v);
      const statusRegion = await recordStatusRegion(page);
      await signIn(page, account.email, 'Véhicules');
      await openNav(page, v, 'Vérification Kbis');
      await expect.poll(() => heading(page, 'Vérifier mon entreprise').isVisible()).toBe(true);
      await expect.poll(() => page.getByRole('button', { name: 'Envoyer mon Kbis' }).isDisabled()).toBe(true);
      await expectAccessible(page, `Kbis upload (${v.name})`);
      await page.locator('input[type=file][accept*="pdf"]').setInputFiles({ name: 'extrait-kbis.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdf) });
      await expect.poll(() => page.getByText('Fichier choisi : extrait-kbis.pdf').isVisible()).toBe(true);
      await screenshot(page, `kbis-upload-${v.name}`);

      await statusRegion.clear();
      await page.getByRole('button', { name: 'Envoyer mon Kbis' }).click();
      await expect.poll(() => heading(page, 'Vérification de votre Kbis').isVisible()).toBe(true);
      await expect.poll(() => page.getByRole('status').getByText('Entreprise vérifiée').isVisible(), DECIDED).toBe(true);
      // "Pending" as soon as the document is accepted (the workflow runs after the 202), then the decision.
      const shown = await statusRegion.shown();
      expect(shown[0]).toMatch(/^En cours de vérification…/);
      expect(shown.at(-1)).toMatch(/^Entreprise vérifiée/);
      await expect.poll(() => page.getByText(/Vous avez accès aux fonctions professionnelles/).isVisible()).toBe(true);
      const checks = page.getByRole('list', { name: 'Contrôles' });
      for (const words of ['Le document est lisible', 'Le numéro SIREN est valide', 'Le SIREN est celui de votre compte', 'L’extrait a moins de 3 mois', 'L’entreprise est active au registre SIRENE', 'L’activité relève de l’automobile', 'Le document n’a pas été modifié']) {
        expect(await checks.getByRole('listitem').filter({ hasText: words }).getByText('Oui', { exact: true }).isVisible(), words).toBe(true);
      }
      // Whether the account holder is a listed manager is for admins (a Kbis is public), as it did not decide.
      expect(await checks.getByText(/dirigeants/).count()).toBe(0);
      expect(await server.api.modules.identity.organisationVerification(account.orgId!)).toBe('verified');
      await expectAccessible(page, `Kbis verified (${v.name})`);
      await screenshot(page, `kbis-verified-${v.name}`);
      expect(problems).toEqual([]);
      await context.close();
    });

    it('an altered Kbis dropped on the page goes to review; an admin opens the case beside the document and rejects it; the pro sees why', async () => {
      const { account, pdf, name } = pros.get(v.name)!.altered;
      const pro = await newVisitor(browser, server.url, v);
      await signIn(pro.page, account.email, 'Véhicules');
      await openNav(pro.page, v, 'Vérification Kbis');
      await expect.poll(() => heading(pro.page, 'Vérifier mon entreprise').isVisible()).toBe(true);
      // Dropped as a file from the desktop would be.
      const dropped = await pro.page.evaluateHandle((bytes) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([new Uint8Array(bytes)], 'kbis-modifie.pdf', { type: 'application/pdf' }));
        return transfer;
      }, [...pdf]);
      await pro.page.getByTestId('kbis-dropzone').dispatchEvent('drop', { dataTransfer: dropped });
      await expect.poll(() => pro.page.getByText('Fichier choisi : kbis-modifie.pdf').isVisible()).toBe(true);
      await pro.page.getByRole('button', { name: 'Envoyer mon Kbis' }).click();
      await expect.poll(() => pro.page.getByRole('status').getByText('Examen par notre équipe').isVisible(), DECIDED).toBe(true);
      await expect.poll(() => pro.page.getByText(/^Le document semble avoir été modifié après sa délivrance : envoyez le PDF tel qu’Infogreffe l’a délivré/).first().isVisible()).toBe(true);
      expect(await pro.page.getByText(/Un membre de l’équipe examine votre extrait/).isVisible()).toBe(true);
      const unaltered = pro.page.getByRole('list', { name: 'Contrôles' }).getByRole('listitem').filter({ hasText: 'Le document n’a pas été modifié' });
      expect(await unaltered.getByText('Non', { exact: true }).isVisible()).toBe(true);
      await expectAccessible(pro.page, `Kbis needs review (${v.name})`);
      await screenshot(pro.page, `kbis-needs-review-${v.name}`);
      const statusUrl = pro.page.url();

      const reviewer = await newVisitor(browser, server.url, v);
      await signIn(reviewer.page, admin.email, 'Événements en échec');
      await openNav(reviewer.page, v, 'Kbis à examiner');
      await expect.poll(() => heading(reviewer.page, 'Kbis à examiner').isVisible()).toBe(true);
      const entry = reviewer.page.getByTestId('kbis-case').filter({ hasText: name });
      await expect.poll(() => entry.getByText('Le document semble avoir été modifié après sa délivrance.').isVisible()).toBe(true);
      await expectAccessible(reviewer.page, `Kbis review queue (${v.name})`);
      await screenshot(reviewer.page, `kbis-queue-${v.name}`);
      await entry.getByRole('link', { name: 'Examiner' }).click();

      await expect.poll(() => heading(reviewer.page, `Examen du Kbis de ${name}`).isVisible()).toBe(true);
      const documentLink = reviewer.page.getByRole('link', { name: 'Ouvrir le document' });
      const href = (await documentLink.getAttribute('href'))!;
      expect(Buffer.from(await (await fetch(href)).arrayBuffer()).equals(Buffer.from(pdf))).toBe(true);
      const org = (await server.api.modules.identity.getOrganisation(account.orgId!))!;
      const fields = reviewer.page.getByRole('definition');
      expect(await fields.filter({ hasText: org.siren }).first().isVisible()).toBe(true);
      expect(await fields.filter({ hasText: name.toUpperCase() }).first().isVisible()).toBe(true);
      expect(await reviewer.page.getByRole('list', { name: 'Contrôles' }).getByRole('listitem').filter({ hasText: 'Le document n’a pas été modifié' }).getByText('Non', { exact: true }).isVisible()).toBe(true);
      // Admins read the checks about the account, not addressed to them.
      expect(await reviewer.page.getByText('Le titulaire du compte figure parmi les dirigeants').isVisible()).toBe(true);
      await expectAccessible(reviewer.page, `Kbis review case (${v.name})`);
      await screenshot(reviewer.page, `kbis-case-${v.name}`);

      await reviewer.page.getByLabel(/^Commentaire/).fill('Extrait retouché après délivrance : le code de vérification ne correspond pas sur infogreffe.fr.');
      await reviewer.page.getByRole('button', { name: 'Refuser' }).click();
      await expect.poll(() => reviewer.page.getByText('Décision enregistrée.').isVisible()).toBe(true);
      await expect.poll(() => reviewer.page.getByText(/Kbis refusé .*: Extrait retouché après délivrance/).isVisible()).toBe(true);
      await screenshot(reviewer.page, `kbis-case-decided-${v.name}`);
      expect(await server.api.modules.identity.organisationVerification(account.orgId!)).toBe('rejected');

      await pro.page.goto(statusUrl);
      await expect.poll(() => pro.page.getByRole('status').getByText('Kbis refusé').isVisible()).toBe(true);
      expect(await pro.page.getByText(/^Le document semble avoir été modifié après sa délivrance : envoyez le PDF/).first().isVisible()).toBe(true);
      expect(await pro.page.getByText(/envoyez un nouvel extrait/).isVisible()).toBe(true);
      await expectAccessible(pro.page, `Kbis rejected (${v.name})`);
      await screenshot(pro.page, `kbis-rejected-${v.name}`);
      expect([...pro.problems, ...reviewer.problems]).toEqual([]);
      await Promise.all([pro.context.close(), reviewer.context.close()]);
    });
  });
});
