import { runApiBenchmark } from './api.bench.ts';

export interface Benchmark {
  description: string;
  run(): Promise<Record<string, unknown>>;
}

/** Every benchmark `npm run bench -- <name>` knows. */
export const benchmarks: Record<string, Benchmark> = {
  api: {
    description: 'HTTP API on the embedded defaults (PGlite): authenticated reads and writes vs GET /health, 16 concurrent clients on loopback',
    run: runApiBenchmark,
  },
};
