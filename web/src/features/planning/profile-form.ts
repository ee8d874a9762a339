import type { ProProfile } from './api.ts';

export const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** What the profile form edits: the profile with hours, services and closures as typed text. */
export interface ProfileForm {
  name: string;
  address: string;
  lat: string;
  lon: string;
  capacity: string;
  bufferMin: string;
  timezone: string;
  services: string;
  hours: Record<(typeof WEEKDAY_KEYS)[number], string>;
  closures: string;
}

/** The form's text from a saved profile (or a blank one). */
export function toForm(p: ProProfile | undefined): ProfileForm {
  const hours = Object.fromEntries(WEEKDAY_KEYS.map((d) => [d, (p?.openingHours[d] ?? []).map(([a, b]) => `${a}-${b}`).join(', ')])) as ProfileForm['hours'];
  return {
    name: p?.name ?? '',
    address: p?.location.address ?? '',
    lat: p ? String(p.location.lat) : '48.8566',
    lon: p ? String(p.location.lon) : '2.3522',
    capacity: String(p?.capacity ?? 1),
    bufferMin: String(p?.bufferMin ?? 0),
    timezone: p?.timezone ?? 'Europe/Paris',
    services: (p?.services ?? [{ code: 'vidange', durationMin: 60 }]).map((s) => [s.code, s.durationMin, s.priceEur ?? ''].join(', ').replace(/, $/, '')).join('\n'),
    hours,
    closures: (p?.closures ?? []).map((c) => `${c.from} ${c.to}`).join('\n'),
  };
}

/** The body of `PUT /v1/pro/profile` from the form's text; the API checks every value and says which is wrong. */
export function fromForm(f: ProfileForm) {
  const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);
  return {
    name: f.name,
    location: { lat: Number(f.lat), lon: Number(f.lon), address: f.address },
    capacity: Number(f.capacity),
    bufferMin: Number(f.bufferMin),
    timezone: f.timezone,
    services: lines(f.services).map((l) => {
      const [code = '', duration = '', price = ''] = l.split(',').map((x) => x.trim());
      return { code, durationMin: Number(duration), ...(price ? { priceEur: Number(price) } : {}) };
    }),
    openingHours: Object.fromEntries(
      WEEKDAY_KEYS.map((d) => [d, f.hours[d].split(',').map((r) => r.trim()).filter(Boolean).map((r) => r.split('-').map((x) => x.trim()) as [string, string])]),
    ),
    closures: lines(f.closures).map((l) => {
      const [from = '', to = from] = l.split(/\s+/);
      return { from, to };
    }),
  };
}
