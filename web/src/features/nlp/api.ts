import { useMutation, useQuery } from '@tanstack/react-query';
import { sessionFetch } from '../../app/api/client.ts';
import { ApiError, type Problem } from '../../app/api/problem.ts';
import type { ProblemAnalysis, VehicleContext } from '../../../../src/modules/nlp/analysis/analyze-problem.ts';

/** The API's analysis (typed from the NLP module until its routes are in the generated schema). */
export interface Analysis extends ProblemAnalysis {
  id: string;
  text: string;
  locale: string | null;
  vehicle: VehicleContext | null;
  createdAt: string;
}

/** What the page sends to POST /v1/nlp/analyze. */
export interface AnalyzeRequest {
  text: string;
  locale: string;
  vehicle?: { make: string; model: string; year: number };
}

async function request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    const init: RequestInit = body === undefined ? { method } : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
    res = await sessionFetch(new Request(new URL(path, window.location.origin), init));
  } catch {
    throw new ApiError({ status: 0, code: 'NETWORK_ERROR' });
  }
  if (!res.ok) {
    const problem = (await res.json().catch(() => undefined)) as Problem | undefined;
    throw new ApiError(problem?.code ? { ...problem, status: res.status } : { status: res.status, code: res.status >= 500 ? 'SERVER_ERROR' : 'UNEXPECTED_RESPONSE' });
  }
  return (await res.json()) as T;
}

/** Has a description analysed (and stored: the answer's id goes on to booking). */
export function useAnalyze() {
  return useMutation({ mutationFn: (body: AnalyzeRequest) => request<Analysis>('POST', '/v1/nlp/analyze', body) });
}

/** One stored analysis: the owner's own, or one attached to a booking of the professional's garage. */
export function useAnalysis(id: string | null) {
  return useQuery({ queryKey: ['nlp', 'analysis', id], queryFn: () => request<Analysis>('GET', `/v1/nlp/analyses/${encodeURIComponent(id!)}`), enabled: id !== null, staleTime: Number.POSITIVE_INFINITY });
}
