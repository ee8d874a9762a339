import { createHmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs } from '../support/module-harness.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { CHROMIUM, chromiumMissing, ensureWebBuilt, expectAccessible, launchChromium, newVisitor, openNav, screenshot, VIEWPORTS, type Viewport } from './support.ts';

/** A full-page screenshot from the top (scrolled, the fixed header would be drawn mid-page). */
async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

const PASSWORD = 'a-long-enough-password';
const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });
// A person's browser: headless Chromium's own user agent is (rightly) classed a bot by the redirect.
const USER_AGENT = { phone: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1', desktop: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36' };
/** Text with its spaces made plain (French numbers use narrow no-break spaces). */
const plain = (s: string | null) => (s ?? '').replace(/\s/g, ' ');

async function signIn(page: Page, email: string, home: string | RegExp): Promise<void> {
  await page.goto('/');
  await page.getByRole('tabpanel').getByLabel('Adresse e-mail').fill(email);
  await page.getByRole('tabpanel').getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('tabpanel').getByRole('button', { name: 'Se connecter' }).click();
  await heading(page, home).waitFor();
}

/** Clicks a copy button and answers what it put on the clipboard. */
async function copied(page: Page, button: RegExp): Promise<string> {
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await page.getByRole('button', { name: button }).first().click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText()), { timeout: 10_000 }).not.toBe('');
  return page.evaluate(() => navigator.clipboard.readText());
}

/** A partner's signed postback, signed here as a partner would (the documented HMAC, not the module's helper). */
function signedPostback(server: TestServer, partnerId: string, secret: string, body: Record<string, unknown>) {
  const raw = JSON.stringify(body);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${raw}`).digest('hex')}`;
  return server.call('POST', '/v1/affiliate/postbacks', { body: raw, headers: { 'x-novaevo-partner': partnerId, 'x-novaevo-timestamp': timestamp, 'x-novaevo-signature': signature } });
}

describe.skipIf(chromiumMissing)('the affiliation pages in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  // The visitor's own browser, where every *.example.fr host is this machine: the partner's site
  // is a local server, so the short link's real 302 is followed to a page that loads.
  let visitorBrowser: Browser;
  let partnerSite: http.Server;
  let sitePort: number;
  const arrivals: string[] = [];
  beforeAll(async () => {
    await ensureWebBuilt();
    partnerSite = http.createServer((req, res) => {
      arrivals.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>Pneus</title><h1>Pneus hiver</h1>');
    });
    await new Promise<void>((resolve) => partnerSite.listen(0, '127.0.0.1', resolve));
    sitePort = (partnerSite.address() as AddressInfo).port;
    [server, browser, visitorBrowser] = await Promise.all([
      startTestServer(),
      launchChromium(),
      chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--host-resolver-rules=MAP *.example.fr 127.0.0.1'] }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), visitorBrowser?.close()]);
    await server?.dispose();
    partnerSite?.close();
  });

  describe.each(VIEWPORTS)('on a $name', (v: Viewport) => {
    const name = `Pneus Express ${v.name}`;
    const domain = `pneus-${v.name}.example.fr`;
    const order = (n: number) => `CMD-${v.name}-${n}`;
    let partnerId: string;
    let firstSecret: string;
    let secret: string;
    let getPostbackUrl: string;
    let shortUrl: string;
    let clickId: string;
    let pro: Awaited<ReturnType<typeof signInAs>>;

    it('an admin adds a partner (its secret shown once, copied), rotates the secret and maps the network GET postbacks', async () => {
      const admin = await signInAs(server, 'admin');
      const { context, page, problems } = await newVisitor(browser, server.url, v);
      await context.grantPermissions(['clipboard-read', 'clipboard-write']);
      await signIn(page, admin.email, 'Événements en échec');
      await openNav(page, v, 'Partenaires');
      await heading(page, 'Partenaires affiliés').waitFor();

      // The form refuses what the API would, in words next to the fields.
      await page.getByLabel(/^Nom/).fill(name);
      await page.getByLabel('Domaines autorisés').fill('pas un domaine');
      await page.getByRole('button', { name: 'Créer le partenaire' }).click();
      await page.getByText('Indiquez des noms de domaine comme shop.example.fr.').waitFor();
      await page.getByText('Un pourcentage de 0 à 100, avec au plus deux décimales.').waitFor();

      await page.getByLabel('Domaines autorisés').fill(domain);
      await page.getByLabel('Pourcentage (%)').fill('4,5');
      await page.getByRole('button', { name: 'Ajouter une catégorie' }).click();
      await page.getByLabel(/^Catégorie/).fill('jantes');
      await page.getByLabel('Type de commission').nth(1).selectOption('fixed');
      await page.getByLabel('Montant (EUR)').fill('5');
      await page.getByRole('button', { name: 'Créer le partenaire' }).click();
      await page.getByText("Ce secret n'est affiché qu'une fois").waitFor();
      firstSecret = await copied(page, /^Copier : Secret/);
      expect(firstSecret).toMatch(/^[\w-]{43}$/);
      await page.getByText(/^4,5 % du montant · jantes : 5,00\s€ par vente · attribution 30 jours$/).first().waitFor();
      await expectAccessible(page, `partners (${v.name})`);
      await shot(page, `affiliation-partners-${v.name}`);

      await page.getByRole('link', { name: `Gérer ${name}` }).click();
      await heading(page, `Partenaire ${name}`).waitFor();
      partnerId = new URL(page.url()).pathname.split('/').at(-1)!;
      await page.getByRole('button', { name: 'Changer le secret' }).click();
      await page.getByRole('button', { name: 'Confirmer le changement de secret' }).click();
      await page.getByText(/L'ancien secret reste accepté jusqu'au/).waitFor();
      secret = await copied(page, /^Copier : Secret/);
      expect(secret).not.toBe(firstSecret);
      getPostbackUrl = await copied(page, /^Copier : URL des postbacks GET/);
      expect(getPostbackUrl).toMatch(new RegExp(`/v1/affiliate/postbacks/${partnerId}\\?token=[0-9a-f]{32}$`));

      await page.getByLabel('Paramètre de la commande').fill('transaction_id');
      await page.getByLabel('Paramètre du montant').fill('sale_amount');
      await page.getByLabel(/^Paramètre de l'identifiant de clic/).fill('aff_sub');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await page.getByText('Paramètres enregistrés.').waitFor();
      await page.getByText(/token=…&transaction_id=\{orderId\}&sale_amount=\{amount\}&aff_sub=\{clickId\}/).waitFor();
      await expectAccessible(page, `partner (${v.name})`);
      await shot(page, `affiliation-partner-${v.name}`);
      expect(problems).toEqual([]);
      await context.close();
    });

    it('a pro whose company is not verified yet is told so, once, in plain words', async () => {
      const unverified = await signInAs(server, 'pro');
      const { context, page, problems } = await newVisitor(browser, server.url, v);
      await signIn(page, unverified.email, /hicules/);
      await openNav(page, v, 'Liens affiliés');
      await heading(page, 'Mes liens affiliés').waitFor();
      await expect.poll(() => page.getByRole('alert').allTextContents()).toEqual(["Cette fonction s'ouvre quand votre entreprise est vérifiée (extrait Kbis)."]);
      await expectAccessible(page, `links, not verified (${v.name})`);
      expect(problems).toEqual([]);
      await context.close();
    });

    it('a verified pro makes a link to the partner, copies it, and a visitor follows it (the click counted)', async () => {
      pro = await signInAs(server, 'verified-pro');
      const { context, page, problems } = await newVisitor(browser, server.url, v);
      await context.grantPermissions(['clipboard-read', 'clipboard-write']);
      await signIn(page, pro.email, /hicules/);
      await openNav(page, v, 'Liens affiliés');
      await heading(page, 'Mes liens affiliés').waitFor();
      await page.getByText("Vous n'avez pas encore de lien").waitFor();
      await page.getByRole('combobox', { name: /^Partenaire/ }).selectOption({ label: name });
      await page.getByText(`Doit être sur : ${domain}`).waitFor();
      // Another host is refused before anything is sent: never an open redirect.
      await page.getByLabel('Adresse de la page du partenaire').fill('https://ailleurs.example.com/promo');
      await page.getByRole('button', { name: 'Créer le lien' }).click();
      await page.getByText("Cette adresse n'est pas sur un domaine du partenaire").waitFor();
      await page.getByLabel('Adresse de la page du partenaire').fill(`http://www.${domain}:${sitePort}/hiver?ref=forum`);
      await page.getByLabel('Campagne (facultatif)').fill('hiver');
      await page.getByRole('button', { name: 'Créer le lien' }).click();
      await page.getByText('Lien créé : partagez-le.').waitFor();
      shortUrl = await copied(page, /^Copier http/);
      expect(shortUrl).toMatch(new RegExp(`^${server.url}/r/[0-9A-Za-z]{9}$`));
      await expectAccessible(page, `links (${v.name})`);
      await shot(page, `affiliation-links-${v.name}`);

      // A visitor opens the short link and lands on the partner's page, the click id and UTM tags added.
      const visitor = await visitorBrowser.newContext({ viewport: v.viewport, isMobile: v.isMobile, hasTouch: v.hasTouch, locale: 'fr-FR', userAgent: USER_AGENT[v.name] });
      const tab = await visitor.newPage();
      await tab.goto(shortUrl);
      await tab.getByRole('heading', { name: 'Pneus hiver' }).waitFor();
      const landed = new URL(tab.url());
      expect(landed.host).toBe(`www.${domain}:${sitePort}`);
      expect(arrivals).toContain(`${landed.pathname}${landed.search}`);
      expect(landed.searchParams.get('ref')).toBe('forum');
      expect(landed.searchParams.get('utm_campaign')).toBe('hiver');
      clickId = landed.searchParams.get('nv_click')!;
      expect(clickId).toMatch(/^[0-9a-f-]{36}$/);
      await visitor.close();

      await page.reload();
      await heading(page, 'Mes liens affiliés').waitFor();
      await expect.poll(() => page.locator('dl', { hasText: 'Clics' }).locator('dd').first().textContent(), { timeout: 10_000 }).toBe('1');
      expect(problems).toEqual([]);
      await context.close();
    });

    it('signed and GET postbacks come in; the pro sees the conversions and commissions, and downloads the statement', async () => {
      const approved = await signedPostback(server, partnerId, secret, { clickId, orderId: order(1), amount: 12345, currency: 'EUR', status: 'approved' });
      expect(approved.status).toBe(200);
      // 4.5 % of 123.45 € = 5.555 €, rounded half up.
      expect(approved.body).toMatchObject({ attributed: true, commission: 556 });
      // The secret before the rotation is still accepted during the grace period.
      const pending = await signedPostback(server, partnerId, firstSecret, { clickId, orderId: order(2), amount: 1000, currency: 'EUR', status: 'pending', category: 'jantes' });
      expect(pending.body).toMatchObject({ attributed: true, commission: 500 });
      const wrong = await signedPostback(server, partnerId, 'not-the-secret', { clickId, orderId: order(9), amount: 1, currency: 'EUR', status: 'approved' });
      expect(wrong.body.code).toBe('SIGNATURE_INVALID');
      const viaGet = await fetch(`${getPostbackUrl}&transaction_id=${order(3)}&sale_amount=20.00&aff_sub=${clickId}`);
      expect(await viaGet.json()).toMatchObject({ orderId: order(3), amount: 2000, commission: 90, attributed: true });

      // A link checker's HEAD request is counted apart, as a bot, with its reason.
      expect((await fetch(shortUrl, { method: 'HEAD', redirect: 'manual', headers: { 'user-agent': USER_AGENT.desktop } })).status).toBe(302);

      const { context, page, problems } = await newVisitor(browser, server.url, v);
      await signIn(page, pro.email, /hicules/);
      await openNav(page, v, 'Commissions');
      await heading(page, 'Clics et commissions').waitFor();
      const report = page.getByRole('table', { name: /^Rapport/ });
      const linkRow = report.getByRole('row', { name: /hiver/ });
      await linkRow.waitFor();
      // 1 click (unique), 1 bot (the HEAD request), 3 sales for 153,45 €, 5,56 + 5,00 + 0,90 € of commission, all of it per click.
      await expect.poll(async () => (await linkRow.getByRole('cell').allTextContents()).map(plain), { timeout: 10_000 }).toEqual(['1', '1', '1requête HEAD 1', '3', '153,45 €', '11,46 €', '300 %', '11,46 €']);
      // The statement: a table on a desktop, one card per sale on a phone.
      const sale = (statement: string, orderId: string) =>
        v.isMobile ? page.getByRole('list', { name: statement }).getByRole('listitem').filter({ hasText: orderId }) : page.getByRole('table', { name: statement }).getByRole('row', { name: new RegExp(orderId) });
      await sale('Relevé des commissions', order(1)).getByText(/5,56\s€$/).waitFor();
      await sale('Relevé des commissions', order(2)).getByText('En attente').waitFor();
      await page.getByRole('img', { name: /^Clics par jour du/ }).waitFor();
      await expectAccessible(page, `reports (${v.name})`);
      await shot(page, `affiliation-reports-${v.name}`);

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Télécharger le relevé (CSV)' }).click()]);
      expect(download.suggestedFilename()).toMatch(/^novaevo-commissions-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
      const csv = await readFile((await download.path())!, 'utf8');
      expect(csv.split('\r\n')[0]).toBe('receivedAt,partner,orderId,status,amount,currency,commission,link,campaign,professional,unattributedReason,updatedAt');
      expect(csv).toContain(`,${name},${order(1)},approved,123.45,EUR,5.56,`);

      // In English, with English numbers.
      await page.getByText('EN', { exact: true }).click();
      await heading(page, 'Clicks and commissions').waitFor();
      await sale('Commission statement', order(1)).getByText(/€5\.56$/).waitFor();
      expect(problems).toEqual([]);
      await context.close();
    });

    it('the admin reconciles the partner statement: matched, mismatched, missing on each side', async () => {
      const admin = await signInAs(server, 'admin');
      const { context, page, problems } = await newVisitor(browser, server.url, v);
      await signIn(page, admin.email, 'Événements en échec');
      await openNav(page, v, 'Rapprochement');
      await heading(page, 'Rapprochement des relevés').waitFor();
      await page.getByRole('combobox', { name: /^Partenaire/ }).selectOption({ label: name });
      const upload = (text: string) => page.locator('input[type=file]').setInputFiles({ name: 'releve.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });

      await upload('orderId;amount;status\nA;douze;approved\n');
      await page.getByRole('button', { name: 'Rapprocher' }).click();
      await page.getByText('Ligne 2 : le montant doit être un nombre comme 12.34').waitFor();

      await upload(`orderId;amount;status\n${order(1)};123,45;approved\n${order(2)};10,00;approved\n${order(8)};5,00;declined\n`);
      await page.getByRole('button', { name: 'Rapprocher' }).click();
      await page.getByText('3 lignes au relevé, 3 ventes chez nous — 100 % des commandes expliquées.').waitFor();
      const list = (title: string) => page.getByRole('region', { name: title, exact: true }).first();
      await list('Concordantes').getByRole('rowheader', { name: order(1) }).waitFor();
      await list('Écarts').getByRole('row', { name: new RegExp(`${order(2)} statut`) }).waitFor();
      await list('Absentes chez nous').getByRole('rowheader', { name: order(8) }).waitFor();
      await list('Absentes du relevé').getByRole('rowheader', { name: order(3) }).waitFor();
      await expectAccessible(page, `reconciliation (${v.name})`);
      await shot(page, `affiliation-reconciliation-${v.name}`);
      expect(problems).toEqual([]);
      await context.close();
    });
  });
});
