import type { SqlDatabase } from '../../platform/ports/sql.ts';

/** What the CDK stack sets on every function, with test values (no call reaches AWS in the tests). Tests only. */
export const AWS_TEST_ENV = {
  AWS_REGION: 'eu-west-3',
  TABLE_NAME: 'novaevo',
  DOCUMENTS_BUCKET: 'novaevo-documents',
  FIRMWARE_BUCKET: 'novaevo-firmware',
  EVENT_BUS_NAME: 'novaevo',
  SCHEDULER_GROUP: 'novaevo',
  SCHEDULER_ROLE_ARN: 'arn:aws:iam::123456789012:role/novaevo-scheduler',
  SCHEDULER_TARGET_ARN: 'arn:aws:events:eu-west-3:123456789012:event-bus/novaevo',
  OWNER_TOPIC_ARN: 'arn:aws:sns:eu-west-3:123456789012:novaevo-owners',
  PRO_TOPIC_ARN: 'arn:aws:sns:eu-west-3:123456789012:novaevo-pros',
  STATE_MACHINE_ARN_PREFIX: 'arn:aws:states:eu-west-3:123456789012:stateMachine:novaevo-',
  IOT_ENDPOINT: 'a1b2c3d4e5f6g7-ats.iot.eu-west-3.amazonaws.com',
  NOVAEVO_PUBLIC_URL: 'https://api.novaevo.test',
  LOG_LEVEL: 'silent',
  // Static credentials: the SDK signs requests without looking for a profile or instance role.
  AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

/** `db` whose close is left to the test (a handler closes what it opens, the test disposes of it after). */
export function unclosable(db: SqlDatabase): SqlDatabase {
  return new Proxy(db, {
    get(t, prop) {
      if (prop === 'close') return async () => undefined;
      const v = Reflect.get(t, prop, t);
      return typeof v === 'function' ? v.bind(t) : v;
    },
  });
}
