import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { BookingStatus } from '../availability/availability.ts';

/** One booking as a professional's calendar app shows it. Instants in epoch ms. */
export interface FeedBooking {
  id: string;
  start: number;
  end: number;
  status: BookingStatus;
  /** What the professional reads in the calendar, e.g. "Vidange — AB-123-CD". */
  summary: string;
  description?: string | undefined;
  /** Last change of the booking; DTSTAMP of a published feed is when its data last changed. */
  updatedAt: number;
  /** Bumped on every reschedule, so calendar apps replace the old time. */
  sequence?: number | undefined;
}

/** The calendar as a whole. */
export interface FeedCalendar {
  /** Shown as the calendar's name (X-WR-CALNAME). */
  name: string;
  /** The professional's zone, as a hint to calendar apps (X-WR-TIMEZONE); event times are UTC. */
  timezone: string;
  /** Domain part of every UID ("novaevo.fr"), so UIDs stay unique across systems. */
  uidDomain: string;
  bookings: readonly FeedBooking[];
}

function icalStatus(status: BookingStatus): ICalEventStatus | undefined {
  switch (status) {
    case 'confirmed':
    case 'completed':
      return ICalEventStatus.CONFIRMED;
    case 'requested':
    case 'proposed':
      return ICalEventStatus.TENTATIVE;
    case 'cancelled':
    case 'declined':
    case 'expired':
      return ICalEventStatus.CANCELLED;
    case 'held':
      return undefined;
  }
}

/**
 * An RFC 5545 feed (`GET /v1/pro/calendar.ics`) of a professional's bookings: one VEVENT each,
 * UID `<booking id>@<uidDomain>`, DTSTART/DTEND in UTC, STATUS TENTATIVE (requested, proposed),
 * CONFIRMED (confirmed, completed) or CANCELLED (so subscribed apps drop it). Holds are left out:
 * they last minutes. ical-generator does the escaping and the folding of lines at 75 octets.
 */
export function buildCalendarFeed(calendar: FeedCalendar): string {
  const cal = ical({
    name: calendar.name,
    prodId: { company: 'NovaEvo', product: 'planning', language: 'FR' },
    method: ICalCalendarMethod.PUBLISH,
    timezone: null,
    x: { 'X-WR-TIMEZONE': calendar.timezone },
  });
  const sorted = [...calendar.bookings].sort((a, b) => a.start - b.start || a.id.localeCompare(b.id));
  for (const booking of sorted) {
    const status = icalStatus(booking.status);
    if (!status) continue;
    cal.createEvent({
      id: `${booking.id}@${calendar.uidDomain}`,
      start: new Date(booking.start),
      end: new Date(booking.end),
      stamp: new Date(booking.updatedAt),
      lastModified: new Date(booking.updatedAt),
      sequence: booking.sequence ?? 0,
      summary: booking.summary,
      description: booking.description ?? null,
      status,
    });
  }
  return cal.toString();
}
