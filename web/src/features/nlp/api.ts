import { useMutation, useQuery } from '@tanstack/react-query';
import { callApi } from '../../app/api/call-api.ts';
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


/** Has a description analysed (and stored: the answer's id goes on to booking). */
export function useAnalyze() {
  return useMutation({ mutationFn: (body: AnalyzeRequest) => callApi<Analysis>('POST', '/v1/nlp/analyze', body) });
}

/** One stored analysis: the owner's own, or one attached to a booking of the professional's garage. */
export function useAnalysis(id: string | null) {
  return useQuery({ queryKey: ['nlp', 'analysis', id], queryFn: () => callApi<Analysis>('GET', `/v1/nlp/analyses/${encodeURIComponent(id!)}`), enabled: id !== null, staleTime: Number.POSITIVE_INFINITY });
}
