import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';
import { identityModule } from '../modules/identity/index.ts';

describe('loadConfig', () => {
  it('gives the embedded defaults when nothing is set', () => {
    const c = loadConfig({});
    expect(c.http.port).toBe(3000);
    expect(c.mqtt.port).toBeUndefined();
    expect(c.dataDir).toMatch(/\.novaevo$/);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.limits).toEqual({ jsonBodyBytes: 1024 * 1024, uploadBodyBytes: 10 * 1024 * 1024 });
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ MQTT_PORT: '', PORT: ' ' }).mqtt.port).toBeUndefined();
  });

  it('reads NOVAEVO_NOW as an instant and refuses anything else', () => {
    expect(loadConfig({ NOVAEVO_NOW: '2030-01-02T03:04:05Z' }).now?.toISOString()).toBe('2030-01-02T03:04:05.000Z');
    expect(() => loadConfig({ NOVAEVO_NOW: 'tomorrow' })).toThrow(/NOVAEVO_NOW must be an ISO 8601 instant/);
  });

  it('names every bad variable at once', () => {
    try {
      loadConfig({ PORT: '70000', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as Error).message).toMatch(/PORT/);
      expect((err as Error).message).toMatch(/LOG_LEVEL/);
    }
  });

  it('requires pairs to come together', () => {
    expect(() => loadConfig({ NOVAEVO_ADMIN_EMAIL: 'a@b.fr' })).toThrow(/go together/);
    expect(() => loadConfig({ COGNITO_USER_POOL_ID: 'eu-west-3_abc' }, { modules: [identityModule] })).toThrow(/go together/);
  });

  it('applies the email rule and the password policy to the admin account', () => {
    expect(() => loadConfig({ NOVAEVO_ADMIN_EMAIL: 'not an email', NOVAEVO_ADMIN_PASSWORD: 'a-long-enough-password' })).toThrow(/NOVAEVO_ADMIN_EMAIL/);
    expect(() => loadConfig({ NOVAEVO_ADMIN_EMAIL: 'root@example.fr', NOVAEVO_ADMIN_PASSWORD: 'x' })).toThrow(/NOVAEVO_ADMIN_PASSWORD: at least 10/);
    expect(loadConfig({ NOVAEVO_ADMIN_EMAIL: 'Root@Example.fr', NOVAEVO_ADMIN_PASSWORD: 'a-long-enough-password' }).admin?.email).toBe('root@example.fr');
  });

  it("validates each module's section with the platform's, naming the variable", () => {
    const c = loadConfig({ ACCESS_TOKEN_TTL_SECONDS: '60' }, { modules: [identityModule] });
    expect(c.modules.identity).toMatchObject({ tokens: { accessTtlSeconds: 60 } });
    expect(() => loadConfig({ ACCESS_TOKEN_TTL_SECONDS: 'soon', PORT: 'x' }, { modules: [identityModule] })).toThrow(/ACCESS_TOKEN_TTL_SECONDS[\s\S]*|PORT/);
    try {
      loadConfig({ ACCESS_TOKEN_TTL_SECONDS: 'soon', PORT: 'x' }, { modules: [identityModule] });
    } catch (err) {
      expect((err as Error).message).toMatch(/PORT/);
      expect((err as Error).message).toMatch(/ACCESS_TOKEN_TTL_SECONDS/);
    }
  });
});
