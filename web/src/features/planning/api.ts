import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callApi } from '../../app/api/call-api.ts';

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
  services: { code: string; durationMin: number; priceEur?: number; plannedDurationMin?: number; durationSource?: string; completedJobs?: number }[];
  capacity: number;
  bufferMin: number;
  openingHours: Record<string, [string, string][]>;
  closures: { from: string; to: string }[];
  timezone: string;
}
export type SolverStatus = 'optimal' | 'feasible' | 'time-limit' | 'timeout' | 'failed';
export type PlacementReason = 'earliest' | 'delayed' | 'no-slot' | 'capacity';
export interface SlotScore {
  waitPenalty: number;
  distancePenalty: number;
  waitWeight: number;
  distanceWeight: number;
  score: number;
}
export interface Placement {
  requestId: string;
  proName: string | null;
  start: string | null;
  reason: PlacementReason;
  breakdown: {
    urgency: Urgency;
    weight: number;
    waitHours: number;
    weightedWaitHours: number;
    distanceKm: number | null;
    earliestPossible: string | null;
    delayHours: number;
    candidates: number;
    slotScore: SlotScore | null;
  };
}
export interface Summary {
  total: number;
  meanPerRequest: number;
  meanAssigned: number;
  assigned: number;
  unassigned: number;
}
export interface OptimizeAnswer {
  method: 'milp' | 'greedy';
  fallback: boolean;
  solver: { status: SolverStatus; detail: string; mipGap: number | null; lowerBound: number | null; runSeconds: number | null };
  objective: Summary;
  baseline: Summary;
  placements: Placement[];
  input: { source: 'profiles' | 'sample'; professionals: number; requests: number; from: string; to: string };
}
/** `POST /v1/planning/optimize`: a request set against the stored profiles, or a generated week. */
export type OptimizeBody = { requests: unknown; from?: string; days?: number; timeLimitMs?: number } | { sample: { seed: number; professionals: number; requests: number }; days?: number; timeLimitMs?: number };

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
      return callApi<{ urgency: Urgency; items: Slot[] }>('GET', `/v1/planning/slots?${params}`);
    },
  });
}

/** Holds the slot, then books it: the hold keeps it while the owner adds a note. */
export function useHold() {
  return useMutation({ mutationFn: (slot: { proId: string; service: string; start: string }) => callApi<Appointment>('POST', '/v1/planning/holds', slot, { 'Idempotency-Key': crypto.randomUUID() }) });
}

export function useBook(idempotencyKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { proId: string; service: string; start: string; notes?: string; analysisId?: string; vehicleId?: string }) => callApi<Appointment>('POST', '/v1/planning/appointments', body, { 'Idempotency-Key': idempotencyKey }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

/** The caller's appointments (an owner's own, a professional's organisation's), optionally in a window. */
export function useAppointments(window?: { from: string; to: string }) {
  return useQuery({
    queryKey: [...KEY, 'appointments', window ?? null],
    queryFn: () => callApi<{ items: Appointment[] }>('GET', `/v1/planning/appointments?limit=100${window ? `&from=${encodeURIComponent(window.from)}&to=${encodeURIComponent(window.to)}` : ''}`),
  });
}

/** One action on an appointment (confirm, decline, propose, complete, cancel, accept, reschedule). */
export function useAct() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (a: { id: string; action: string; body?: unknown }) => callApi<Appointment>('POST', `/v1/planning/appointments/${encodeURIComponent(a.id)}/${a.action}`, a.body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

export function useProfile() {
  return useQuery({ queryKey: [...KEY, 'profile'], queryFn: () => callApi<ProProfile>('GET', '/v1/pro/profile'), retry: false });
}

export function useSaveProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (p: Omit<ProProfile, 'services'> & { services: { code: string; durationMin: number; priceEur?: number }[] }) => callApi<ProProfile>('PUT', '/v1/pro/profile', p),
    onSuccess: (saved) => queryClient.setQueryData([...KEY, 'profile'], saved),
  });
}

export function useFeed() {
  const queryClient = useQueryClient();
  const feed = useQuery({ queryKey: [...KEY, 'feed'], queryFn: () => callApi<{ url: string }>('GET', '/v1/pro/calendar-feed'), retry: false });
  const rotate = useMutation({ mutationFn: () => callApi<{ url: string }>('POST', '/v1/pro/calendar-feed/rotate'), onSuccess: (f) => queryClient.setQueryData([...KEY, 'feed'], f) });
  return { feed, rotate };
}

export function useOptimize() {
  return useMutation({ mutationFn: (body: OptimizeBody) => callApi<OptimizeAnswer>('POST', '/v1/planning/optimize', body) });
}
