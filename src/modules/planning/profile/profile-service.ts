import type { Principal } from '../../../platform/auth/principal.ts';
import { badRequest, notFound } from '../../../platform/errors.ts';
import { formatOpeningHours } from '../availability/opening-hours.ts';
import { parseAvailabilityProfile } from '../availability/profile.ts';
import { buildCalendarFeed } from '../calendar/ical-feed.ts';
import type { PlanningDeps } from '../booking/planning-deps.ts';
import type { Profile, ProfileInput } from '../routes/profile-schemas.ts';
import type { ProfileRow } from '../store/profile-store.ts';

const DAY = 86_400_000;

function orgOf(p: Principal): string {
  if (!p.orgId) throw notFound('PROFILE_NOT_FOUND', 'This account has no professional profile.');
  return p.orgId;
}

/** A professional's profile, feed token and iCalendar feed. */
export class ProfileService {
  constructor(private readonly deps: PlanningDeps & { publicUrl: string }) {}

  /** Validates availability settings with the domain parser (stable 400 codes) and saves the profile. */
  async save(p: Principal, input: ProfileInput): Promise<Profile> {
    const orgId = orgOf(p);
    const parsed = parseAvailabilityProfile({ timezone: input.timezone, openingHours: input.openingHours, closures: input.closures, capacity: input.capacity, bufferMin: input.bufferMin });
    if (!parsed.ok) throw parsed.error;
    const codes = new Set(input.services.map((s) => s.code));
    if (codes.size !== input.services.length) throw badRequest('SERVICES_INVALID', 'Each service code may appear once.');
    const profile = parsed.value;
    const row = await this.deps.profiles.save(
      this.deps.db,
      orgId,
      p.userId,
      {
        name: input.name,
        lat: input.location.lat,
        lon: input.location.lon,
        address: input.location.address,
        services: input.services.map((s) => ({ code: s.code, durationMin: s.durationMin, ...(s.priceEur === undefined ? {} : { priceEur: s.priceEur }) })),
        capacity: profile.capacity,
        buffer_min: profile.bufferMin,
        opening_hours: formatOpeningHours(profile.openingHours) as Record<string, Array<[string, string]>>,
        closures: input.closures,
        timezone: profile.timezone,
      },
      this.deps.clock.now(),
    );
    return this.#view(row);
  }

  async get(p: Principal): Promise<Profile> {
    const row = await this.deps.profiles.get(this.deps.db, orgOf(p));
    if (!row) throw notFound('PROFILE_NOT_FOUND', 'Set up your planning profile first (PUT /v1/pro/profile).');
    return this.#view(row);
  }

  /** The feed URL, to paste into a calendar app. */
  async feedUrl(p: Principal, rotate = false): Promise<{ url: string }> {
    const orgId = orgOf(p);
    const token = rotate ? await this.deps.profiles.rotateFeedToken(this.deps.db, orgId) : (await this.deps.profiles.get(this.deps.db, orgId))?.feed_token;
    if (!token) throw notFound('PROFILE_NOT_FOUND', 'Set up your planning profile first (PUT /v1/pro/profile).');
    return { url: `${this.deps.publicUrl}/v1/pro/calendar.ics?token=${token}` };
  }

  /** The RFC 5545 feed of the token's professional (the last 30 days and everything after), or 404 `FEED_NOT_FOUND`. */
  async feed(token: string): Promise<string> {
    const row = /^[\w-]{20,100}$/.test(token) ? await this.deps.profiles.byFeedToken(this.deps.db, token) : undefined;
    if (!row) throw notFound('FEED_NOT_FOUND', 'This calendar link is unknown or was replaced by a new one.');
    const since = new Date(this.deps.clock.now().getTime() - 30 * DAY);
    const bookings = await this.deps.appointments.forFeed(this.deps.db, row.org_id, since);
    return buildCalendarFeed({
      name: `NovaEvo — ${row.name}`,
      timezone: row.timezone,
      uidDomain: 'novaevo.fr',
      bookings: bookings.map((b) => ({
        id: b.id,
        start: b.start_at.getTime(),
        end: b.end_at.getTime(),
        status: b.status,
        summary: `${b.service}${b.notes ? ` — ${b.notes.slice(0, 80)}` : ''}`,
        description: b.proposed_start ? `Nouvel horaire proposé : ${b.proposed_start.toISOString()}` : undefined,
        updatedAt: b.updated_at.getTime(),
        sequence: b.sequence,
      })),
    });
  }

  async #view(row: ProfileRow): Promise<Profile> {
    const learned = (await this.deps.profiles.learned(this.deps.db, [row.org_id])).get(row.org_id);
    return {
      proId: row.org_id,
      name: row.name,
      location: { lat: row.lat, lon: row.lon, address: row.address },
      services: row.services.map((s) => {
        const estimate = learned?.get(s.code);
        const isLearned = estimate?.source === 'learned';
        return { ...s, plannedDurationMin: isLearned ? estimate.durationMin : s.durationMin, durationSource: isLearned ? 'learned' : 'declared', completedJobs: estimate?.sampleSize ?? 0 };
      }),
      capacity: row.capacity,
      bufferMin: row.buffer_min,
      openingHours: row.opening_hours,
      closures: row.closures,
      timezone: row.timezone,
      updatedAt: row.updated_at.toISOString(),
    };
  }
}
