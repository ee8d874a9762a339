import { type MessageAttributeValue, PublishCommand, type PublishCommandInput, type SNSClient } from '@aws-sdk/client-sns';
import { AppError } from '../../errors.ts';
import type { Notification } from '../../ports/notifications.ts';
import type { NotificationTransport } from '../local/outbox-notifier.ts';

/** Which of the platform's topics a notification goes to. */
export type NotificationAudience = 'owner' | 'pro';

export interface SnsNotificationSenderOptions {
  client: SNSClient;
  /** env OWNER_TOPIC_ARN and PRO_TOPIC_ARN. */
  topics: Record<NotificationAudience, string>;
  /** Picks the topic; default: `data.audience` when it says `pro`, else the owners' topic. */
  audienceOf?: (notification: Notification) => NotificationAudience;
  /** SMS sender id shown on phones that support it (1-11 letters or digits). */
  smsSenderId?: string;
}

// SNS limits (Publish API reference): 256 KiB message, subject under 100 characters.
const MAX_MESSAGE_BYTES = 256 * 1024;
const MAX_SUBJECT_CHARS = 99;

/**
 * The delivery side of the notifications port on SNS: a transport of the SQL outbox notifier,
 * so sending stays transactional and retried. Email and push go to the audience's topic with
 * message attributes (channel, ids, template, address) that its subscriptions filter on; SMS goes
 * straight to the phone number as a transactional SMS.
 */
export class SnsNotificationSender implements NotificationTransport {
  readonly name = 'sns';
  readonly #client: SNSClient;
  readonly #options: SnsNotificationSenderOptions;

  constructor(options: SnsNotificationSenderOptions) {
    this.#client = options.client;
    this.#options = options;
  }

  async deliver(n: Notification): Promise<void> {
    if (Buffer.byteLength(n.body) > MAX_MESSAGE_BYTES) {
      throw new AppError(413, 'NOTIFICATION_TOO_LARGE', `Notification ${n.id} is over SNS's ${MAX_MESSAGE_BYTES} bytes.`);
    }
    await this.#client.send(new PublishCommand(n.channel === 'sms' ? this.#sms(n) : this.#topicMessage(n)));
  }

  #sms(n: Notification): PublishCommandInput {
    const phone = toE164(n.recipient.phone ?? '');
    const attributes: Record<string, MessageAttributeValue> = { 'AWS.SNS.SMS.SMSType': text('Transactional') };
    if (this.#options.smsSenderId) attributes['AWS.SNS.SMS.SenderID'] = text(this.#options.smsSenderId);
    return { PhoneNumber: phone, Message: n.body, MessageAttributes: attributes };
  }

  #topicMessage(n: Notification): PublishCommandInput {
    const audience = this.#options.audienceOf?.(n) ?? defaultAudience(n);
    const attributes: Record<string, MessageAttributeValue> = { channel: text(n.channel), notificationId: text(n.id) };
    // SNS refuses empty attribute values: only the fields this notification has.
    if (n.recipient.userId) attributes.userId = text(n.recipient.userId);
    if (n.recipient.email) attributes.email = text(n.recipient.email);
    if (n.template) attributes.template = text(n.template);
    const input: PublishCommandInput = { TopicArn: this.#options.topics[audience], Message: n.body, MessageAttributes: attributes };
    const subject = n.subject && toSnsSubject(n.subject);
    if (subject) input.Subject = subject;
    return input;
  }
}

function defaultAudience(n: Notification): NotificationAudience {
  const data = n.data;
  return typeof data === 'object' && data !== null && !Array.isArray(data) && data.audience === 'pro' ? 'pro' : 'owner';
}

const text = (value: string): MessageAttributeValue => ({ DataType: 'String', StringValue: value });

/** SNS subjects: no line breaks or control characters, fewer than 100 characters. */
export function toSnsSubject(subject: string): string {
  const flat = subject.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
  return [...flat].slice(0, MAX_SUBJECT_CHARS).join('').trim();
}

/**
 * `+33 6 12 34 56 78` → `+33612345678`; a French national number (`06…`) gets +33. Throws
 * AppError 400 `NOTIFICATION_INVALID` for anything SNS would not take as E.164.
 */
export function toE164(phone: string): string {
  const digits = phone.replace(/[\s.-]/g, '');
  const e164 = /^0[1-9]\d{8}$/.test(digits) ? `+33${digits.slice(1)}` : digits;
  if (!/^\+[1-9]\d{6,14}$/.test(e164)) throw new AppError(400, 'NOTIFICATION_INVALID', 'The phone number is not in international form (+33…).');
  return e164;
}
