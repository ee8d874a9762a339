/** How urgent an owner's problem is, as the NLP analysis grades it. */
export const URGENCIES = ['low', 'medium', 'high', 'critical'] as const;
export type Urgency = (typeof URGENCIES)[number];

/**
 * Weight of one hour of waiting, by urgency: an hour's wait for a critical fault (brakes, a
 * warning light that says stop) costs as much as eight hours for a routine service. Used by the
 * optimiser's objective and by every report of urgency-weighted time to intervention.
 */
export const URGENCY_WEIGHT: Readonly<Record<Urgency, number>> = { low: 1, medium: 2, high: 4, critical: 8 };
