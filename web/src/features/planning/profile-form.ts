import type { ProProfile } from './api.ts';

export const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type WeekdayKey = (typeof WEEKDAY_KEYS)[number];

export interface ServiceRow {
  code: string;
  durationMin: string;
  priceEur: string;
}
export interface RangeRow {
  from: string;
  to: string;
}

/** What the profile form edits: the profile as typed text, services, ranges and closures as rows. */
export interface ProfileForm {
  name: string;
  address: string;
  lat: string;
  lon: string;
  capacity: string;
  bufferMin: string;
  timezone: string;
  services: ServiceRow[];
  hours: Record<WeekdayKey, RangeRow[]>;
  closures: RangeRow[];
}

const WORKDAY: RangeRow[] = [
  { from: '08:00', to: '12:00' },
  { from: '14:00', to: '18:00' },
];

/** The form from a saved profile, or a blank one (weekdays 8-12 and 14-18, closed at the weekend). */
export function toForm(p: ProProfile | undefined): ProfileForm {
  const hours = Object.fromEntries(
    WEEKDAY_KEYS.map((d) => [d, p ? (p.openingHours[d] ?? []).map(([from, to]) => ({ from, to })) : d === 'sat' || d === 'sun' ? [] : WORKDAY.map((r) => ({ ...r }))]),
  ) as ProfileForm['hours'];
  return {
    name: p?.name ?? '',
    address: p?.location.address ?? '',
    lat: p ? String(p.location.lat) : '48.8566',
    lon: p ? String(p.location.lon) : '2.3522',
    capacity: String(p?.capacity ?? 1),
    bufferMin: String(p?.bufferMin ?? 0),
    timezone: p?.timezone ?? 'Europe/Paris',
    services: (p?.services ?? [{ code: 'vidange', durationMin: 60 }]).map((s) => ({ code: s.code, durationMin: String(s.durationMin), priceEur: s.priceEur === undefined ? '' : String(s.priceEur) })),
    hours,
    closures: (p?.closures ?? []).map((c) => ({ ...c })),
  };
}

// Typed numbers stay as typed ("" → NaN): the API says which one is wrong.
const num = (s: string) => (s.trim() === '' ? Number.NaN : Number(s.replace(',', '.')));

/** The body of `PUT /v1/pro/profile` from the form; empty rows are left out, the API checks every value. */
export function fromForm(f: ProfileForm) {
  return {
    name: f.name,
    location: { lat: num(f.lat), lon: num(f.lon), address: f.address },
    capacity: num(f.capacity),
    bufferMin: num(f.bufferMin),
    timezone: f.timezone,
    services: f.services
      .filter((s) => s.code.trim() || s.durationMin.trim())
      .map((s) => ({ code: s.code.trim(), durationMin: num(s.durationMin), ...(s.priceEur.trim() ? { priceEur: num(s.priceEur) } : {}) })),
    openingHours: Object.fromEntries(WEEKDAY_KEYS.map((d) => [d, f.hours[d].filter((r) => r.from || r.to).map((r) => [r.from, r.to] as [string, string])])),
    closures: f.closures.filter((c) => c.from.trim()).map((c) => ({ from: c.from.trim(), to: c.to.trim() || c.from.trim() })),
  };
}
