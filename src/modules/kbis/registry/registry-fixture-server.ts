import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RegistryCompany } from './company-registry.ts';

/** A stand-in for the API Recherche d'entreprises on loopback (tests, benchmark). */
export interface RegistryFixture {
  url: string;
  /** Requests received so far. */
  requests: number;
  /** Answers the next requests with this instead of the data (e.g. `{status: 429, retryAfter: 1}`). */
  failNext(count: number, answer: { status: number; retryAfter?: string }): void;
  close(): Promise<void>;
}

/** Serves `GET /search?q=<siren>` over `companies` in the API's answer shape. */
export async function serveRegistryFixture(companies: readonly RegistryCompany[]): Promise<RegistryFixture> {
  const bySiren = new Map(companies.map((c) => [c.siren, c]));
  let failures: { count: number; answer: { status: number; retryAfter?: string } } = { count: 0, answer: { status: 500 } };
  const state = { requests: 0 };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    state.requests++;
    if (failures.count > 0) {
      failures.count--;
      res.writeHead(failures.answer.status, failures.answer.retryAfter ? { 'retry-after': failures.answer.retryAfter } : {});
      res.end('{"erreur":"fixture"}');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://fixture');
    const c = url.pathname === '/search' ? bySiren.get(url.searchParams.get('q') ?? '') : undefined;
    const results = c
      ? [{ siren: c.siren, nom_complet: c.name, nom_raison_sociale: c.name, etat_administratif: c.active ? 'A' : 'C', activite_principale: c.naf, date_fermeture: c.closedOn, siege: {} }]
      : [];
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ results, total_results: results.length, page: 1, per_page: 1, total_pages: results.length }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return state.requests;
    },
    failNext(count, answer) {
      failures = { count, answer };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
