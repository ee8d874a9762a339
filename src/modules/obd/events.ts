import { z } from 'zod';
import { defineEvents } from '../../platform/module/events.ts';

/** The rules that raise an `obd.alert`. */
export const ALERT_RULES = ['coolant-hot', 'battery-low', 'misfire-rising'] as const;
export type AlertRule = (typeof ALERT_RULES)[number];

/** Events the OBD module publishes (exported from its index.ts for subscribers: NLP, planning). */
export const obdEvents = defineEvents('obd', {
  /** A fault code the vehicle had not reported before (or reports again after it was cleared). */
  'obd.dtc.detected': z.object({
    vehicleId: z.string(),
    /** Make and model, for messages. */
    vehicleName: z.string(),
    ownerUserId: z.string(),
    deviceId: z.string(),
    code: z.string(),
    status: z.enum(['active', 'pending', 'permanent']),
    /** In French, the owners' language. */
    description: z.string(),
    system: z.string(),
    at: z.string(),
  }),
  /** A reading crossed a rule's threshold (at most one per rule per vehicle per day). */
  'obd.alert': z.object({
    vehicleId: z.string(),
    /** Make and model, for messages. */
    vehicleName: z.string(),
    ownerUserId: z.string(),
    deviceId: z.string(),
    rule: z.enum(ALERT_RULES),
    value: z.number(),
    threshold: z.number(),
    cylinder: z.number().int().optional(),
    at: z.string(),
  }),
});
