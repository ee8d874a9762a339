import { describe, expect, it } from 'vitest';
import { INTERNAL_MQTT_USERNAME, MqttAccessPolicy, type MqttConnection, type MqttDeviceAuthHooks, type MqttSession } from './access-policy.ts';

const credentials = (username?: string, password?: string) => ({
  clientId: 'c1',
  username,
  password: password === undefined ? undefined : Buffer.from(password),
});

/** A module admitting `dongle-<id>` with password `secret-<id>`, confined to its own topics. */
const obdHooks: MqttDeviceAuthHooks<{ deviceId: string }> = {
  async authenticate({ username, password }) {
    const deviceId = username?.replace(/^dongle-/, '');
    return deviceId && password?.toString() === `secret-${deviceId}` ? { accepted: true, identity: { deviceId } } : { accepted: false };
  },
  authorizePublish: ({ deviceId }, topic) => topic === `novaevo/v1/devices/${deviceId}/obd`,
  authorizeSubscribe: ({ deviceId }, filter) => filter === `novaevo/v1/devices/${deviceId}/cmd`,
};

/** Records what a broker was asked to disconnect, over a fixed set of live connections. */
function fakeBroker(connections: MqttConnection[]) {
  const closed: MqttConnection[] = [];
  return {
    closed,
    async disconnect(predicate: (connection: MqttConnection) => boolean) {
      const chosen = connections.filter(predicate);
      closed.push(...chosen);
      return chosen.length;
    },
  };
}

describe('MqttAccessPolicy', () => {
  it('stays open while no module declared device auth: anyone is admitted anywhere, and describe() says so', async () => {
    const policy = new MqttAccessPolicy();
    expect(policy.describe()).toEqual({ mode: 'open', modules: [] });
    const session = await policy.authenticate(credentials());
    expect(session).toEqual({ kind: 'open' });
    expect(await policy.authorizePublish(session as MqttSession, 'anything/at/all')).toBe(true);
    expect(await policy.authorizeSubscribe(session as MqttSession, '#')).toBe(true);
  });

  it('refuses anonymous clients with 5 and unknown credentials with 4 once a module declared device auth', async () => {
    const policy = new MqttAccessPolicy();
    policy.register('obd', obdHooks);
    expect(policy.describe()).toEqual({ mode: 'device-auth', modules: ['obd'] });
    expect(await policy.authenticate(credentials())).toEqual({ refused: 5 });
    expect(await policy.authenticate(credentials('dongle-42', 'wrong'))).toEqual({ refused: 4 });
    expect(await policy.authenticate(credentials('dongle-42', 'secret-42'))).toEqual({ kind: 'device', owner: 'obd', identity: { deviceId: '42' } });
  });

  it('confines a device to what its own module allows', async () => {
    const policy = new MqttAccessPolicy();
    policy.register('obd', obdHooks);
    const device = (await policy.authenticate(credentials('dongle-42', 'secret-42'))) as MqttSession;
    expect(await policy.authorizePublish(device, 'novaevo/v1/devices/42/obd')).toBe(true);
    expect(await policy.authorizePublish(device, 'novaevo/v1/devices/43/obd')).toBe(false);
    expect(await policy.authorizeSubscribe(device, 'novaevo/v1/devices/42/cmd')).toBe(true);
    expect(await policy.authorizeSubscribe(device, 'novaevo/v1/devices/+/cmd')).toBe(false);
  });

  it('admits the platform with its internal credential everywhere, in both modes, and never asks a module about it', async () => {
    const policy = new MqttAccessPolicy();
    const { username, password } = policy.internalCredentials();
    expect(username).toBe(INTERNAL_MQTT_USERNAME);
    expect(await policy.authenticate(credentials(username, password))).toEqual({ kind: 'internal' });

    let asked = 0;
    policy.register('obd', {
      ...obdHooks,
      authenticate: async () => {
        asked++;
        return { accepted: true, identity: { deviceId: 'x' } };
      },
    });
    const internal = (await policy.authenticate(credentials(username, password))) as MqttSession;
    expect(internal).toEqual({ kind: 'internal' });
    expect(await policy.authorizePublish(internal, 'novaevo/v1/devices/42/cmd')).toBe(true);
    expect(await policy.authorizeSubscribe(internal, 'novaevo/v1/devices/+/obd')).toBe(true);
    expect(await policy.authenticate(credentials(username, `${password.slice(1)}x`))).toEqual({ refused: 4 });
    expect(asked).toBe(0);
  });

  it('makes a new internal secret per policy', () => {
    expect(new MqttAccessPolicy().internalCredentials().password).not.toBe(new MqttAccessPolicy().internalCredentials().password);
  });

  it('refuses a duplicate owner with 409 and a name that is not a module name with 400', () => {
    const policy = new MqttAccessPolicy();
    policy.register('obd', obdHooks);
    expect(() => policy.register('obd', obdHooks)).toThrow(expect.objectContaining({ status: 409, code: 'MQTT_AUTH_OWNER_DUPLICATE' }));
    expect(() => policy.register('OBD devices', obdHooks)).toThrow(expect.objectContaining({ status: 400, code: 'MQTT_AUTH_OWNER_INVALID' }));
    expect(policy.describe().modules).toEqual(['obd']);
  });

  it('asks the modules in turn, so one failing hook neither admits a client nor shuts out another module', async () => {
    const policy = new MqttAccessPolicy();
    policy.register('broken', {
      authenticate: () => Promise.reject(new Error('database down')),
      authorizePublish: () => Promise.reject(new Error('database down')),
      authorizeSubscribe: () => true,
    });
    policy.register('obd', obdHooks);
    expect(await policy.authenticate(credentials('dongle-7', 'secret-7'))).toMatchObject({ kind: 'device', owner: 'obd' });
    expect(await policy.authenticate(credentials('nobody', 'x'))).toEqual({ refused: 4 });
    const broken: MqttSession = { kind: 'device', owner: 'broken', identity: {} };
    expect(await policy.authorizePublish(broken, 'a/b')).toBe(false);
  });

  it('refuses $SYS publications to everyone, the platform included', async () => {
    const policy = new MqttAccessPolicy();
    expect(await policy.authorizePublish({ kind: 'open' }, '$SYS/broker/uptime')).toBe(false);
    expect(await policy.authorizePublish({ kind: 'internal' }, '$SYS/broker/uptime')).toBe(false);
  });

  it('disconnects the clients admitted while open when the first module registers, and refuses them meanwhile', async () => {
    const policy = new MqttAccessPolicy();
    const anonymous: MqttConnection = { clientId: 'a', username: undefined, session: { kind: 'open' } };
    const platform: MqttConnection = { clientId: 'p', username: INTERNAL_MQTT_USERNAME, session: { kind: 'internal' } };
    const broker = fakeBroker([anonymous, platform]);
    policy.attach(broker);
    policy.register('obd', obdHooks);
    await expect.poll(() => broker.closed).toEqual([anonymous]);
    expect(await policy.authorizePublish(anonymous.session, 'anything')).toBe(false);
  });

  it('lets a module drop the live connections of its own revoked devices, and only those', async () => {
    const policy = new MqttAccessPolicy();
    const device = (owner: string, deviceId: string): MqttConnection => ({
      clientId: deviceId,
      username: deviceId,
      session: { kind: 'device', owner, identity: { deviceId } },
    });
    const broker = fakeBroker([device('obd', '42'), device('obd', '43'), device('other', '42')]);
    const obd = policy.register('obd', obdHooks);
    expect(await obd.disconnect(() => true)).toBe(0);

    policy.attach(broker);
    expect(await obd.disconnect(({ deviceId }) => deviceId === '42')).toBe(1);
    expect(broker.closed).toEqual([device('obd', '42')]);
    expect(() => policy.attach(broker)).toThrow(/already serves a broker/);
  });
});
