import type { SlotScoreBreakdown } from '../slots/slot-score.ts';
import type { SearchProfessional } from '../slots/slot-search.ts';
import type { Urgency } from '../urgency.ts';

/** One owner's request to be placed; instants in epoch ms. */
export interface OptimizeRequest {
  id: string;
  service: string;
  lat: number;
  lon: number;
  urgency: Urgency;
  /** The owner can come from this instant on; time to intervention is counted from it. */
  earliest: number;
  /** The latest acceptable start. */
  latest: number;
}

/** A professional the optimiser may assign to: the same shape slot search uses. */
export type OptimizeProfessional = SearchProfessional;

/** A batch to optimise. The array order of `requests` is their arrival order (first come, first served). */
export interface OptimizeInput {
  requests: readonly OptimizeRequest[];
  professionals: readonly OptimizeProfessional[];
  /** Starts are placed in `[from, to)`. */
  from: number;
  to: number;
  /** The current instant (injected clock), for holds. */
  now: number;
  /** Only professionals this close to a request are considered (default 25 km). */
  radiusKm?: number | undefined;
  /** Slot grid and capacity bucket, minutes (default 15). */
  gridMin?: number | undefined;
  /** Time for the whole call, preparation and solver thread included (default 4500 ms). */
  timeLimitMs?: number | undefined;
  /** Candidate (professional, start) pairs kept per request (default 20), besides the greedy answers' own. */
  maxCandidatesPerRequest?: number | undefined;
  /** Professionals (those that can start soonest) whose starts become candidates of a request (default 6). */
  maxProsPerRequest?: number | undefined;
}

/** Why a request was placed where it was (or not placed). */
export interface PlacementBreakdown {
  urgency: Urgency;
  /** Cost of one hour of waiting for this urgency. */
  weight: number;
  waitHours: number;
  /** weight × waitHours; for an unassigned request, the penalty instead. */
  weightedWaitHours: number;
  distanceKm: number | null;
  /** The earliest start any nearby professional had for it, ignoring the other requests. */
  earliestPossible: string | null;
  /** Hours between that earliest possible start and the start given (capacity went to others). */
  delayHours: number;
  candidates: number;
  /** The owner-facing slot score of the placement, as slot search would rank it. */
  slotScore: SlotScoreBreakdown | null;
}

/** One request's outcome. */
export interface Placement {
  requestId: string;
  proId: string | null;
  proName: string | null;
  start: string | null;
  end: string | null;
  /** `earliest`: its earliest possible start; `delayed`: later, others needed the bays more; `no-slot`: nothing feasible nearby; `capacity`: left out, every feasible bay went to others. */
  reason: 'earliest' | 'delayed' | 'no-slot' | 'capacity';
  breakdown: PlacementBreakdown;
}

/** Urgency-weighted time to intervention of an assignment. */
export interface ObjectiveSummary {
  /** Σ weight × wait hours, plus the penalty of every unassigned request. */
  total: number;
  /** total / number of requests. */
  meanPerRequest: number;
  /** Mean weight × wait hours over the assigned requests only. */
  meanAssigned: number;
  assigned: number;
  unassigned: number;
}

/** The optimiser's answer. */
export interface OptimizeResult {
  /** `milp`: HiGHS's answer; `greedy`: the urgency-first greedy, because the solver ran out of time or failed. */
  method: 'milp' | 'greedy';
  solver: {
    /** `optimal`: within 0.01% of the LP bound; `feasible`: search finished without that proof; `time-limit`: best at the deadline; `timeout`/`failed`: the greedy fallback. */
    status: 'optimal' | 'feasible' | 'time-limit' | 'timeout' | 'failed';
    /** What produced the answer: branch and bound over the requests the LP left undecided, the rounded LP relaxation, or the warm start kept. */
    phase: 'fixed-branch-and-bound' | 'lp-rounding' | 'warm-start' | null;
    /** Relative gap between the answer and the best bound known (0 when proven optimal). */
    mipGap: number | null;
    /** The LP relaxation's objective: no assignment of these candidates does better. */
    lowerBound: number | null;
    /** Seconds the solver thread ran, loading HiGHS included. */
    runSeconds: number | null;
    detail: string;
  };
  placements: Placement[];
  objective: ObjectiveSummary;
  /** The same measure for first come, first served: each request in arrival order takes the earliest feasible slot. */
  baseline: ObjectiveSummary;
  model: { variables: number; constraints: number; nonZeros: number };
}
