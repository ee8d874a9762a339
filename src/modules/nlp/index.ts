import type { SqlExecutor } from '../../platform/ports/sql.ts';
import type { PlatformModule } from '../../platform/module/module.ts';
import { AnalysisService, type ProAnalysisAccess } from './analysis-service.ts';
import { nlpConfig, type NlpConfig } from './config.ts';
import { nlpEvents } from './events.ts';
import { EmbeddedTextModel } from './model/embedded-text-model.ts';
import { type ClosableTextModel, lazyTextModel } from './model/lazy-text-model.ts';
import type { TextModel } from './model/text-model.ts';
import { nlpRoutes } from './routes.ts';
import { nlpMigrations } from './storage/migrations.ts';

export { nlpEvents } from './events.ts';
export { analysisReader, type BookedAnalysis, type NlpAnalysisReader } from './analysis-face.ts';
export type { ProAnalysisAccess } from './analysis-service.ts';
export { CATEGORIES, CATEGORY_LABELS, URGENCIES, URGENCY_MEANINGS, type Category, type Urgency } from './analysis/taxonomy.ts';
export type { TextModel, TextPrediction } from './model/text-model.ts';

/** What can be given when building the module. */
export interface NlpModuleOptions {
  /**
   * Whether a pro's organisation may read an analysis (it is attached to one of its bookings),
   * over the platform's database: planning's face, wired by the runtime. Without it, a pro
   * reads only the analyses they wrote.
   */
  proAccess?: (db: SqlExecutor) => ProAnalysisAccess;
  /** A text model to use instead of the configured one (tests). */
  model?: TextModel;
}

/** The configured adapter, loaded on first use: init does no I/O and the SDK is imported only when chosen. */
function configuredModel(config: NlpConfig) {
  if (config.NLP_MODEL === 'sagemaker') {
    return lazyTextModel(async (): Promise<ClosableTextModel> => {
      const { SageMakerTextModel } = await import('./model/sagemaker-text-model.ts');
      return new SageMakerTextModel({
        endpointName: config.NLP_SAGEMAKER_ENDPOINT ?? '',
        timeoutMs: config.NLP_SAGEMAKER_TIMEOUT_MS,
        client: config.NLP_SAGEMAKER_REGION ? { region: config.NLP_SAGEMAKER_REGION } : {},
      });
    });
  }
  return lazyTextModel(() => EmbeddedTextModel.load());
}

/**
 * Understands owners' descriptions of vehicle problems (French and English): `POST /v1/nlp/analyze`
 * stores each analysis with its author, read back through `/v1/nlp/analyses`; publishes
 * `nlp.problem-analyzed`. Other modules read analyses through {@link analysisReader}.
 */
export function createNlpModule(options: NlpModuleOptions = {}): PlatformModule<typeof nlpConfig, typeof nlpEvents> {
  return {
    name: 'nlp',
    migrations: nlpMigrations,
    events: nlpEvents,
    config: nlpConfig,
    async init(ctx) {
      const configured = options.model ? undefined : configuredModel(ctx.config);
      const model = options.model ?? configured!;
      const service = new AnalysisService({ db: ctx.db, clock: ctx.clock, ids: ctx.ids, events: ctx.events, model, proAccess: options.proAccess?.(ctx.db) });
      return {
        routes: nlpRoutes({ service, kit: ctx.http }),
        health: { nlp: options.model ? 'injected' : ctx.config.NLP_MODEL },
        ...(configured ? { close: () => configured.close() } : {}),
      };
    },
  };
}

/** The module as the runtime registers it. */
export const nlpModule = createNlpModule();
