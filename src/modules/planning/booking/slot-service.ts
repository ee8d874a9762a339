import type { Principal } from '../../../platform/auth/principal.ts';
import { haversineKm } from '../slots/geo-distance.ts';
import { searchSlots, type SearchProfessional, type SlotOffer } from '../slots/slot-search.ts';
import { availabilityOf, plannedDurations, type ProfileRow } from '../store/profile-store.ts';
import type { Urgency } from '../urgency.ts';
import { isVerifiedPro, resolveUrgency, type PlanningDeps } from './planning-deps.ts';

const DAY = 86_400_000;

/** An owner's search, as the route validated it. */
export interface SlotSearchInput {
  service: string;
  lat: number;
  lon: number;
  radiusKm: number;
  from?: string | undefined;
  days: number;
  limit: number;
  urgency?: Urgency | undefined;
  analysisId?: string | undefined;
}

/** A slot with what the owner needs to choose it. */
export interface SlotView extends SlotOffer {
  address: string;
  priceEur: number | null;
  urgency: Urgency;
}

/** The professionals availability is computed for: verified, with their bookings in `[from, to)` and planned durations. */
export async function searchProfessionals(deps: PlanningDeps, rows: readonly ProfileRow[], from: number, to: number): Promise<SearchProfessional[]> {
  const verified = (await Promise.all(rows.map(async (r) => ((await isVerifiedPro(deps, r.org_id)) ? r : undefined)))).filter((r): r is ProfileRow => r !== undefined);
  const ids = verified.map((r) => r.org_id);
  const [learned, busy] = await Promise.all([deps.profiles.learned(deps.db, ids), deps.appointments.busy(deps.db, ids, new Date(from - DAY), new Date(to + DAY))]);
  return verified.map((r) => ({
    id: r.org_id,
    name: r.name,
    location: { lat: r.lat, lon: r.lon },
    profile: availabilityOf(r),
    serviceDurations: plannedDurations(r, learned.get(r.org_id)),
    bookings: busy.get(r.org_id) ?? [],
  }));
}

/**
 * `GET /v1/planning/slots`: the best slots across nearby verified professionals, from their
 * profiles, bookings and live holds in SQL, through `searchSlots` (the availability function
 * booking uses too).
 */
export async function findSlots(deps: PlanningDeps, p: Principal, q: SlotSearchInput): Promise<{ urgency: Urgency; items: SlotView[] }> {
  const now = deps.clock.now().getTime();
  const from = q.from === undefined ? now : Date.parse(q.from);
  const urgency = await resolveUrgency(deps, q.urgency, q.analysisId, p.userId);
  const location = { lat: q.lat, lon: q.lon };
  const rows = (await deps.profiles.near(deps.db, q.lat, q.lon, q.radiusKm)).filter((r) => haversineKm(location, { lat: r.lat, lon: r.lon }) <= q.radiusKm && r.services.some((s) => s.code === q.service));
  const professionals = await searchProfessionals(deps, rows, Math.max(from, now), from + q.days * DAY);
  const offers = searchSlots(professionals, { service: q.service, location, radiusKm: q.radiusKm, from, days: q.days, limit: q.limit, urgency, now });
  const byId = new Map(rows.map((r) => [r.org_id, r]));
  return {
    urgency,
    items: offers.map((o) => {
      const row = byId.get(o.proId);
      return { ...o, address: row?.address ?? '', priceEur: row?.services.find((s) => s.code === q.service)?.priceEur ?? null, urgency };
    }),
  };
}
