import { createHash } from 'node:crypto';
import type { Config } from '../platform/config.ts';

/**
 * The shared-subscription group of this deployment on an external broker: MQTT_SHARE_GROUP, or
 * one derived from what makes processes one deployment, their database (DATABASE_URL without its
 * password, or the data folder of an embedded one). Processes of one deployment then split the
 * device messages between them, and two deployments on one broker never take each other's.
 */
export function deploymentShareGroup(config: Pick<Config, 'mqtt' | 'databaseUrl' | 'dataDir'>): string {
  if (config.mqtt.shareGroup) return config.mqtt.shareGroup;
  let database = config.dataDir;
  if (config.databaseUrl) {
    try {
      const url = new URL(config.databaseUrl);
      url.password = '';
      database = url.toString();
    } catch {
      database = config.databaseUrl;
    }
  }
  return `novaevo-${createHash('sha256').update(database).digest('hex').slice(0, 12)}`;
}
