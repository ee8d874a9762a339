import { z } from 'zod';

const name = (what: string) => z.string({ error: `${what} is required` }).trim().min(1, `${what} is required`);
const arn = (what: string, service: string) =>
  name(what).regex(new RegExp(`^arn:aws[a-z-]*:${service}:`), `${what} must be an ARN of ${service} (arn:aws:${service}:…)`);

/**
 * The environment the CDK stack gives every function: names and ARNs of the shared resources.
 * The stack sets all of them on each function, so one factory fits every handler.
 */
export const awsEnvironmentSchema = z.object({
  AWS_REGION: name('AWS_REGION').regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'AWS_REGION must be a region code such as eu-west-3'),
  TABLE_NAME: name('TABLE_NAME'),
  DOCUMENTS_BUCKET: name('DOCUMENTS_BUCKET'),
  FIRMWARE_BUCKET: name('FIRMWARE_BUCKET'),
  EVENT_BUS_NAME: name('EVENT_BUS_NAME'),
  SCHEDULER_GROUP: name('SCHEDULER_GROUP'),
  /** The role EventBridge Scheduler assumes to call the target. */
  SCHEDULER_ROLE_ARN: arn('SCHEDULER_ROLE_ARN', 'iam'),
  /** The event bus timers publish to (the universal EventBridge PutEvents target). */
  SCHEDULER_TARGET_ARN: arn('SCHEDULER_TARGET_ARN', 'events'),
  OWNER_TOPIC_ARN: arn('OWNER_TOPIC_ARN', 'sns'),
  PRO_TOPIC_ARN: arn('PRO_TOPIC_ARN', 'sns'),
  /** `arn:aws:states:<region>:<account>:stateMachine:<stack>-`: a workflow's name completes it. */
  STATE_MACHINE_ARN_PREFIX: arn('STATE_MACHINE_ARN_PREFIX', 'states'),
  /** The account's IoT data endpoint host (`xxxx-ats.iot.<region>.amazonaws.com`). */
  IOT_ENDPOINT: name('IOT_ENDPOINT'),
  /** Optional SQS queue for timer events Scheduler could not deliver. */
  SCHEDULER_DLQ_ARN: arn('SCHEDULER_DLQ_ARN', 'sqs').optional(),
  /** Optional KMS key for S3 server-side encryption; the bucket's default key when unset. */
  DOCUMENTS_KMS_KEY_ID: z.string().trim().min(1).optional(),
});

export type AwsEnvironment = z.infer<typeof awsEnvironmentSchema>;

/**
 * Validates the function's environment. Throws one Error naming every missing or malformed
 * variable, e.g. `AWS environment is invalid: TABLE_NAME is required; …`.
 */
export function readAwsEnvironment(env: Record<string, string | undefined>): AwsEnvironment {
  const result = awsEnvironmentSchema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const variable = String(issue.path[0] ?? '');
    return issue.message.includes(variable) ? issue.message : `${variable}: ${issue.message}`;
  });
  throw new Error(`AWS environment is invalid: ${problems.join('; ')}`);
}
