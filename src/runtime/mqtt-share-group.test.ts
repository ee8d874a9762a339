import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deploymentShareGroup } from './mqtt-share-group.ts';

const config = (over: { shareGroup?: string; databaseUrl?: string; dataDir?: string }) => ({
  mqtt: { port: undefined, url: 'mqtt://broker', shareGroup: over.shareGroup },
  databaseUrl: over.databaseUrl,
  dataDir: over.dataDir ?? '/srv/novaevo',
});

describe('deploymentShareGroup', () => {
  it('is MQTT_SHARE_GROUP when set', () => {
    expect(deploymentShareGroup(config({ shareGroup: 'garage-fleet', databaseUrl: 'postgres://db/x' }))).toBe('garage-fleet');
  });

  it('is one group for the processes of one database, whatever its password, and another for another database', () => {
    const a = deploymentShareGroup(config({ databaseUrl: 'postgres://novaevo:old-secret@db.internal:5432/novaevo' }));
    expect(deploymentShareGroup(config({ databaseUrl: 'postgres://novaevo:rotated@db.internal:5432/novaevo' }))).toBe(a);
    expect(deploymentShareGroup(config({ databaseUrl: 'postgres://novaevo@db.internal:5432/staging' }))).not.toBe(a);
    expect(a).not.toContain('secret');
  });

  it('is always one valid topic level', () => {
    fc.assert(
      fc.property(fc.option(fc.string(), { nil: undefined }), fc.string(), (databaseUrl, dataDir) => {
        expect(deploymentShareGroup(config({ ...(databaseUrl === undefined ? {} : { databaseUrl }), dataDir }))).toMatch(/^novaevo-[0-9a-f]{12}$/);
      }),
    );
  });
});
