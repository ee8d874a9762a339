import { feasibleStarts, type BusyInterval } from '../availability/availability.ts';
import { localDays, type LocalDay } from '../availability/local-days.ts';
import type { AvailabilityProfile } from '../availability/profile.ts';
import type { Urgency } from '../urgency.ts';
import { haversineKm, type GeoPoint } from './geo-distance.ts';
import { scoreSlot, type SlotScoreBreakdown } from './slot-score.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** A professional as slot search sees it (the caller passes verified professionals only). */
export interface SearchProfessional {
  id: string;
  name: string;
  location: GeoPoint;
  profile: AvailabilityProfile;
  /** Minutes per service code this professional offers: the learned estimate where there is one, else the declared duration. */
  serviceDurations: Readonly<Record<string, number>>;
  bookings: readonly BusyInterval[];
}

/** An owner's search; instants in epoch ms. */
export interface SlotQuery {
  service: string;
  location: GeoPoint;
  radiusKm: number;
  /** Search `[max(from, now), from + days)`. */
  from: number;
  days: number;
  limit: number;
  /** From the owner's NLP analysis; `medium` when there is none. */
  urgency: Urgency;
  now: number;
  /** At most this many slots from one professional (default 3), so one garage does not fill the list. */
  maxPerPro?: number | undefined;
  gridMin?: number | undefined;
}

/** One offered slot (instants as ISO 8601 UTC, as on the wire). */
export interface SlotOffer {
  proId: string;
  proName: string;
  start: string;
  end: string;
  distanceKm: number;
  score: number;
  scoreBreakdown: SlotScoreBreakdown;
}

/**
 * The best slots for a service near a point: professionals within `radiusKm` (haversine) who
 * offer the service, their earliest feasible starts (the same `feasibleStarts` that booking
 * uses), ranked by `scoreSlot` (higher first; ties by start, then distance). Only the first
 * `maxPerPro` starts of each professional are computed: a later start of the same professional
 * never scores higher, which keeps a 200-professional, 14-day search to a few milliseconds.
 */
export function searchSlots(professionals: readonly SearchProfessional[], query: SlotQuery): SlotOffer[] {
  const from = Math.max(query.from, query.now);
  const to = query.from + query.days * DAY;
  if (!(to > from) || query.limit <= 0) return [];
  const perPro = Math.min(query.maxPerPro ?? 3, query.limit);
  const horizonHours = (to - from) / 3_600_000;
  // Local days are the costly part of availability; every professional in one zone shares them.
  const daysByZone = new Map<string, LocalDay[]>();
  const offers: SlotOffer[] = [];
  for (const pro of professionals) {
    const durationMin = pro.serviceDurations[query.service];
    if (durationMin === undefined || durationMin <= 0) continue;
    const distanceKm = haversineKm(query.location, pro.location);
    if (distanceKm > query.radiusKm) continue;
    let days = daysByZone.get(pro.profile.timezone);
    if (!days) {
      days = localDays(pro.profile.timezone, from, to + DAY);
      daysByZone.set(pro.profile.timezone, days);
    }
    const starts = feasibleStarts({
      profile: pro.profile,
      bookings: pro.bookings,
      durationMin,
      from,
      to,
      now: query.now,
      gridMin: query.gridMin,
      maxResults: perPro,
      days,
    });
    for (const start of starts) {
      const scoreBreakdown = scoreSlot({ urgency: query.urgency, waitHours: (start - from) / 3_600_000, distanceKm, horizonHours, radiusKm: query.radiusKm });
      offers.push({
        proId: pro.id,
        proName: pro.name,
        start: new Date(start).toISOString(),
        end: new Date(start + durationMin * MINUTE).toISOString(),
        distanceKm: scoreBreakdown.distanceKm,
        score: scoreBreakdown.score,
        scoreBreakdown,
      });
    }
  }
  offers.sort((a, b) => b.score - a.score || a.start.localeCompare(b.start) || a.distanceKm - b.distanceKm);
  return offers.slice(0, query.limit);
}
