import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMigratedPglite, type TestDatabase } from '../../../../test/support/databases.ts';
import { ManualClock } from '../../clock.ts';
import { silentLogger } from '../../logger.ts';
import { maskEmail, maskPhone, notificationMigrations, OutboxNotifier } from './outbox-notifier.ts';
import { smtpTransport } from './smtp-transport.ts';

describe('SMTP transport', () => {
  let server: SMTPServer;
  let port: number;
  let t: TestDatabase;
  const received: { to: string[]; raw: string }[] = [];

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as AddressInfo).port;
    t = await openMigratedPglite(notificationMigrations);
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await t.dispose();
  });

  it('delivers an email notification to a real SMTP server', async () => {
    const smtp = smtpTransport({ url: `smtp://127.0.0.1:${port}`, from: 'NovaEvo <no-reply@novaevo.test>' });
    const notifier = new OutboxNotifier({ db: t.db, clock: new ManualClock(), logger: silentLogger(), transports: { email: smtp } });
    const { id } = await notifier.send({
      recipient: { userId: 'u1', email: 'garage@example.com' },
      channel: 'email',
      subject: 'Kbis verified',
      body: 'Your company is now verified on NovaEvo.',
    });
    await notifier.runOnce();
    smtp.close();
    expect(await notifier.get(id)).toMatchObject({ status: 'sent' });
    expect(received).toHaveLength(1);
    expect(received[0]!.to).toEqual(['garage@example.com']);
    expect(received[0]!.raw).toMatch(/^Subject: Kbis verified$/m);
    expect(received[0]!.raw).toMatch(/^To: garage@example.com$/m);
    expect(received[0]!.raw).toContain('Your company is now verified on NovaEvo.');
  });

  it('keeps a notification pending with the error when the server refuses the connection', async () => {
    const closed = smtpTransport({ url: 'smtp://127.0.0.1:1', from: 'no-reply@novaevo.test' });
    const notifier = new OutboxNotifier({ db: t.db, clock: new ManualClock(), logger: silentLogger(), transports: { email: closed } });
    const { id } = await notifier.send({ recipient: { email: 'x@example.com' }, channel: 'email', body: 'hello' });
    await notifier.runOnce();
    closed.close();
    expect(await notifier.get(id)).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringMatching(/ECONNREFUSED|connect/i) });
  });
});

describe('address masking for logs', () => {
  it('never shows more of an email than its first letter and domain', () => {
    fc.assert(
      fc.property(fc.emailAddress(), (address) => {
        const at = address.lastIndexOf('@');
        expect(maskEmail(address)).toBe(`${address[0]}***${address.slice(at)}`);
      }),
    );
  });

  it('keeps only the country prefix and last two digits of a phone number', () => {
    expect(maskPhone('+33612345678')).toBe('+33*******78');
    fc.assert(
      fc.property(fc.string({ minLength: 6, maxLength: 20 }), (phone) => {
        expect(maskPhone(phone)).toHaveLength(phone.length);
        expect(maskPhone(phone).slice(3, -2)).toMatch(/^\*+$/);
      }),
    );
  });
});
