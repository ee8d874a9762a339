import { startEmbeddedBroker } from '../../src/platform/adapters/local/aedes-broker.ts';
import { silentLogger } from '../../src/platform/logger.ts';
import type { AdapterAvailability } from './adapter-suites.ts';

/** A broker an MQTT suite runs against. */
export interface BrokerUnderTest extends AdapterAvailability {
  /** Starts (or reaches) the broker and returns the URL buses connect to. */
  start(): Promise<{ url: string; stop(): Promise<void> }>;
}

/** The embedded aedes broker, and the external one of TEST_MQTT_URL (Mosquitto) when it is set. */
export const mqttBrokers: readonly BrokerUnderTest[] = [
  {
    name: 'embedded aedes',
    async start() {
      const broker = await startEmbeddedBroker({ port: 0, logger: silentLogger() });
      return { url: broker.url, stop: () => broker.close() };
    },
  },
  {
    name: 'external broker (TEST_MQTT_URL)',
    available: Boolean(process.env.TEST_MQTT_URL),
    skipReason: 'TEST_MQTT_URL is not set',
    start: async () => ({ url: process.env.TEST_MQTT_URL!, stop: async () => {} }),
  },
];
