import { z } from 'zod';

/**
 * Per-invocation duration and memory of each kind of function, read from the latest benchmark
 * figures (bench/results/latest.json), or a documented default when a figure is absent.
 */

/** What the estimate needs of bench/results/latest.json. */
export interface LatestFigures {
  updated_at?: string;
  benchmarks: Record<string, { started_at?: string; size?: string; figures: { name: string; value: number; unit: string }[] }>;
}

export type InvocationKind = 'api_call' | 'ocr_read' | 'kbis_document' | 'nlp_analysis' | 'planning_search' | 'planning_optimiser' | 'redirect' | 'obd_message';

export interface Invocation {
  duration_ms: number;
  memory_mb: number;
  /** Where each came from: `bench <name>: <figure>` or `default: <why>`. */
  duration_from: string;
  memory_from: string;
  measured: boolean;
}

// The runner's name for the benchmark process's peak RSS (bench/figures.ts PEAK_MEMORY_FIGURE).
const PEAK_MEMORY = 'peak memory of the benchmark process (RSS)';

interface Source {
  benchmark: string;
  figure: string;
  /** From the figure's value to milliseconds per invocation. */
  toMs?: (value: number) => number;
  defaultMs: number;
  /** The benchmark whose process ran this code itself, so its peak RSS bounds the function's memory. */
  memoryFrom?: string;
  defaultMb: number;
}

export const INVOCATION_SOURCES: Record<InvocationKind, Source> = {
  // Request handling on the local runtime under 32 concurrent clients: an upper bound of the handler's own time.
  api_call: { benchmark: 'api', figure: 'GET /v1/vehicles/{id} on pglite, p50', defaultMs: 20, defaultMb: 512 },
  // The Lambda waits for the OCR engine's answer: the read's latency is its billed duration.
  ocr_read: { benchmark: 'ocr', figure: 'latency per document, p50', defaultMs: 1200, memoryFrom: 'ocr', defaultMb: 1024 },
  kbis_document: { benchmark: 'kbis', figure: 'digital document pipeline, p50', defaultMs: 300, memoryFrom: 'kbis', defaultMb: 1024 },
  nlp_analysis: { benchmark: 'nlp', figure: 'analysis CPU time, p50', defaultMs: 280, memoryFrom: 'nlp', defaultMb: 1024 },
  planning_search: { benchmark: 'planning', figure: 'slot search through HTTP, p50', defaultMs: 20, memoryFrom: 'planning', defaultMb: 512 },
  planning_optimiser: { benchmark: 'planning', figure: 'optimiser solve time, slowest week', defaultMs: 5000, memoryFrom: 'planning', defaultMb: 2048 },
  // One runtime process serving redirects flat out: its CPU time per redirect is at most 1 s / rate.
  redirect: { benchmark: 'affiliation', figure: 'redirects/s (fsync journal)', toMs: (perSecond) => 1000 / perSecond, defaultMs: 5, defaultMb: 256 },
  // Likewise for ingestion: 1 s / messages stored per second, an upper bound while the offered load is below saturation.
  obd_message: { benchmark: 'obd', figure: 'readings stored per second', toMs: (readingsPerSecond) => (1000 * 8) / readingsPerSecond, defaultMs: 10, defaultMb: 256 },
};

const figureOf = (latest: LatestFigures | undefined, benchmark: string, name: string) => latest?.benchmarks[benchmark]?.figures.find((f) => f.name === name);

/** Lambda memory is set in MB between 128 and 10,240: the measured peak, rounded up to 64 MB. */
const lambdaMemory = (mb: number) => Math.min(10_240, Math.max(128, Math.ceil(mb / 64) * 64));

/** Every kind's duration and memory, from the latest figures where they hold them. */
export function invocationsFrom(latest: LatestFigures | undefined): Record<InvocationKind, Invocation> {
  const out = {} as Record<InvocationKind, Invocation>;
  for (const [kind, source] of Object.entries(INVOCATION_SOURCES) as [InvocationKind, Source][]) {
    const duration = figureOf(latest, source.benchmark, source.figure);
    const usable = duration && Number.isFinite(duration.value) && duration.value > 0;
    const memory = source.memoryFrom ? figureOf(latest, source.memoryFrom, PEAK_MEMORY) : undefined;
    out[kind] = {
      duration_ms: usable ? Math.round((source.toMs ?? ((v) => v))(duration.value) * 1000) / 1000 : source.defaultMs,
      memory_mb: memory ? lambdaMemory(memory.value) : source.defaultMb,
      duration_from: usable ? `bench ${source.benchmark}: ${source.figure}` : `default (no "${source.figure}" in the ${source.benchmark} results)`,
      memory_from: memory ? `bench ${source.memoryFrom}: ${PEAK_MEMORY}` : source.memoryFrom ? `default (no ${source.memoryFrom} results)` : 'default (a deployment setting)',
      measured: Boolean(usable),
    };
  }
  return out;
}

const latestSchema = z.object({
  updated_at: z.string().optional(),
  benchmarks: z.record(z.string(), z.object({ started_at: z.string().optional(), size: z.string().optional(), figures: z.array(z.object({ name: z.string(), value: z.number(), unit: z.string() }).loose()) }).loose()),
}).loose();

/** A results file that cannot be read as benchmark figures. */
export class ResultsError extends Error {
  readonly code = 'RESULTS_INVALID';
}

/** Parses bench/results/latest.json; throws a {@link ResultsError} naming the file and the wrong field. */
export function parseLatestFigures(text: string, file: string): LatestFigures {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ResultsError(`${file} is not JSON: ${(err as Error).message}`);
  }
  const parsed = latestSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new ResultsError(`${file}: ${issue.path.map(String).join('.') || '(the file itself)'}: ${issue.message}; npm run bench writes it`);
}
