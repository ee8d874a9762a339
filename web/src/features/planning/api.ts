import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { sessionFetch } from '../../app/api/client.ts';
import { ApiError, type Problem } from '../../app/api/problem.ts';

// The shapes of the planning routes (Slot, Appointment, ProProfile, OptimizeAnswer in
// /openapi.json). They move to schema.gen.ts once the module is part of the generated client.
export type Urgency = 'low' | 'medium' | 'high' | 'critical';
export interface Slot {
  proId: string;
  proName: string;
  address: string;
  priceEur: number | null;
  start: string;
  end: string;
  distanceKm: number;
  score: number;
  urgency: Urgency;
}
export type AppointmentStatus = 'held' | 'requested' | 'confirmed' | 'proposed' | 'completed' | 'cancelled' | 'declined' | 'expired';
export interface Appointment {
  id: string;
  proId: string;
  proName: string;
  service: string;
  start: string;
  end: string;
  status: AppointmentStatus;
  notes: string | null;
  analysisId: string | null;
  vehicleId: string | null;
  proposedStart: string | null;
  declineReason: string | null;
  actualDurationMin: number | null;
  reminders: { kind: string; at: string }[];
}
export interface ProProfile {
  name: string;
  location: { lat: number; lon: number; address: string };
  services: { code: string; durationMin: number; priceEur?: number; plannedDurationMin?: number; durationSource?: string }[];
  capacity: number;
  bufferMin: number;
  openingHours: Record<string, [string, string][]>;
  closures: { from: string; to: string }[];
  timezone: string;
}
export interface Placement {
  requestId: string;
  proName: string | null;
  start: string | null;
  reason: string;
  breakdown: { urgency: Urgency; weight: number; waitHours: number; weightedWaitHours: number; distanceKm: number | null; delayHours: number; slotScore: { score: number } | null };
}
export interface Summary {
  total: number;
  meanPerRequest: number;
  assigned: number;
  unassigned: number;
}
export interface OptimizeAnswer {
  method: 'milp' | 'greedy';
  fallback: boolean;
  solver: { status: string; detail: string };
  objective: Summary;
  baseline: Summary;
  placements: Placement[];
}

async function call<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (json !== undefined) headers.set('content-type', 'application/json');
  let res: Response;
  try {
    res = await sessionFetch(new Request(new URL(path, window.location.origin), { ...rest, headers, ...(json === undefined ? {} : { body: JSON.stringify(json) }) }));
  } catch {
    throw new ApiError({ status: 0, code: 'NETWORK_ERROR' });
  }
  const body = await res.json().catch(() => undefined);
  if (!res.ok) throw new ApiError({ ...((body as Problem | undefined) ?? { code: 'UNEXPECTED_RESPONSE' }), status: res.status });
  return body as T;
}

const KEY = ['planning'] as const;

/** The best slots for a search; runs once the owner has chosen a service and a place. */
export function useSlots(q: { service: string; lat: number; lon: number; urgency?: Urgency | undefined; analysisId?: string | undefined } | null) {
  return useQuery({
    queryKey: [...KEY, 'slots', q],
    enabled: q !== null,
    queryFn: () => {
      const params = new URLSearchParams({ service: q!.service, lat: String(q!.lat), lon: String(q!.lon), limit: '10' });
      if (q!.urgency) params.set('urgency', q!.urgency);
      if (q!.analysisId) params.set('analysisId', q!.analysisId);
      return call<{ urgency: Urgency; items: Slot[] }>(`/v1/planning/slots?${params}`);
    },
  });
}

/** Holds the slot, then books it: the hold keeps it while the owner adds a note. */
export function useHold() {
  return useMutation({ mutationFn: (slot: { proId: string; service: string; start: string }) => call<Appointment>('/v1/planning/holds', { method: 'POST', json: slot, headers: { 'Idempotency-Key': crypto.randomUUID() } }) });
}

export function useBook(idempotencyKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { proId: string; service: string; start: string; notes?: string; analysisId?: string; vehicleId?: string }) => call<Appointment>('/v1/planning/appointments', { method: 'POST', json: body, headers: { 'Idempotency-Key': idempotencyKey } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

/** The caller's appointments (an owner's own, a professional's organisation's), optionally in a window. */
export function useAppointments(window?: { from: string; to: string }) {
  return useQuery({
    queryKey: [...KEY, 'appointments', window ?? null],
    queryFn: () => call<{ items: Appointment[] }>(`/v1/planning/appointments?limit=100${window ? `&from=${encodeURIComponent(window.from)}&to=${encodeURIComponent(window.to)}` : ''}`),
  });
}

/** One action on an appointment (confirm, decline, propose, complete, cancel, accept, reschedule). */
export function useAct() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (a: { id: string; action: string; body?: unknown }) => call<Appointment>(`/v1/planning/appointments/${encodeURIComponent(a.id)}/${a.action}`, { method: 'POST', ...(a.body === undefined ? {} : { json: a.body }) }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

export function useProfile() {
  return useQuery({ queryKey: [...KEY, 'profile'], queryFn: () => call<ProProfile>('/v1/pro/profile'), retry: false });
}

export function useSaveProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (p: Omit<ProProfile, 'services'> & { services: { code: string; durationMin: number; priceEur?: number }[] }) => call<ProProfile>('/v1/pro/profile', { method: 'PUT', json: p }),
    onSuccess: (saved) => queryClient.setQueryData([...KEY, 'profile'], saved),
  });
}

export function useFeed() {
  const queryClient = useQueryClient();
  const feed = useQuery({ queryKey: [...KEY, 'feed'], queryFn: () => call<{ url: string }>('/v1/pro/calendar-feed'), retry: false });
  const rotate = useMutation({ mutationFn: () => call<{ url: string }>('/v1/pro/calendar-feed/rotate', { method: 'POST' }), onSuccess: (f) => queryClient.setQueryData([...KEY, 'feed'], f) });
  return { feed, rotate };
}

export function useOptimize() {
  return useMutation({ mutationFn: (body: { sample: { seed: number; professionals: number; requests: number }; timeLimitMs: number }) => call<OptimizeAnswer>('/v1/planning/optimize', { method: 'POST', json: body }) });
}
