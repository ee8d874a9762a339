import { runApiBenchmark } from './api.bench.ts';

export interface Benchmark {
  description: string;
  run(): Promise<Record<string, unknown>>;
}

/**
 * Every benchmark `npm run bench -- <name>` knows. Each module's benchmark is imported when it
 * runs, so that one benchmark does not load (and pay for) the others' dependencies.
 */
export const benchmarks: Record<string, Benchmark> = {
  api: {
    description: 'HTTP API on the embedded defaults (PGlite): authenticated reads and writes vs GET /health, 16 concurrent clients on loopback',
    run: runApiBenchmark,
  },
  startup: {
    description: 'novaevo --help, first start and start on an existing data folder, built bundle vs tsx, in separate processes',
    run: async () => (await import('./startup.ts')).runStartupBenchmark(),
  },
  planning: {
    description: 'Planning: optimiser vs first come, first served on 20 seeded Paris weeks (50 pros, 500 requests); slot search p95, 200 pros × 14 days, vs full scan',
    run: async () => (await import('./planning.ts')).runPlanningBenchmark(),
  },
  nlp: {
    description: 'NLP: category and urgency macro-F1 on the held-out split, confusion, critical below high, entities, latency per analysis vs a keyword baseline',
    run: async () => (await import('./nlp.ts')).runNlpBenchmark(),
  },
  obd: {
    description: 'OBD: simulated dongles (mqtt.js) publishing QoS 1 frames through the embedded broker into the time series, vs a bare broker pass-through, then a restart with persistent sessions',
    run: async () => (await import('./obd.ts')).runObdBenchmark(),
  },
  ocr: {
    description: 'Registration certificates: 160 generated (scans, photos) through preprocessing + tesseract.js pool + layout reader, vs raw tesseract in line order',
    run: async () => (await import('./ocr.ts')).runOcrBenchmark(),
  },
  flash: {
    description: 'Flash: N concurrent jobs, each an agent against its own virtual ECU, through the local runtime, vs the agent core alone; BENCH_FULL=1 for 3,000',
    run: async () => (await import('./flash.ts')).runFlashBenchmark(),
  },
  redirect: {
    description: 'Affiliation redirect /r/{code}: runtime (fsync and write journal) vs bare node:http 302 and /health, clicks recorded after graceful stop and SIGKILL',
    run: async () => (await import('./redirect.ts')).runRedirectBenchmark(),
  },
  kbis: {
    description: 'KBIS: field and decision accuracy on generated digital PDFs and scans, end-to-end verifications on the local runtime, scan latency',
    run: async () => (await import('./kbis.ts')).runKbisBenchmark(),
  },
};
