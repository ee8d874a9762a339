import { rm } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { freshDataDir, startTestServer } from '../support/server.ts';

describe('a start that fails', () => {
  it('says why, and leaves the data folder usable by the next start', async () => {
    const dataDir = await freshDataDir();
    try {
      // Nothing listens on port 1: the broker named by MQTT_URL is unreachable.
      await expect(startTestServer({ dataDir, env: { MQTT_URL: 'mqtt://127.0.0.1:1' } })).rejects.toThrow(/127\.0\.0\.1:1|ECONNREFUSED|connect/i);
      const s = await startTestServer({ dataDir });
      expect((await s.call('GET', '/health')).status).toBe(200);
      await s.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
