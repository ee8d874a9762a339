import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Clock } from '../../platform/clock.ts';
import { createApiRouter, type ApiRouter } from '../../platform/http/router.ts';
import type { RouteKit } from '../../platform/http/route-kit.ts';
import { classifyClick } from './click-classifier.ts';
import type { ClickTracker } from './click-tracker.ts';
import { trackedDestination } from './destination-url.ts';
import { utcDay } from './ip-salts.ts';
import { CODE_PATTERN } from './short-code.ts';

const NOT_FOUND_PAGE = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Lien introuvable — NovaEvo</title></head>
<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem"><h1>Lien introuvable</h1><p>Ce lien n'existe pas ou n'est plus actif.</p><p lang="en">This link does not exist or is no longer active.</p></body></html>`;

const NO_STORE = 'private, no-store';

/** `GET /r/{code}` (outside /v1): the short links' redirect. */
export function redirectRoutes(deps: { tracker: ClickTracker; kit: RouteKit; clock: Clock; newId: () => string }): ApiRouter {
  const { tracker, kit, clock, newId } = deps;
  const { links, salts, recorder } = tracker.deps;
  const r = createApiRouter();

  const notFound = (c: Context) => c.html(NOT_FOUND_PAGE, 404, { 'Cache-Control': NO_STORE });

  r.openapi(
    createRoute(
      kit.publicRoute({}, {
        method: 'get',
        path: '/r/{code}',
        tags: ['affiliation'],
        summary: 'Follow a short link',
        // No request schema: a validator costs some 14 % of this path's CPU, and a code is checked
        // by CODE_PATTERN before anything else anyway.
        description: 'Redirects to the partner with the click id and UTM parameters; records the click (bots, prefetches and HEAD apart). `code`: 9 letters or digits.',
        responses: { 302: { description: 'To the destination' }, 404: { description: 'Unknown or disabled link (an HTML page)' } },
      }),
    ),
    async (c) => {
      // The platform's hottest path does the minimum and defers the rest (Dub's design): the link
      // comes from memory, the click goes to the journal (one group-committed fsync shared by
      // every redirect of the tick), and SQL sees it later, in batches. No database round trip,
      // except once for a code this process has never seen (another process's new link).
      if (!tracker.ready) await tracker.start();
      const code = c.req.param('code');
      if (!CODE_PATTERN.test(code)) return notFound(c);
      const link = links.get(code) ?? (links.knownUnknown(code) ? undefined : await links.lookup(code));
      if (!link || link.disabled) return notFound(c);

      const now = clock.now();
      const day = utcDay(now);
      const address = kit.clientAddress(c);
      let ipHash = salts.hash(address, day);
      if (ipHash === undefined) {
        await salts.load(now); // the clock passed midnight before the refresh loaded the new day's salt
        ipHash = salts.hash(address, day) ?? '';
      }
      const traits = classifyClick({
        method: c.req.method,
        userAgent: c.req.header('User-Agent'),
        referrer: c.req.header('Referer'),
        purpose: c.req.header('Sec-Purpose') ?? c.req.header('Purpose') ?? c.req.header('X-Purpose') ?? c.req.header('X-Moz'),
      });
      const clickId = newId();
      await recorder.record({
        id: clickId,
        linkId: link.id,
        partnerId: link.partnerId,
        orgId: link.orgId,
        at: now.toISOString(),
        day,
        ipHash,
        uaClass: traits.uaClass,
        referrerHost: traits.referrerHost,
        bot: traits.bot,
      });
      const location = trackedDestination(link.url, { clickIdParam: link.clickIdParam, clickId, campaign: link.campaign });
      return c.body(null, 302, { Location: location, 'Cache-Control': NO_STORE });
    },
  );
  return r;
}
