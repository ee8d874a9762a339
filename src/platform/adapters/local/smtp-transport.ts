import nodemailer from 'nodemailer';
import type { NotificationTransport } from './outbox-notifier.ts';

/** Where and as whom to send email. */
export interface SmtpTransportOptions {
  /** `smtp://user:pass@host:587` or `smtps://…` (the `SMTP_URL` setting). */
  url: string;
  /** Sender, e.g. `NovaEvo <no-reply@novaevo.fr>`. */
  from: string;
}

/** Email over SMTP (nodemailer), for the `email` channel of the outbox notifier. Call `close()` at shutdown. */
export function smtpTransport(options: SmtpTransportOptions): NotificationTransport & { close(): void } {
  const mailer = nodemailer.createTransport(options.url);
  return {
    name: 'smtp',
    async deliver(n) {
      if (!n.recipient.email) throw new Error('no email address for this notification');
      await mailer.sendMail({
        from: options.from,
        to: n.recipient.email,
        subject: n.subject ?? '',
        text: n.body,
        headers: { 'X-NovaEvo-Notification-Id': n.id },
      });
    },
    close: () => mailer.close(),
  };
}
