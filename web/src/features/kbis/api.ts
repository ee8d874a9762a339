import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { sessionFetch } from '../../app/api/client.ts';
import { ApiError, type Problem } from '../../app/api/problem.ts';

// The shapes of the KBIS routes (KbisVerification, KbisReviewCase in /openapi.json). They move
// to schema.gen.ts once the module is part of the generated client (npm run generate:api-client).
export type CheckCode = string;
export interface KbisCheck {
  code: CheckCode;
  passed: boolean | null;
  detail: string;
  reason?: string;
}
export interface KbisVerification {
  id: string;
  status: 'pending' | 'verified' | 'rejected' | 'needs_review';
  siren: string;
  declaredName: string;
  extracted: Record<string, unknown> | null;
  checks: KbisCheck[];
  reasons: string[];
  textSource: 'text-layer' | 'ocr' | 'none' | null;
  submittedAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  documentAvailable: boolean;
}
export interface KbisReviewCase extends KbisVerification {
  documentUrl: string | null;
  audit: { decision: string; actor: string; comment: string | null; at: string }[];
}

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  let res: Response;
  try {
    res = await sessionFetch(new Request(new URL(path, window.location.origin), init));
  } catch {
    throw new ApiError({ status: 0, code: 'NETWORK_ERROR' });
  }
  const body = await res.json().catch(() => undefined);
  if (!res.ok) throw new ApiError({ ...((body as Problem | undefined) ?? { code: 'UNEXPECTED_RESPONSE' }), status: res.status });
  return body as T;
}

const KEY = ['kbis'] as const;

/** Sends the extract (multipart field `document`); the key makes a double tap submit once. */
export function useSubmitKbis(idempotencyKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.set('document', file, file.name);
      return call<{ id: string; status: 'pending' }>('/v1/pro/verifications', { method: 'POST', body: form, headers: { 'Idempotency-Key': idempotencyKey } });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

/** The organisation's verifications (the latest decides what the pro sees first). */
export function useMyVerifications() {
  return useQuery({ queryKey: [...KEY, 'mine'], queryFn: () => call<{ items: KbisVerification[] }>('/v1/pro/verifications?limit=100') });
}

/** One verification, polled every 2 s while the workflow runs. */
export function useVerification(id: string) {
  return useQuery({
    queryKey: [...KEY, id],
    queryFn: () => call<KbisVerification>(`/v1/pro/verifications/${encodeURIComponent(id)}`),
    refetchInterval: (q) => (q.state.data?.status === 'pending' ? 2000 : false),
  });
}

export function useReviewQueue() {
  return useQuery({ queryKey: [...KEY, 'queue'], queryFn: () => call<{ items: KbisVerification[]; next_cursor: string | null }>('/v1/admin/verifications?status=needs_review&limit=100') });
}

export function useReviewCase(id: string) {
  return useQuery({ queryKey: [...KEY, 'case', id], queryFn: () => call<KbisReviewCase>(`/v1/admin/verifications/${encodeURIComponent(id)}`) });
}

export function useDecide(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { decision: 'verified' | 'rejected'; comment: string }) =>
      call<KbisReviewCase>(`/v1/admin/verifications/${encodeURIComponent(id)}/decision`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    onSuccess: (decided) => {
      queryClient.setQueryData([...KEY, 'case', id], decided);
      return queryClient.invalidateQueries({ queryKey: [...KEY, 'queue'] });
    },
  });
}
