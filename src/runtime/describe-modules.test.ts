import { describe, expect, it } from 'vitest';
import { exampleModule } from '../../test/fixtures/example-module/index.ts';
import { describeModules } from './describe-modules.ts';
import { modules } from './modules.ts';

describe('describeModules', () => {
  it('lists what every module handles without a database, a broker or a network', async () => {
    const described = await describeModules([...modules, exampleModule]);
    expect(described.map((d) => d.name)).toEqual(['identity', 'vehicles', 'ocr', 'obd', 'nlp', 'kbis', 'planning', 'flash', 'affiliation', 'admin', 'example']);
    const identity = described.find((d) => d.name === 'identity')!;
    expect(identity.routes).toContainEqual({ method: 'POST', path: '/auth/register', bearer: false });
    expect(identity.routes).toContainEqual({ method: 'GET', path: '/me', bearer: true });
    expect(identity.rootRoutes).toContainEqual({ method: 'GET', path: '/.well-known/jwks.json', bearer: false });
    expect(described.find((d) => d.name === 'obd')).toMatchObject({ mqttFilters: ['novaevo/v1/devices/+/obd'] });
    expect(identity.chores).toEqual(['identity.expired-tokens', 'identity.expired-verification-links']);
    expect(described.find((d) => d.name === 'vehicles')).toMatchObject({ events: ['vehicles.registered'], migrations: ['vehicles.001', 'vehicles.002.owner-list-index'] });
    expect(described.find((d) => d.name === 'example')).toMatchObject({
      subscriptions: [{ name: 'example.on-example-reminder-due', pattern: 'example.reminder-due' }],
      tasks: ['example-deliver'],
      workflows: ['example-remind'],
      workflowDefinitions: { 'example-remind': expect.objectContaining({ StartAt: 'Deliver' }) },
      notificationKinds: ['example.reminder'],
      mqttDeviceAuth: true,
    });
  });
});
