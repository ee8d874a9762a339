import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { deadLetterQueue } from './events.ts';
import { acknowledge } from './nag-suppressions.ts';

/** Where the repository is: bundling resolves entries and `package-lock.json` from here. */
export const PROJECT_ROOT = new URL('../../', import.meta.url).pathname;

/** What every function of the stack shares. */
export interface FunctionDefaults {
  vpc: ec2.IVpc;
  securityGroup: ec2.ISecurityGroup;
  logRetention: logs.RetentionDays;
  environment: Record<string, string>;
}

export interface PlatformFunctionProps {
  functionName: string;
  description: string;
  entry: string;
  bundling: BundlingOptions;
  memorySize: number;
  timeoutSeconds: number;
  /** Powertools service name (logs, traces and metrics are grouped by it). */
  service: string;
  environment?: Record<string, string>;
  /** Invoked asynchronously (EventBridge, IoT): failed events land in a dead-letter queue after retries. */
  asynchronous?: boolean;
}

/**
 * The AWS-managed policies CDK gives a Lambda role: log writes, and for a VPC function the
 * network interface management EC2 allows on `*` only.
 */
export function acknowledgeLambdaManagedPolicies(fn: lambda.IFunction): void {
  const managed = (name: string) => `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/${name}]`;
  if (!fn.role) return;
  acknowledge(fn.role, managed('AWSLambdaBasicExecutionRole'), "AWS's policy for Lambda log writes (CreateLogStream, PutLogEvents), the documented minimum for a function.");
  acknowledge(fn.role, managed('AWSLambdaVPCAccessExecutionRole'), "AWS's policy for a VPC function's network interfaces; EC2 grants those actions on * only.");
}

/**
 * A Lambda function the NovaEvo way: Node.js 22 on arm64, bundled locally by esbuild (never
 * Docker), X-Ray active tracing, Powertools settings, its own log group, inside the VPC.
 */
export class PlatformFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly deadLetterQueue?: sqs.Queue;

  constructor(scope: Construct, id: string, defaults: FunctionDefaults, props: PlatformFunctionProps) {
    super(scope, id);
    const logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: `/aws/lambda/${props.functionName}`,
      retention: defaults.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    if (props.asynchronous) {
      this.deadLetterQueue = deadLetterQueue(this, 'DeadLetters');
    }
    this.fn = new NodejsFunction(this, 'Function', {
      functionName: props.functionName,
      description: props.description,
      entry: props.entry,
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: `${PROJECT_ROOT}package-lock.json`,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: Duration.seconds(props.timeoutSeconds),
      tracing: lambda.Tracing.ACTIVE,
      logGroup,
      bundling: props.bundling,
      vpc: defaults.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      securityGroups: [defaults.securityGroup],
      environment: {
        ...defaults.environment,
        ...props.environment,
        POWERTOOLS_SERVICE_NAME: props.service,
        POWERTOOLS_METRICS_NAMESPACE: 'NovaEvo',
      },
      ...(this.deadLetterQueue ? { deadLetterQueue: this.deadLetterQueue, retryAttempts: 2 } : {}),
    });
    acknowledge(this.fn, 'AwsSolutions-L1', 'DESIGN.md fixes Node.js 22 LTS for both runtimes (the local process and Lambda nodejs22.x); a newer runtime is one line here when the project moves.');
    acknowledgeLambdaManagedPolicies(this.fn);
  }
}
