const HOUR = 3_600_000;

/** How long an answer may take: the window after the change, and how long before the slot it must come at the latest. */
export interface AnswerWindow {
  windowHours: number;
  leadHours: number;
}

/**
 * When a request (or a proposal) that is still unanswered expires: `windowHours` after it was
 * made, or `leadHours` before its slot if that comes first, so that a lapsed slot is released
 * while someone else can still take it. A slot booked less than `leadHours` ahead keeps its
 * request open for the window, until the slot itself begins at the latest.
 *
 * @example answerDeadline(Date.parse('2026-03-20T09:00Z'), Date.parse('2026-03-20T15:00Z'), { windowHours: 24, leadHours: 2 }) // 13:00Z
 */
export function answerDeadline(madeAt: number, slotStart: number, w: AnswerWindow): number {
  const window = madeAt + w.windowHours * HOUR;
  const deadline = Math.min(window, slotStart - w.leadHours * HOUR);
  return deadline > madeAt ? deadline : Math.min(window, slotStart);
}
