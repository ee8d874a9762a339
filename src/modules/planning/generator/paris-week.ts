import { feasibleStarts, type BusyInterval } from '../availability/availability.ts';
import { parseAvailabilityProfile } from '../availability/profile.ts';
import type { OptimizeProfessional, OptimizeRequest } from '../optimizer/types.ts';
import type { GeoPoint } from '../slots/geo-distance.ts';
import type { Urgency } from '../urgency.ts';
import { SeededRandom } from './seeded-random.ts';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const PARIS: GeoPoint = { lat: 48.8566, lon: 2.3522 };

/** Services, their usual duration (minutes) and their share of owners' requests. */
export const GENERATED_SERVICES: ReadonlyArray<{ code: string; durationMin: number; share: number }> = [
  { code: 'vidange', durationMin: 60, share: 30 },
  { code: 'diagnostic', durationMin: 45, share: 20 },
  { code: 'freins', durationMin: 90, share: 20 },
  { code: 'pneus', durationMin: 45, share: 15 },
  { code: 'climatisation', durationMin: 60, share: 10 },
  { code: 'distribution', durationMin: 240, share: 5 },
];

// Kinds of workshop: what they do and how they open (several ranges a day, Saturdays, lunch breaks).
const KINDS = [
  { kind: 'Garage', services: ['vidange', 'diagnostic', 'freins', 'climatisation', 'distribution'], share: 50,
    hours: { mon: [['08:00', '12:00'], ['14:00', '18:00']], tue: [['08:00', '12:00'], ['14:00', '18:00']], wed: [['08:00', '12:00'], ['14:00', '18:00']], thu: [['08:00', '12:00'], ['14:00', '18:00']], fri: [['08:00', '12:00'], ['14:00', '18:00']], sat: [['08:00', '12:00']] } },
  { kind: 'Centre auto', services: ['vidange', 'diagnostic', 'freins', 'pneus', 'climatisation'], share: 30,
    hours: { mon: [['08:30', '19:00']], tue: [['08:30', '19:00']], wed: [['08:30', '19:00']], thu: [['08:30', '19:00']], fri: [['08:30', '19:00']], sat: [['08:30', '18:00']] } },
  { kind: 'Pneus', services: ['pneus', 'freins', 'vidange'], share: 20,
    hours: { tue: [['09:00', '12:30'], ['13:30', '19:00']], wed: [['09:00', '12:30'], ['13:30', '19:00']], thu: [['09:00', '12:30'], ['13:30', '19:00']], fri: [['09:00', '12:30'], ['13:30', '19:00']], sat: [['09:00', '12:30'], ['13:30', '19:00']] } },
] as const;
const NAMES = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefebvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier'];

/** A generated batch: professionals with their week already partly booked, and owners' requests in arrival order. */
export interface GeneratedWeek {
  from: number;
  to: number;
  now: number;
  professionals: OptimizeProfessional[];
  requests: OptimizeRequest[];
}

/** What to generate; every field has a realistic default. */
export interface WeekOptions {
  seed: number;
  professionals?: number | undefined;
  requests?: number | undefined;
  days?: number | undefined;
  /** Start of the window (default Monday 16 November 2026, 00:00 in Paris). */
  from?: number | undefined;
  /** Share of each professional's open bay-hours already booked, drawn per professional in this range (default 0.3-0.6). */
  preBooked?: readonly [number, number] | undefined;
  /** Requests arrive over this many first days of the window (default 1: a day's requests, placed over the week). */
  requestDays?: number | undefined;
}

/** A point around Paris: a third in the city, the rest in the inner and outer suburbs. */
function parisLikePoint(rng: SeededRandom, rings: ReadonlyArray<readonly [readonly [number, number], number]>): GeoPoint {
  const [inner, outer] = rng.weighted(rings);
  const r = Math.sqrt(rng.between(inner * inner, outer * outer)); // uniform over the ring's area
  const angle = rng.between(0, 2 * Math.PI);
  return {
    lat: PARIS.lat + (r * Math.sin(angle)) / 111.32,
    lon: PARIS.lon + (r * Math.cos(angle)) / (111.32 * Math.cos((PARIS.lat * Math.PI) / 180)),
  };
}

/**
 * A seeded, realistic week around Paris (defaults: 50 professionals, 500 requests, 7 days):
 * workshops of three kinds with their services, durations (±20%), opening hours, 1-4 bays, a
 * buffer, the odd day closed and 30-60% of their time already booked; owners' requests with
 * mixed services and urgencies (40% low, 30% medium, 20% high, 10% critical), who can come from
 * some time in the first three days and accept a start until 3 (critical) to 7 days later.
 */
export function generateWeek(options: WeekOptions): GeneratedWeek {
  const rng = new SeededRandom(options.seed);
  const days = options.days ?? 7;
  const from = options.from ?? Date.parse('2026-11-15T23:00:00Z');
  const to = from + days * DAY;
  const [minBooked, maxBooked] = options.preBooked ?? [0.3, 0.6];
  const requestDays = options.requestDays ?? 1;
  const professionals: OptimizeProfessional[] = [];
  for (let i = 0; i < (options.professionals ?? 50); i++) {
    const kind = rng.weighted(KINDS.map((k) => [k, k.share] as const));
    const closedDay = rng.next() < 0.1 ? rng.int(0, days - 1) : undefined;
    const closures = closedDay === undefined ? [] : [{ from: new Date(from + closedDay * DAY).toISOString(), to: new Date(from + (closedDay + 1) * DAY).toISOString() }];
    const parsed = parseAvailabilityProfile({
      openingHours: kind.hours,
      capacity: rng.weighted([[1, 25], [2, 40], [3, 25], [4, 10]] as const),
      bufferMin: rng.weighted([[0, 40], [10, 30], [15, 30]] as const),
      closures,
    });
    if (!parsed.ok) throw parsed.error;
    const profile = parsed.value;
    const serviceDurations: Record<string, number> = {};
    for (const code of kind.services) {
      const base = GENERATED_SERVICES.find((s) => s.code === code)?.durationMin ?? 60;
      serviceDurations[code] = Math.max(15, Math.round((base * rng.between(0.8, 1.2)) / 15) * 15);
    }
    // Fill the week with existing bookings, each at a start the availability function allows.
    const bookings: BusyInterval[] = [];
    const target = rng.between(minBooked, maxBooked);
    const openMs = feasibleStarts({ profile: { ...profile, bufferMin: 0 }, bookings: [], durationMin: 15, from, to, now: from }).length * 15 * MINUTE;
    let booked = 0;
    for (let attempt = 0; attempt < 400 && booked < target * openMs * profile.capacity; attempt++) {
      const code = kind.services[rng.int(0, kind.services.length - 1)] as string;
      const durationMin = serviceDurations[code] as number;
      const starts = feasibleStarts({ profile, bookings, durationMin, from, to, now: from });
      if (starts.length === 0) break;
      const start = starts[rng.int(0, starts.length - 1)] as number;
      bookings.push({ start, end: start + durationMin * MINUTE, status: rng.next() < 0.8 ? 'confirmed' : 'requested' });
      booked += durationMin * MINUTE;
    }
    professionals.push({
      id: `pro-${String(i + 1).padStart(3, '0')}`,
      name: `${kind.kind} ${NAMES[rng.int(0, NAMES.length - 1)]}`,
      location: parisLikePoint(rng, [[[0, 5], 35], [[5, 12], 45], [[12, 25], 20]]),
      profile,
      serviceDurations,
      bookings,
    });
  }

  const requests: OptimizeRequest[] = [];
  for (let i = 0; i < (options.requests ?? 500); i++) {
    const urgency = rng.weighted<Urgency>([['low', 40], ['medium', 30], ['high', 20], ['critical', 10]]);
    const service = rng.weighted(GENERATED_SERVICES.map((s) => [s.code, s.share] as const));
    // Owners ask during the day (07:00-20:00) over the first days, and can come from then on.
    const earliest = from + rng.int(0, Math.min(requestDays, days) - 1) * DAY + rng.int(7 * 4, 20 * 4 - 1) * 15 * MINUTE;
    const acceptDays = urgency === 'critical' ? 3 : urgency === 'high' ? 5 : 7;
    const point = parisLikePoint(rng, [[[0, 5], 25], [[5, 12], 45], [[12, 22], 30]]);
    requests.push({ id: `req-${String(i + 1).padStart(3, '0')}`, service, lat: point.lat, lon: point.lon, urgency, earliest, latest: Math.min(to - HOUR, earliest + acceptDays * DAY) });
  }
  // Arrival order is the order owners asked in: first-come-first-served serves an 08:00 asker
  // before a 19:00 one (a shuffled list made that baseline weaker than a real queue).
  requests.sort((a, b) => a.earliest - b.earliest || a.id.localeCompare(b.id));
  return { from, to, now: from, professionals, requests };
}
