import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, MAX_LOGGED_STRING, serializeError } from './logger.ts';

function capture() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger({ level: 'info' }, sink), text: () => lines.join('') };
}

describe('logs', () => {
  it("log a database error by its SQLSTATE and names, never its parameters or detail", () => {
    const err = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), {
      code: '22021',
      severity: 'ERROR',
      routine: 'report_invalid_encoding',
      detail: 'Key (email)=(camille@example.fr) already exists.',
      params: ['camille@example.fr', '$argon2id$v=19$m=19456,t=2,p=1$abc$def'],
      query: 'INSERT INTO users ...',
    });
    const { logger, text } = capture();
    logger.error({ err }, 'unhandled error');
    expect(serializeError(err)).toEqual({ type: 'Error', code: '22021', severity: 'ERROR', routine: 'report_invalid_encoding' });
    expect(text()).not.toMatch(/camille|argon2id|INSERT/);
  });

  it('cut every long value, wherever it is', () => {
    const { logger, text } = capture();
    logger.info({ email: `${'a'.repeat(500_000)}@example.fr`, nested: { deep: 'b'.repeat(5000) } }, 'x');
    expect(text().length).toBeLessThan(4 * MAX_LOGGED_STRING);
    expect(text()).toContain('more]');
  });
});
