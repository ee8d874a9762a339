import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as iot from 'aws-cdk-lib/aws-iot';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { deadLetterQueue } from './events.ts';
import type * as sqs from 'aws-cdk-lib/aws-sqs';

/** The account's IoT data endpoint (IOT_ENDPOINT), looked up at deployment: every function's AWS adapters read it. */
export function iotDataEndpoint(scope: Construct, prefix: string): string {
  const lookup = new cr.AwsCustomResource(scope, 'IotDataEndpoint', {
    onUpdate: {
      service: 'Iot',
      action: 'describeEndpoint',
      parameters: { endpointType: 'iot:Data-ATS' },
      physicalResourceId: cr.PhysicalResourceId.of(`${prefix}-iot-data-endpoint`),
    },
    // DescribeEndpoint has no resource-level permissions.
    policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE }),
    installLatestAwsSdk: false,
  });
  return lookup.getResponseField('endpointAddress');
}

/** IoT rule names allow letters, digits and underscores only. */
const ruleName = (prefix: string, module: string, i: number) => `${prefix}_${module}_${i}`.replace(/[^A-Za-z0-9_]/g, '_');

export interface DeviceMessagingProps {
  prefix: string;
  authorizer: lambda.IFunction;
}

/**
 * IoT Core for OBD dongles: a custom authorizer (device id as MQTT username, its secret as
 * password, checked by the iot-authorizer function), the policy certificate-based devices get
 * (publish only under their own device topic), one topic rule per module MQTT subscription
 * onto that module's function (failed deliveries go to a dead-letter queue).
 */
export class DeviceMessaging extends Construct {
  readonly authorizer: iot.CfnAuthorizer;
  readonly ruleDeadLetters: sqs.Queue[] = [];
  readonly #prefix: string;
  readonly #errorRole: iam.Role;

  constructor(scope: Construct, id: string, props: DeviceMessagingProps) {
    super(scope, id);
    this.#prefix = props.prefix;
    const { partition, region, account } = Stack.of(this);
    this.authorizer = new iot.CfnAuthorizer(this, 'DeviceAuthorizer', {
      authorizerName: `${props.prefix}-devices`,
      authorizerFunctionArn: props.authorizer.functionArn,
      // Devices send id and secret in the MQTT CONNECT (username/password): no token signature.
      signingDisabled: true,
      status: 'ACTIVE',
      enableCachingForHttp: false,
    });
    props.authorizer.addPermission('InvokedByIot', {
      principal: new iam.ServicePrincipal('iot.amazonaws.com'),
      sourceArn: this.authorizer.attrArn,
    });
    new iot.CfnPolicy(this, 'CertificateDevicePolicy', {
      policyName: `${props.prefix}-certificate-devices`,
      policyDocument: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: 'iot:Connect', Resource: `arn:${partition}:iot:${region}:${account}:client/\${iot:Connection.Thing.ThingName}` },
          { Effect: 'Allow', Action: 'iot:Publish', Resource: `arn:${partition}:iot:${region}:${account}:topic/novaevo/v1/devices/\${iot:Connection.Thing.ThingName}/*` },
        ],
      },
    });
    this.#errorRole = new iam.Role(this, 'RuleErrorRole', { assumedBy: new iam.ServicePrincipal('iot.amazonaws.com'), description: 'IoT topic rules: park undeliverable device messages' });
  }

  /** A topic rule per filter onto `fn`: the payload base64-encoded (devices send binary frames) with its topic. */
  route(module: string, filters: readonly string[], fn: lambda.IFunction): iot.CfnTopicRule[] {
    return filters.map((filter, i) => {
      const deadLetters = deadLetterQueue(this, `${module}${i}DeadLetters`);
      this.ruleDeadLetters.push(deadLetters);
      deadLetters.grantSendMessages(this.#errorRole);
      const rule = new iot.CfnTopicRule(this, `${module}${i}Rule`, {
        ruleName: ruleName(this.#prefix, module, i),
        topicRulePayload: {
          sql: `SELECT encode(*, 'base64') AS payloadBase64, topic() AS topic FROM '${filter}'`,
          awsIotSqlVersion: '2016-03-23',
          ruleDisabled: false,
          actions: [{ lambda: { functionArn: fn.functionArn } }],
          errorAction: { sqs: { queueUrl: deadLetters.queueUrl, roleArn: this.#errorRole.roleArn, useBase64: false } },
        },
      });
      fn.addPermission(`InvokedByIotRule${i}`, { principal: new iam.ServicePrincipal('iot.amazonaws.com'), sourceArn: rule.attrArn });
      return rule;
    });
  }
}
