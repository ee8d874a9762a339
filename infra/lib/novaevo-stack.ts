import { CfnOutput, CustomResource, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as cr from 'aws-cdk-lib/custom-resources';
import type { Construct } from 'constructs';
import { Alarms } from './alarms.ts';
import { PublicApi } from './api.ts';
import { Database } from './database.ts';
import { deadLetterQueue, EventRouting } from './events.ts';
import { DeviceMessaging, iotDataEndpoint } from './iot.ts';
import { EXTRA_ACCESS } from './module-access.ts';
import { moduleSecrets } from './module-secrets.ts';
import type { DeploymentPlan, ModulePlan } from './module-plan.ts';
import { acknowledge } from './nag-suppressions.ts';
import { Network } from './network.ts';
import { acknowledgeLambdaManagedPolicies, type FunctionDefaults, PlatformFunction } from './platform-function.ts';
import type { StackSettings } from './settings.ts';
import { Storage } from './storage.ts';
import { Web } from './web.ts';
import { Workflows } from './workflows.ts';

/** Where each function's code and sizing come from (src/runtime/lambda: entry-source, bundle, function-settings). */
export interface LambdaSources {
  /** The entry file of a function: a module's name, `authorizer`, `iot-authorizer` or `migrate`. */
  entryOf(name: string): string;
  settingsOf(name: string): { memoryMb: number; timeoutSeconds: number };
  bundling: BundlingOptions;
}

export interface NovaEvoStackProps extends StackProps {
  settings: StackSettings;
  plan: DeploymentPlan;
  lambdas: LambdaSources;
  /** The built web app (`web/dist`); the stack deploys it when it exists. */
  webDist: string;
}

/** A deployed module: its function, and what API Gateway and CloudFront call (its alias when provisioned). */
interface ModuleFunction {
  plan: ModulePlan;
  fn: lambda.Function;
  target: lambda.IFunction;
}

/**
 * NovaEvo on AWS: the modules of `src/runtime/modules.ts` as one Lambda function each, behind
 * an HTTP API with Cognito, over DynamoDB, Aurora Serverless v2, S3, Step Functions,
 * EventBridge, Scheduler, SNS and IoT Core. Everything module-specific comes from the
 * deployment plan (the modules' own declarations), so adding a module needs no change here.
 */
export class NovaEvoStack extends Stack {
  readonly functions = new Map<string, ModuleFunction>();

  constructor(scope: Construct, id: string, props: NovaEvoStackProps) {
    super(scope, id, props);
    const { settings, plan, lambdas } = props;
    const prefix = `novaevo-${settings.stage}`;
    const logRetention = retentionDays(settings.logRetentionDays);

    const key = new kms.Key(this, 'DataKey', { alias: `alias/${prefix}`, enableKeyRotation: true, removalPolicy: RemovalPolicy.RETAIN, description: 'NovaEvo data at rest' });
    key.grantEncryptDecrypt(new iam.ServicePrincipal('cloudwatch.amazonaws.com'));
    const network = new Network(this, 'Network', { natGateways: settings.natGateways, logRetention });
    const database = new Database(this, 'Database', {
      network,
      key,
      minCapacity: settings.dbMinCapacity,
      maxCapacity: settings.dbMaxCapacity,
      backupRetentionDays: settings.backupRetentionDays,
      proxy: settings.dbProxy,
    });
    const storage = new Storage(this, 'Storage', { key, documentRetentionDays: settings.documentRetentionDays });
    const table = new dynamodb.TableV2(this, 'Table', {
      tableName: prefix,
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
      billing: dynamodb.Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: 'ttl',
      dynamoStream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      replicas: settings.replicaRegions.map((region) => ({ region })),
    });
    const routing = new EventRouting(this, 'Events', { prefix });
    const topics = {
      owner: new sns.Topic(this, 'OwnerNotifications', { topicName: `${prefix}-owners`, masterKey: key, enforceSSL: true }),
      pro: new sns.Topic(this, 'ProNotifications', { topicName: `${prefix}-pros`, masterKey: key, enforceSSL: true }),
    };
    const alarms = new Alarms(this, 'Alarms', { key, ...(settings.alarmEmail ? { email: settings.alarmEmail } : {}) });

    const api = new PublicApi(this, 'Api', { prefix, logRetention });
    const defaults: FunctionDefaults = {
      vpc: network.vpc,
      securityGroup: network.functionsSecurityGroup,
      logRetention,
      environment: {
        TABLE_NAME: table.tableName,
        DOCUMENTS_BUCKET: storage.documents.bucketName,
        DOCUMENTS_KMS_KEY_ID: key.keyArn,
        FIRMWARE_BUCKET: storage.firmware.bucketName,
        EVENT_BUS_NAME: routing.bus.eventBusName,
        SCHEDULER_GROUP: routing.scheduleGroup.scheduleGroupName,
        SCHEDULER_ROLE_ARN: routing.schedulerRole.roleArn,
        SCHEDULER_TARGET_ARN: routing.bus.eventBusArn,
        SCHEDULER_DLQ_ARN: routing.schedulerDeadLetters.queueArn,
        OWNER_TOPIC_ARN: topics.owner.topicArn,
        PRO_TOPIC_ARN: topics.pro.topicArn,
        STATE_MACHINE_ARN_PREFIX: `arn:${this.partition}:states:${this.region}:${this.account}:stateMachine:${prefix}-`,
        DATABASE_SECRET_ARN: database.secret.secretArn,
        // Without a proxy the secret's own host (the writer endpoint) is the one to use.
        ...(database.proxy ? { DATABASE_HOST: database.proxy.endpoint } : {}),
        COGNITO_USER_POOL_ID: api.userPool.userPoolId,
        COGNITO_CLIENT_ID: api.userPoolClient.userPoolClientId,
        IOT_ENDPOINT: iotDataEndpoint(this, prefix),
        NODE_OPTIONS: '--enable-source-maps',
        // The only writable folder of a Lambda function.
        NOVAEVO_DATA_DIR: '/tmp/novaevo',
      },
    };
    const makeFunction = (name: string, description: string, asynchronous: boolean, environment: Record<string, string> = {}) => {
      const sizing = lambdas.settingsOf(name);
      const made = new PlatformFunction(this, `${pascal(name)}Function`, defaults, {
        functionName: `${prefix}-${name}`,
        description,
        entry: lambdas.entryOf(name),
        bundling: lambdas.bundling,
        memorySize: sizing.memoryMb,
        timeoutSeconds: sizing.timeoutSeconds,
        service: name,
        asynchronous,
        environment,
      });
      table.grantReadWriteData(made.fn);
      database.secret.grantRead(made.fn);
      alarms.function(pascal(name), made.fn, name);
      if (made.deadLetterQueue) alarms.deadLetters(`${pascal(name)}Async`, made.deadLetterQueue, `${name}'s asynchronous invocations`);
      return made.fn;
    };

    // Migrations first: every function's schema is in place before its code runs.
    const migrate = makeFunction('migrate', 'NovaEvo database migrations (CloudFormation custom resource)', false);
    const provider = new cr.Provider(this, 'MigrationsProvider', {
      onEventHandler: migrate,
      logGroup: new logs.LogGroup(this, 'MigrationsProviderLogs', { retention: logRetention, removalPolicy: RemovalPolicy.DESTROY }),
    });
    acknowledgeLambdaManagedPolicies(provider.node.findChild('framework-onEvent') as lambda.IFunction);
    const migrations = new CustomResource(this, 'Migrations', {
      serviceToken: provider.serviceToken,
      resourceType: 'Custom::NovaEvoMigrations',
      // A new migration id changes the properties, so an update runs it.
      properties: { migrations: plan.modules.flatMap((m) => m.migrations) },
    });

    api.protectWith(makeFunction('authorizer', 'NovaEvo HTTP API authorizer: Cognito token, role and pro verification status', false));

    for (const module of plan.modules) {
      const asynchronous = module.subscriptions.length > 0 || module.mqttFilters.length > 0 || module.chores.length > 0;
      const fn = makeFunction(module.name, `NovaEvo ${module.name} module`, asynchronous, moduleSecrets(this, prefix, module.name, key));
      // The function waits for the schema; its role need not (the key policy names the role).
      fn.node.defaultChild!.node.addDependency(migrations);
      const provisioned = settings.provisionedConcurrency[module.name] ?? 0;
      const target = provisioned > 0 ? fn.addAlias('live', { provisionedConcurrentExecutions: provisioned }) : fn;
      this.functions.set(module.name, { plan: module, fn, target });
    }

    const workflows = new Workflows(this, 'Workflows', { plan, prefix, functionOf: (m) => this.functions.get(m)!.fn, logRetention });
    for (const [name, { machine }] of workflows.machines) alarms.stateMachine(pascal(name), machine, name);

    const web = new Web(this, 'Web', { api: api.api, accessLogs: storage.accessLogs, webDist: props.webDist });
    const deviceModules = plan.modules.filter((m) => m.mqttDeviceAuth || m.mqttFilters.length > 0);
    const devices = deviceModules.length > 0 ? new DeviceMessaging(this, 'Devices', { prefix, authorizer: makeFunction('iot-authorizer', 'NovaEvo IoT custom authorizer: device id and secret', false) }) : undefined;

    for (const { plan: module, fn, target } of this.functions.values()) {
      const id = pascal(module.name);
      const extra = EXTRA_ACCESS[module.name];
      api.route(module.name, module.routes, target);
      for (const p of module.rootPrefixes) web.serveRootRoutes(p, target);
      for (const [i, s] of module.subscriptions.entries()) routing.subscribe(`${id}Subscription${i}`, s, fn);
      if (module.chores.length > 0) {
        const queue = deadLetterQueue(this, `${id}ChoresDeadLetters`);
        routing.ruleDeadLetters.push(queue);
        new events.Rule(this, `${id}Chores`, {
          description: `housekeeping chores of ${module.name}: ${module.chores.join(', ')}`,
          schedule: alignedSchedule(settings.choreIntervalMinutes),
          targets: [new targets.LambdaFunction(fn, { deadLetterQueue: queue, retryAttempts: 2 })],
        });
      }
      if (module.publishesEvents) {
        routing.bus.grantPutEventsTo(fn);
        routing.grantTimers(fn);
      }
      workflows.grantOwn(module.name, fn, module.answersTaskTokens);
      if (module.notificationKinds.length > 0 || extra?.notifications) {
        fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['sns:Publish'], resources: [topics.owner.topicArn, topics.pro.topicArn] }));
        grantKeyUse(fn, key, 'sns');
      }
      if (extra?.documents) grantModuleObjects(fn, storage.documents, key, module.name);
      if (extra?.firmware) grantModuleObjects(fn, storage.firmware, key, module.name);
      if (extra?.signingKey) {
        // Asymmetric: KMS does not rotate it (a new key means re-signing the catalogue), and it outlives the stack like the data.
        const signing = new kms.Key(this, `${id}SigningKey`, {
          alias: `alias/${prefix}-${module.name}-signing`,
          description: `NovaEvo ${module.name}: ${extra.signingKey.what}`,
          keySpec: kms.KeySpec.ECC_NIST_EDWARDS25519,
          keyUsage: kms.KeyUsage.SIGN_VERIFY,
          removalPolicy: RemovalPolicy.RETAIN,
        });
        signing.grant(fn, 'kms:Sign', 'kms:GetPublicKey');
        for (const [name, value] of Object.entries({ ...extra.signingKey.environment, [extra.signingKey.keyIdVariable]: signing.keyArn })) fn.addEnvironment(name, value);
      }
      if (extra?.textract) {
        // Textract's document APIs have no resource-level permissions.
        fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['textract:AnalyzeDocument', 'textract:DetectDocumentText'], resources: ['*'] }));
      }
      if (extra?.publishTopics) {
        fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['iot:Publish'], resources: extra.publishTopics.map((t) => `arn:${this.partition}:iot:${this.region}:${this.account}:topic/${t}`) }));
      }
      if (devices && module.mqttFilters.length > 0) devices.route(module.name, module.mqttFilters, fn);
    }

    for (const [i, q] of routing.ruleDeadLetters.entries()) alarms.deadLetters(`Rule${i}`, q, 'an EventBridge rule');
    alarms.deadLetters('Timers', routing.schedulerDeadLetters, 'EventBridge Scheduler timers');
    for (const [i, q] of (devices?.ruleDeadLetters ?? []).entries()) alarms.deadLetters(`IotRule${i}`, q, 'an IoT topic rule');

    acknowledgeCdkHandlers(this);

    new CfnOutput(this, 'ApiUrl', { value: api.api.apiEndpoint });
    new CfnOutput(this, 'CdnDomain', { value: web.distribution.distributionDomainName });
    new CfnOutput(this, 'UserPoolId', { value: api.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: api.userPoolClient.userPoolClientId });
    new CfnOutput(this, 'WebAppDeployed', { value: String(web.deploysWebApp), description: 'false when web/dist was not built before synth (npm run build:web)' });
  }
}

/** aws-cdk-lib's own singleton handlers (web app upload, IoT endpoint lookup): their runtime and log policy are the library's choice. */
function acknowledgeCdkHandlers(stack: Stack): void {
  for (const child of stack.node.children) {
    if (!(child instanceof lambda.Function) || !/^(Custom::CDKBucketDeployment|AWS679f53fac002430cb0da5b7982bd2287)/.test(child.node.id)) continue;
    acknowledgeLambdaManagedPolicies(child);
    acknowledge(child, 'AwsSolutions-L1', "aws-cdk-lib's own deployment-time handler: its runtime follows the library version, not this app.");
  }
}

/** Every `minutes`, on the clock (`:00`, `:15`…, or every n hours at `:00`), so that every module's chores run together. */
export function alignedSchedule(minutes: number): events.Schedule {
  return minutes < 60 ? events.Schedule.cron({ minute: `0/${minutes}` }) : events.Schedule.cron({ minute: '0', hour: `0/${minutes / 60}` });
}

/** Encrypting and decrypting with the stack's key, through `service` only. */
function grantKeyUse(fn: lambda.IFunction, key: kms.IKey, service: 's3' | 'sns'): void {
  const { region } = Stack.of(fn);
  fn.addToRolePolicy(
    new iam.PolicyStatement({
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      resources: [key.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `${service}.${region}.amazonaws.com` } },
    }),
  );
}

/** Objects under the module's own prefix (`<module>/…`, the rule the blob port enforces) and nothing else of the bucket. */
function grantModuleObjects(fn: lambda.IFunction, bucket: s3.IBucket, key: kms.IKey, module: string): void {
  fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], resources: [bucket.arnForObjects(`${module}/*`)] }));
  fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn], conditions: { StringLike: { 's3:prefix': [`${module}/*`] } } }));
  grantKeyUse(fn, key, 's3');
}

/** `iot-authorizer` → `IotAuthorizer`, for construct ids. */
const pascal = (name: string) => name.replace(/(^|[^A-Za-z0-9])([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());

/** The CloudWatch Logs retention closest to `days` from above (Logs accepts a fixed set). */
function retentionDays(days: number): logs.RetentionDays {
  const allowed = Object.values(logs.RetentionDays).filter((v): v is number => typeof v === 'number' && v > 0).sort((a, b) => a - b);
  return (allowed.find((d) => d >= days) ?? allowed.at(-1)!) as logs.RetentionDays;
}
