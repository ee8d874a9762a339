import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, sessionFetch } from '../../app/api/client.ts';
import { unwrap } from '../../app/api/problem.ts';
import type { components } from '../../app/api/schema.gen.ts';

type Schemas = components['schemas'];
export type Partner = Schemas['AffiliatePartner'];
export type PartnerWithSecret = Schemas['AffiliatePartnerWithSecret'];
export type NewPartner = Schemas['NewAffiliatePartner'];
export type PostbackMapping = Schemas['AffiliatePostbackMapping'];
export type Offer = Schemas['AffiliateOffer'];
export type Link = Schemas['AffiliateLink'];
export type NewLink = Schemas['NewAffiliateLink'];
export type ReportRow = Schemas['AffiliateReportRow'];
export type StatementEntry = Schemas['AffiliateStatementEntry'];
export type Reconciliation = Schemas['AffiliateReconciliation'];
export type GroupBy = 'day' | 'partner' | 'link' | 'professional';
export type ConversionStatus = StatementEntry['status'];
/** A partner's commission as the API answers it (`commission` is typed loosely in the schema). */
export interface CommissionRule {
  type: 'percent' | 'fixed';
  value: number;
  byCategory?: Record<string, { type: 'percent' | 'fixed'; value: number }>;
}

const KEY = ['affiliation'] as const;

/** A non-JSON exchange (a CSV up or down) with the session, failing as an ApiError exactly as the typed client's calls do. */
function rawCall(path: string, init: RequestInit = {}): Promise<Response> {
  return unwrap(
    sessionFetch(new Request(new URL(path, window.location.origin), init)).then(async (response) => ({
      response,
      data: response,
      error: response.ok ? undefined : await response.json().catch(() => undefined),
    })),
  );
}

export function usePartners() {
  return useQuery({ queryKey: [...KEY, 'partners'], queryFn: () => unwrap(api.GET('/v1/affiliate/partners')) });
}

/** Adds a partner; the answer carries its secret, shown once. The key makes a double click create one partner. */
export function useCreatePartner(idempotencyKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewPartner) => unwrap(api.POST('/v1/affiliate/partners', { body, headers: { 'Idempotency-Key': idempotencyKey } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

export function useRotateSecret(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/v1/affiliate/partners/{id}/secret-rotations', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...KEY, 'partners'] }),
  });
}

export function useSetMapping(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PostbackMapping) => unwrap(api.PUT('/v1/affiliate/partners/{id}/postback-mapping', { params: { path: { id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...KEY, 'partners'] }),
  });
}

/** The partners a link may point to (verified pros and admins). */
export function useOffers() {
  return useQuery({ queryKey: [...KEY, 'offers'], queryFn: () => unwrap(api.GET('/v1/affiliate/offers')) });
}

export function useLinks() {
  return useQuery({ queryKey: [...KEY, 'links'], queryFn: () => unwrap(api.GET('/v1/affiliate/links')) });
}

export function useCreateLink(idempotencyKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewLink) => unwrap(api.POST('/v1/affiliate/links', { body, headers: { 'Idempotency-Key': idempotencyKey } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

export function useSetLinkDisabled() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { code: string; disabled: boolean }) => unwrap(api.PATCH('/v1/affiliate/links/{code}', { params: { path: { code: input.code } }, body: { disabled: input.disabled } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...KEY, 'links'] }),
  });
}

export function useReport(range: { from: string; to: string }, groupBy: GroupBy) {
  return useQuery({ queryKey: [...KEY, 'report', range, groupBy], queryFn: () => unwrap(api.GET('/v1/affiliate/reports', { params: { query: { ...range, groupBy } } })) });
}

/** The commission statement of a range, page by page. */
export function useStatement(range: { from: string; to: string }) {
  return useInfiniteQuery({
    queryKey: [...KEY, 'statement', range],
    queryFn: ({ pageParam }) => unwrap(api.GET('/v1/affiliate/conversions', { params: { query: { ...range, limit: 50, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });
}

/** Downloads the statement CSV (the token is in memory, so the file is fetched here, then saved). */
export function useDownloadStatement() {
  return useMutation({
    mutationFn: async (range: { from: string; to: string }) => {
      const res = await rawCall(`/v1/affiliate/conversions.csv?${new URLSearchParams(range).toString()}`);
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = `novaevo-commissions-${range.from}-${range.to}.csv`;
      // Attached while clicked: some browsers ignore a click on a detached link.
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
  });
}

/** Sends a partner's statement CSV; the answer puts every order in one list. */
export function useReconcile() {
  return useMutation({
    mutationFn: async (input: { partnerId: string; file: File; from?: string; to?: string }) => {
      const query = new URLSearchParams({ partnerId: input.partnerId, ...(input.from ? { from: input.from } : {}), ...(input.to ? { to: input.to } : {}) });
      const res = await rawCall(`/v1/affiliate/reconciliations?${query.toString()}`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: input.file });
      return (await res.json()) as Reconciliation;
    },
  });
}
