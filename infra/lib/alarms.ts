import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/**
 * Alarms on every asynchronous path, onto one encrypted topic (an e-mail subscription when
 * configured): a dead-letter queue holding anything, a function's errors or throttles, a
 * state machine's failed executions. Each fires on the first occurrence in 5 minutes.
 */
export class Alarms extends Construct {
  readonly topic: sns.Topic;
  readonly #action: actions.SnsAction;

  constructor(scope: Construct, id: string, props: { key: kms.IKey; email?: string }) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', { masterKey: props.key, enforceSSL: true, displayName: 'NovaEvo alarms' });
    if (props.email) this.topic.addSubscription(new subscriptions.EmailSubscription(props.email));
    this.#action = new actions.SnsAction(this.topic);
  }

  #alarm(id: string, metric: cloudwatch.IMetric, description: string): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(this, id, {
      metric,
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
    alarm.addAlarmAction(this.#action);
    return alarm;
  }

  deadLetters(id: string, queue: sqs.IQueue, what: string): void {
    this.#alarm(`${id}Depth`, queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }), `Messages wait in the dead-letter queue of ${what}`);
  }

  function(id: string, fn: lambda.IFunction, name: string): void {
    this.#alarm(`${id}Errors`, fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }), `Function ${name} failed`);
    this.#alarm(`${id}Throttles`, fn.metricThrottles({ period: Duration.minutes(5), statistic: 'Sum' }), `Function ${name} was throttled`);
  }

  stateMachine(id: string, machine: sfn.IStateMachine, name: string): void {
    this.#alarm(`${id}Failed`, machine.metricFailed({ period: Duration.minutes(5), statistic: 'Sum' }), `Workflow ${name} had a failed execution`);
  }
}
