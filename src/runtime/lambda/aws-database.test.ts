import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { databaseUrlOfSecret } from './aws-database.ts';

describe('the database URL of a Secrets Manager secret', () => {
  it('keeps any username and password intact, and goes to the proxy host when given (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), fc.option(fc.stringMatching(/^[a-z][a-z0-9-]{0,20}\.proxy-abc\.eu-west-3\.rds\.amazonaws\.com$/), { nil: undefined }), (username, password, proxy) => {
        const secret = JSON.stringify({ username, password, host: 'novaevo.cluster-abc.eu-west-3.rds.amazonaws.com', port: 5432, dbname: 'novaevo', engine: 'postgres' });
        const url = new URL(databaseUrlOfSecret(secret, proxy));
        expect(decodeURIComponent(url.username)).toBe(username);
        expect(decodeURIComponent(url.password)).toBe(password);
        expect(url.hostname).toBe(proxy ?? 'novaevo.cluster-abc.eu-west-3.rds.amazonaws.com');
        expect(url.searchParams.get('sslmode')).toBe('require');
      }),
    );
  });

  it('refuses a secret without credentials or host', () => {
    expect(() => databaseUrlOfSecret(JSON.stringify({ username: 'a' }))).toThrow(/username, password and host/);
  });
});
