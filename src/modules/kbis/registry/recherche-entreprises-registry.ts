import { z } from 'zod';
import type { Clock } from '../../../platform/clock.ts';
import { normaliseNaf, type CompanyRegistry, type RegistryLookup } from './company-registry.ts';
import { CircuitBreaker, RateGate, realSleep, type Sleep, TtlCache } from './rate-gate.ts';

/** How the remote registry is reached and spared. */
export interface RechercheEntreprisesOptions {
  /** Default https://recherche-entreprises.api.gouv.fr */
  baseUrl: string;
  /** The service allows about 7 per second and per address: stay under it (default 6). */
  requestsPerSecond?: number;
  /** Per request (default 5 s). */
  timeoutMs?: number;
  /** Longest Retry-After honoured by waiting; a longer one answers `unavailable` (default 10 s). */
  maxRetryAfterSeconds?: number;
  /** Failures in a row that open the circuit (default 5) and how long it stays open (default 60 s). */
  breakerThreshold?: number;
  breakerCooldownMs?: number;
  /** How long answers are kept (default 24 h; "no such company" 1 h). */
  cacheTtlMs?: number;
  clock: Clock;
  sleep?: Sleep;
  fetch?: typeof fetch;
}

// The fields of a search result the adapter reads; the API returns many more.
const ResultSchema = z.object({
  siren: z.string(),
  nom_complet: z.string().nullish(),
  nom_raison_sociale: z.string().nullish(),
  etat_administratif: z.string().nullish(),
  activite_principale: z.string().nullish(),
  date_fermeture: z.string().nullish(),
});
const SearchSchema = z.object({ results: z.array(z.unknown()) });

/**
 * The remote registry adapter: the public "API Recherche d'entreprises" (`GET /search?q=<siren>`).
 * It spares the service as its terms ask (a client-side rate limit, Retry-After honoured, one
 * retry), caches answers, and opens a circuit after repeated failures so that verifications go
 * to review instead of hammering a service that is down or blocking us.
 */
export class RechercheEntreprisesRegistry implements CompanyRegistry {
  readonly name = 'recherche-entreprises';
  readonly #gate: RateGate;
  readonly #breaker: CircuitBreaker;
  readonly #cache: TtlCache<RegistryLookup>;
  readonly #sleep: Sleep;
  readonly #fetch: typeof fetch;

  constructor(private readonly options: RechercheEntreprisesOptions) {
    this.#sleep = options.sleep ?? realSleep;
    this.#fetch = options.fetch ?? fetch;
    this.#gate = new RateGate(options.requestsPerSecond ?? 6, options.clock, this.#sleep);
    this.#breaker = new CircuitBreaker(options.breakerThreshold ?? 5, options.breakerCooldownMs ?? 60_000, options.clock);
    this.#cache = new TtlCache(10_000, options.clock);
  }

  /** `closed` or `open`, for /health and tests. */
  get circuit(): 'closed' | 'open' {
    return this.#breaker.state;
  }

  async lookup(siren: string): Promise<RegistryLookup> {
    if (!/^\d{9}$/.test(siren)) return { outcome: 'not_found' };
    const cached = this.#cache.get(siren);
    if (cached) return cached;
    if (!this.#breaker.allows()) return { outcome: 'unavailable', reason: 'the registry API failed repeatedly; retrying later' };
    const answer = await this.#ask(siren);
    if (answer.outcome === 'unavailable') this.#breaker.failed();
    else {
      this.#breaker.succeeded();
      this.#cache.set(siren, answer, answer.outcome === 'found' ? (this.options.cacheTtlMs ?? 86_400_000) : 3_600_000);
    }
    return answer;
  }

  async #ask(siren: string, attempt = 0): Promise<RegistryLookup> {
    await this.#gate.take();
    const url = new URL('/search', this.options.baseUrl);
    url.searchParams.set('q', siren);
    url.searchParams.set('page', '1');
    url.searchParams.set('per_page', '1');
    let res: Response;
    try {
      res = await this.#fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000) });
    } catch (err) {
      return { outcome: 'unavailable', reason: `no answer (${(err as Error).name})` };
    }
    if (res.status === 429) {
      await res.body?.cancel();
      const wait = retryAfterSeconds(res.headers.get('retry-after'), this.options.clock.now()) ?? 1;
      this.#gate.blockFor(wait);
      if (attempt > 0 || wait > (this.options.maxRetryAfterSeconds ?? 10)) return { outcome: 'unavailable', reason: `rate limited (retry after ${wait} s)` };
      return this.#ask(siren, attempt + 1);
    }
    if (!res.ok) {
      await res.body?.cancel();
      return { outcome: 'unavailable', reason: `HTTP ${res.status}` };
    }
    const body = SearchSchema.safeParse(await res.json().catch(() => null));
    if (!body.success) return { outcome: 'unavailable', reason: 'unexpected answer' };
    for (const raw of body.data.results) {
      const r = ResultSchema.safeParse(raw);
      if (!r.success || r.data.siren !== siren) continue; // a full-text search may return neighbours
      const active = r.data.etat_administratif !== 'C';
      return {
        outcome: 'found',
        company: {
          siren,
          name: r.data.nom_raison_sociale ?? r.data.nom_complet ?? '',
          active,
          naf: normaliseNaf(r.data.activite_principale),
          closedOn: !active && r.data.date_fermeture ? r.data.date_fermeture.slice(0, 10) : null,
        },
      };
    }
    return { outcome: 'not_found' };
  }
}

/** Retry-After as seconds from now: a number of seconds or an HTTP date (RFC 9110); undefined if neither. */
export function retryAfterSeconds(header: string | null, now: Date): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}
