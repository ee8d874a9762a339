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
 * `GET /v1/planning/slots`: the best slots across nearby verified professionals, through
 * `searchSlots` (the availability function booking uses too), over what `CandidateCache` holds
 * of their profiles, learned durations, bookings and live holds (checked against the database's
 * revisions on every search). Verification is read live, but only for the professionals whose
 * slots made the list: one no longer verified is dropped and the search runs again without it.
 */
export async function findSlots(deps: PlanningDeps, p: Principal, q: SlotSearchInput): Promise<{ urgency: Urgency; items: SlotView[] }> {
  const now = deps.clock.now().getTime();
  const from = q.from === undefined ? now : Date.parse(q.from);
  const to = from + q.days * DAY;
  const urgency = await resolveUrgency(deps, q.urgency, q.analysisId, p.userId);
  const location = { lat: q.lat, lon: q.lon };
  const nearby = (await deps.candidates.near(deps.db, { ...location, radiusKm: q.radiusKm }, q.service, Math.max(from, now) - DAY, to + DAY)).filter(
    (c) => haversineKm(location, { lat: c.row.lat, lon: c.row.lon }) <= q.radiusKm,
  );
  let candidates: SearchProfessional[] = nearby.map(({ row, profile }) => ({
    id: row.org_id,
    name: row.name,
    location: { lat: row.lat, lon: row.lon },
    profile,
    serviceDurations: { [q.service]: row.learned[q.service] ?? (row.services.find((s) => s.code === q.service)?.durationMin as number) },
    bookings: row.busy,
  }));
  const query = { service: q.service, location, radiusKm: q.radiusKm, from, days: q.days, limit: q.limit, urgency, now };
  const verified = new Set<string>();
  let offers = searchSlots(candidates, query);
  for (;;) {
    const unchecked = [...new Set(offers.map((o) => o.proId))].filter((id) => !verified.has(id));
    const refused = new Set<string>();
    await Promise.all(unchecked.map(async (id) => ((await isVerifiedPro(deps, id)) ? verified.add(id) : refused.add(id))));
    if (refused.size === 0) break;
    candidates = candidates.filter((c) => !refused.has(c.id));
    offers = searchSlots(candidates, query);
  }
  const byId = new Map(nearby.map((c) => [c.row.org_id, c.row]));
  return {
    urgency,
    items: offers.map((o) => {
      const row = byId.get(o.proId);
      return { ...o, address: row?.address ?? '', priceEur: row?.services.find((s) => s.code === q.service)?.priceEur ?? null, urgency };
    }),
  };
}
