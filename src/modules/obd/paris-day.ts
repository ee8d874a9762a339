const format = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day of `instant` in France (YYYY-MM-DD): "once a day" means an owner's day. */
export function parisDay(instant: Date): string {
  return format.format(instant);
}
