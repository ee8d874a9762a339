/** Minutes since local midnight, 0..1440 (1440 is "24:00", the end of the day). */
export type MinuteOfDay = number;

const HH_MM = /^([01]\d|2[0-4]):([0-5]\d)$/;

/**
 * Reads a wall-clock "HH:MM" (24-hour, two digits each) into minutes since midnight.
 * "24:00" is accepted only where `allowEndOfDay` is set (the end of a range). Returns
 * undefined for anything else ("8:00", "12:60", "24:30", " 08:00").
 */
export function parseClockTime(text: string, allowEndOfDay = false): MinuteOfDay | undefined {
  const m = HH_MM.exec(text);
  if (!m) return undefined;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  if (minutes > 1440 || (minutes === 1440 && !allowEndOfDay)) return undefined;
  return minutes;
}

/** Formats minutes since midnight as "HH:MM" (1440 as "24:00"). */
export function formatClockTime(minutes: MinuteOfDay): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}
