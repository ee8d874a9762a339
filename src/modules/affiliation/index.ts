import type { PlatformModule } from '../../platform/module/module.ts';
import { ClickJournal } from './click-journal.ts';
import { ClickRecorder } from './click-recorder.ts';
import { ClickTracker } from './click-tracker.ts';
import { affiliationConfig } from './config.ts';
import { ConversionService } from './conversion-service.ts';
import { affiliationEvents } from './events.ts';
import { IpSalts } from './ip-salts.ts';
import { LinkCache } from './link-cache.ts';
import { linkRoutes } from './link-routes.ts';
import { LinkService } from './link-service.ts';
import { affiliationMigrations } from './migrations.ts';
import { partnerRoutes } from './partner-routes.ts';
import { PartnerService } from './partner-service.ts';
import { POSTBACK_UPLOAD_PREFIX, postbackRoutes } from './postback-routes.ts';
import { redirectRoutes } from './redirect-routes.ts';
import { RECONCILIATION_UPLOAD_PREFIX, reportRoutes } from './report-routes.ts';
import { ReportService } from './report-service.ts';
import { SecretBox } from './secret-box.ts';
import { statementRoutes } from './statement-routes.ts';
import { StatementService } from './statement-service.ts';
import { keyFromFile } from './secret-key-file.ts';

export { affiliationEvents } from './events.ts';
export { signPostback } from './postback-signature.ts';
export type { Conversion, Link, ReportRow } from './schemas.ts';

/**
 * Affiliation: partners, tracked short links and their redirect (`/r/{code}`), signed and
 * token postbacks, commissions in integer cents, reports and statement reconciliation.
 * Publishes `affiliation.conversion-recorded`.
 */
export const affiliationModule: PlatformModule<typeof affiliationConfig, typeof affiliationEvents> = {
  name: 'affiliation',
  migrations: affiliationMigrations,
  events: affiliationEvents,
  config: affiliationConfig,
  async init(ctx) {
    const { db, clock, config, logger, http: kit, publicUrl } = ctx;
    const box = new SecretBox(config.secretKey ? async () => config.secretKey! : keyFromFile(config.dataDir));
    const cache = new LinkCache(db);
    const salts = new IpSalts(db);
    const recorder = new ClickRecorder({ db, journal: new ClickJournal(config.dataDir, { sync: config.clickSync }), batch: config.clickBatch, flushMs: config.clickFlushMs, logger });
    const tracker = new ClickTracker({ links: cache, salts, recorder, clock, logger, refreshMs: config.linkRefreshMs });
    // Reports and postbacks read clicks from SQL: the journal replayed and this process's buffer written first.
    const clicks = { flush: () => tracker.start().then(() => recorder.flush()) };

    const partners = new PartnerService({ db, clock, box, graceMs: config.secretGraceMs, publicUrl });
    const links = new LinkService({ db, clock, partners, cache, publicUrl });
    const conversions = new ConversionService({ db, clock, recorder: clicks, events: ctx.events });
    const reports = new ReportService({ db, recorder: clicks, organisationName: async (orgId) => (await ctx.identity.getOrganisation(orgId))?.name });

    const routes = partnerRoutes({ partners, kit });
    routes.route('/', linkRoutes({ links, kit }));
    routes.route('/', postbackRoutes({ partners, conversions, kit, clock }));
    routes.route('/', reportRoutes({ reports, partners, db, kit }));
    routes.route('/', statementRoutes({ statements: new StatementService({ db }), kit }));
    return {
      routes,
      rootRoutes: redirectRoutes({ tracker, kit, clock, newId: () => ctx.ids.newId() }),
      uploadPathPrefixes: [POSTBACK_UPLOAD_PREFIX, RECONCILIATION_UPLOAD_PREFIX],
      chores: {
        'affiliation.ip-salts': (now) => salts.forgetPast(now),
        // Replays a crashed process's click journal even when no redirect comes to start it.
        'affiliation.click-journal': async () => {
          await clicks.flush();
          return 0;
        },
      },
      close: () => tracker.close(),
    };
  },
};
