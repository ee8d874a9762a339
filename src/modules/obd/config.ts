import { z } from 'zod';

/**
 * The OBD module's configuration section. `OBD_DEVICE_MQTT_URL` is the broker address handed to
 * devices (a public host name, TLS in production); unset, the platform's device-facing broker
 * address is used.
 */
export const obdConfig = z.object({
  OBD_DEVICE_MQTT_URL: z.url().optional(),
  /** Points buffered before a time-series write is started at once (else every OBD_BATCH_DELAY_MS). */
  OBD_BATCH_MAX_POINTS: z.coerce.number().int().min(1).max(50_000).default(4000),
  OBD_BATCH_DELAY_MS: z.coerce.number().int().min(0).max(10_000).default(50),
  /** Time-series writes in flight at once; default 1 on PGlite (one connection), 2 on PostgreSQL. */
  OBD_BATCH_CONCURRENCY: z.coerce.number().int().min(1).max(16).optional(),
});

export type ObdConfig = z.output<typeof obdConfig>;

/** The MQTT URL devices are told to connect to. */
export function deviceMqttUrl(config: ObdConfig, platformDeviceUrl: string): string {
  return config.OBD_DEVICE_MQTT_URL ?? platformDeviceUrl;
}
