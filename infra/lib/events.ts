import { Duration, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge } from './nag-suppressions.ts';

/** A dead-letter queue: encrypted, TLS only, kept 14 days (the longest SQS allows) for replay. */
export function deadLetterQueue(scope: Construct, id: string): sqs.Queue {
  const queue = new sqs.Queue(scope, id, { retentionPeriod: Duration.days(14), encryption: sqs.QueueEncryption.SQS_MANAGED, enforceSSL: true });
  acknowledge(queue, 'AwsSolutions-SQS3', 'This queue is itself a dead-letter queue (of a rule, a function or a timer); its depth alarm fires on the first message.');
  return queue;
}

/** The EventBridge pattern of a subscription: an exact event type, or a prefix ending in `*`. */
export function eventPattern(pattern: string): events.EventPattern {
  return { detailType: pattern.endsWith('*') ? events.Match.prefix(pattern.slice(0, -1)) : [pattern] };
}

/**
 * The event bus, and the durable timers that publish onto it: an EventBridge Scheduler group
 * and the role its schedules run as (allowed to put events on this bus only, and to park
 * undeliverable timers in a dead-letter queue).
 */
export class EventRouting extends Construct {
  readonly bus: events.EventBus;
  readonly scheduleGroup: scheduler.ScheduleGroup;
  readonly schedulerRole: iam.Role;
  readonly schedulerDeadLetters: sqs.Queue;
  readonly ruleDeadLetters: sqs.Queue[] = [];

  constructor(scope: Construct, id: string, props: { prefix: string }) {
    super(scope, id);
    this.bus = new events.EventBus(this, 'Bus', { eventBusName: props.prefix });
    this.scheduleGroup = new scheduler.ScheduleGroup(this, 'Timers', { scheduleGroupName: `${props.prefix}-timers` });
    this.schedulerDeadLetters = deadLetterQueue(this, 'TimerDeadLetters');
    this.schedulerRole = new iam.Role(this, 'SchedulerRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } } }),
      description: 'EventBridge Scheduler: publishes due timers onto the NovaEvo bus',
    });
    this.bus.grantPutEventsTo(this.schedulerRole);
    this.schedulerDeadLetters.grantSendMessages(this.schedulerRole);
  }

  /** One rule per subscription: its pattern, onto the module's function, with retries and a dead-letter queue. */
  subscribe(id: string, subscription: { name: string; pattern: string }, fn: lambda.IFunction): events.Rule {
    const deadLetters = deadLetterQueue(this, `${id}DeadLetters`);
    this.ruleDeadLetters.push(deadLetters);
    return new events.Rule(this, id, {
      eventBus: this.bus,
      description: `subscription ${subscription.name}`,
      eventPattern: eventPattern(subscription.pattern),
      targets: [new targets.LambdaFunction(fn, { deadLetterQueue: deadLetters, retryAttempts: 8, maxEventAge: Duration.hours(6) })],
    });
  }

  /** What a module that sets timers may do: manage schedules in this group, handing them the scheduler role. */
  grantTimers(grantee: iam.IGrantable): void {
    const { account, region, partition } = Stack.of(this);
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['scheduler:CreateSchedule', 'scheduler:UpdateSchedule', 'scheduler:DeleteSchedule', 'scheduler:GetSchedule'],
        resources: [`arn:${partition}:scheduler:${region}:${account}:schedule/${this.scheduleGroup.scheduleGroupName}/*`],
      }),
    );
    this.schedulerRole.grantPassRole(grantee.grantPrincipal);
  }
}
