import type { BenchResult, RunOptions } from './figures.ts';

export interface Benchmark {
  description: string;
  /** A result without `figures` (the older shape) is recorded as it is, with no figures to judge. */
  run(options: RunOptions): Promise<BenchResult | Record<string, unknown>>;
}

/**
 * Every benchmark `npm run bench` knows. Each module's benchmark is imported when it runs, so
 * that one benchmark does not load (and pay for) the others' dependencies.
 */
export const benchmarks: Record<string, Benchmark> = {
  api: {
    description: 'HTTP API on the embedded defaults (PGlite): authenticated reads and writes vs GET /health, 32 concurrent clients on loopback',
    run: async (o) => (await import('./api.bench.ts')).runApiBenchmark(o),
  },
  startup: {
    description: 'novaevo --help, first start and start on an existing data folder, built bundle vs tsx, in separate processes',
    run: async (o) => (await import('./startup.ts')).runStartupBenchmark(o),
  },
  planning: {
    description: 'Planning: optimiser vs first come, first served on seeded Paris weeks (50 pros, 500 requests); slot search p95, 200 pros × 14 days, vs full scan',
    run: async (o) => (await import('./planning.ts')).runPlanningBenchmark(o),
  },
  nlp: {
    description: 'NLP: category and urgency macro-F1 on the held-out split, critical below high, latency per analysis vs a keyword baseline',
    run: async (o) => (await import('./nlp.ts')).runNlpBenchmark(o),
  },
  obd: {
    description: 'OBD: simulated dongles (mqtt.js) publishing QoS 1 frames through the embedded broker into the time series, vs a bare broker pass-through, then a restart with persistent sessions',
    run: async (o) => (await import('./obd.ts')).runObdBenchmark(o),
  },
  ocr: {
    description: 'Registration certificates (scans, photos) through preprocessing + tesseract.js pool + layout reader, vs raw tesseract in line order',
    run: async (o) => (await import('./ocr.ts')).runOcrBenchmark(o),
  },
  flash: {
    description: 'Flash: concurrent jobs, each an agent against its own virtual ECU, through the local runtime, vs the agent core alone',
    run: async (o) => (await import('./flash.ts')).runFlashBenchmark(o),
  },
  affiliation: {
    description: 'Affiliation redirect /r/{code}: runtime (fsync and write journal) vs bare node:http 302 and /health, clicks recorded after graceful stop and SIGKILL',
    run: async (o) => (await import('./redirect.ts')).runRedirectBenchmark(o),
  },
  kbis: {
    description: 'KBIS: field and decision accuracy on generated digital PDFs and scans, end-to-end verifications on the local runtime, scan latency',
    run: async (o) => (await import('./kbis.ts')).runKbisBenchmark(o),
  },
  coldstart: {
    description: 'Lambda functions: minified bundle size (esbuild options of the CDK app) and module initialisation in fresh node processes, vs importing an empty module',
    run: async (o) => (await import('./coldstart.ts')).runColdstartBenchmark(o),
  },
};

/** Other names a benchmark answers to: `npm run bench -- redirect` runs `affiliation`. */
export const aliases: Record<string, string> = { redirect: 'affiliation' };
