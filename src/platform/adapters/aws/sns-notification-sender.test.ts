import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Notification } from '../../ports/notifications.ts';
import { SnsNotificationSender, toE164, toSnsSubject } from './sns-notification-sender.ts';

const sns = mockClient(SNSClient);
const client = new SNSClient({ region: 'eu-west-3', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
const topics = { owner: 'arn:aws:sns:eu-west-3:111122223333:novaevo-owners', pro: 'arn:aws:sns:eu-west-3:111122223333:novaevo-pros' };
afterEach(() => sns.reset());

const notification = (over: Partial<Notification>): Notification => ({
  id: '0196a1b2-0000-7000-8000-0000000000aa',
  recipient: { userId: 'u-1', email: 'jean.dupont@example.com' },
  channel: 'email',
  subject: 'Rendez-vous confirmé',
  body: 'Votre rendez-vous du 2 juin est confirmé.',
  template: 'planning.confirmed',
  data: null,
  status: 'pending',
  attempts: 0,
  lastError: null,
  createdAt: new Date('2026-06-01T09:00:00Z'),
  sentAt: null,
  ...over,
});

describe('SnsNotificationSender', () => {
  it("publishes an email to the owners' topic with the attributes its subscriptions filter on", async () => {
    sns.on(PublishCommand).resolves({ MessageId: '567910cd-659e-55d4-8ccb-5aaf14679dc0' });
    await new SnsNotificationSender({ client, topics }).deliver(notification({}));
    expect(sns.commandCalls(PublishCommand)[0]!.args[0].input).toEqual({
      TopicArn: topics.owner,
      Subject: 'Rendez-vous confirmé',
      Message: 'Votre rendez-vous du 2 juin est confirmé.',
      MessageAttributes: {
        channel: { DataType: 'String', StringValue: 'email' },
        notificationId: { DataType: 'String', StringValue: '0196a1b2-0000-7000-8000-0000000000aa' },
        userId: { DataType: 'String', StringValue: 'u-1' },
        email: { DataType: 'String', StringValue: 'jean.dupont@example.com' },
        template: { DataType: 'String', StringValue: 'planning.confirmed' },
      },
    });
  });

  it("sends a pro's push to the pros' topic, leaving out attributes it has no value for", async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm' });
    await new SnsNotificationSender({ client, topics }).deliver(notification({ channel: 'push', recipient: { userId: 'u-9' }, subject: null, template: null, data: { audience: 'pro' } }));
    expect(sns.commandCalls(PublishCommand)[0]!.args[0].input).toEqual({
      TopicArn: topics.pro,
      Message: 'Votre rendez-vous du 2 juin est confirmé.',
      MessageAttributes: { channel: { DataType: 'String', StringValue: 'push' }, notificationId: { DataType: 'String', StringValue: '0196a1b2-0000-7000-8000-0000000000aa' }, userId: { DataType: 'String', StringValue: 'u-9' } },
    });
  });

  it('sends an SMS straight to the number, as a transactional message', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm' });
    await new SnsNotificationSender({ client, topics, smsSenderId: 'NovaEvo' }).deliver(notification({ channel: 'sms', recipient: { phone: '06 12 34 56 78' }, subject: null }));
    expect(sns.commandCalls(PublishCommand)[0]!.args[0].input).toEqual({
      PhoneNumber: '+33612345678',
      Message: 'Votre rendez-vous du 2 juin est confirmé.',
      MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' }, 'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: 'NovaEvo' } },
    });
  });

  it('lets a throttled publish fail the attempt, so the outbox retries it', async () => {
    sns.on(PublishCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottledException' }));
    await expect(new SnsNotificationSender({ client, topics }).deliver(notification({}))).rejects.toMatchObject({ name: 'ThrottledException' });
  });

  it('refuses a phone number SNS would not take', () => {
    expect(() => toE164('12')).toThrow(expect.objectContaining({ code: 'NOTIFICATION_INVALID' }));
    expect(toE164('+44 20 7946 0958')).toBe('+442079460958');
  });

  it('makes any subject one line of fewer than 100 characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (subject) => {
        const out = toSnsSubject(subject);
        expect([...out].length).toBeLessThan(100);
        expect(out).not.toMatch(/[\u0000-\u001f\u007f]/);
        expect(out).toBe(out.trim());
      }),
    );
  });
});
