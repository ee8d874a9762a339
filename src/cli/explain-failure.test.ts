import { describe, expect, it } from 'vitest';
import { ConfigError } from '../platform/config.ts';
import { explainFailure } from './explain-failure.ts';

function systemError(code: string, props: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(`${props.syscall ?? 'connect'} ${code}`), { code, ...props });
}

const ENV = { DATABASE_URL: 'postgres://novaevo:s3cret@db.example:6543/novaevo' };

describe('the one line a failed command prints', () => {
  it('puts every bad variable of a configuration on that line', () => {
    const line = explainFailure(new ConfigError('invalid configuration:\n  PORT: expected a number\n  HOST: required'), {});
    expect(line).toBe('invalid configuration: PORT: expected a number HOST: required (see Configuration in the README)');
  });

  it('finds the reason of a connection refused on every address of a host (AggregateError), without the password', () => {
    const refused = Object.assign(new AggregateError([systemError('ECONNREFUSED'), systemError('ECONNREFUSED')], ''), { code: 'ECONNREFUSED' });
    const line = explainFailure(new Error('migrations failed', { cause: refused }), ENV);
    expect(line).toBe(
      'cannot reach PostgreSQL at db.example:6543/novaevo (ECONNREFUSED); start it, or fix DATABASE_URL (unset it to use the embedded database)',
    );
    expect(line).not.toContain('s3cret');
  });

  it('says that PostgreSQL refused the login, and what to fix', () => {
    const denied = Object.assign(new Error('password authentication failed for user "novaevo"'), { code: '28P01', severity: 'FATAL' });
    expect(explainFailure(denied, ENV)).toBe(
      'PostgreSQL at db.example:6543/novaevo refused the connection: password authentication failed for user "novaevo"; fix the user, password or database name in DATABASE_URL',
    );
  });

  it('says that a port below 1024 needs privileges', () => {
    const line = explainFailure(systemError('EACCES', { syscall: 'listen', address: '127.0.0.1', port: 80 }), { PORT: '80' });
    expect(line).toBe('not allowed to listen on port 80: ports below 1024 need privileges; set PORT / MQTT_PORT above 1023');
  });

  it('keeps the message of a domain error, which already says what went wrong', () => {
    const taken = Object.assign(new Error('an account with this email already exists'), { code: 'EMAIL_TAKEN' });
    expect(explainFailure(taken, {})).toBe('an account with this email already exists');
  });

  it('gives anything else as the first line of its message and where to find the details', () => {
    expect(explainFailure(new TypeError("Cannot read properties of undefined (reading 'x')\n    at f (file.ts:1:1)"), {})).toBe(
      "Cannot read properties of undefined (reading 'x') (LOG_LEVEL=debug prints the details)",
    );
  });
});
