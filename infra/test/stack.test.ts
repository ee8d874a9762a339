import { existsSync } from 'node:fs';
import path from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsEnvironmentSchema } from '../../src/platform/adapters/aws/aws-environment.ts';
import { functionSettings } from '../../src/runtime/lambda/function-settings.ts';
import type { ModulePlan } from '../lib/module-plan.ts';
import { RESOURCE_STAR_ACTIONS } from '../lib/nag-suppressions.ts';
import { type Synthesised, synthesise } from './synthesised.ts';
import { actionsOf, functionId, idWhere, reaches, resourcesOf, statementsOfFunction, statementsOfRole } from './template-queries.ts';

// One synthesis for the whole file: every function is bundled by esbuild for real.
let synth: Synthesised;
let plans: ModulePlan[];
beforeAll(async () => {
  synth = await synthesise({});
  plans = [...synth.stack.functions.values()].map((f) => f.plan);
}, 600_000);
afterAll(() => synth?.dispose());

const names = () => plans.map((p) => p.name);
const planOf = (name: string) => plans.find((p) => p.name === name)!;

describe('NovaEvo stack (default settings, with the example module added to the list)', () => {
  it('deploys each module, the authorizers and the migrations as Node.js 22 arm64 functions with X-Ray, Powertools and their own memory and timeout', () => {
    expect(names()).toEqual(['identity', 'vehicles', 'ocr', 'obd', 'nlp', 'kbis', 'planning', 'flash', 'affiliation', 'admin', 'example']);
    const adapterVariables = Object.keys(awsEnvironmentSchema.shape).filter((k) => k !== 'AWS_REGION');
    for (const name of [...names(), 'authorizer', 'iot-authorizer', 'migrate']) {
      const { memoryMb, timeoutSeconds } = functionSettings(name);
      synth.template.hasResourceProperties('AWS::Lambda::Function', {
        FunctionName: `novaevo-dev-${name}`,
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        MemorySize: memoryMb,
        Timeout: timeoutSeconds,
        VpcConfig: Match.objectLike({ SubnetIds: Match.anyValue() }),
        Environment: { Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: name, ...Object.fromEntries(adapterVariables.map((k) => [k, Match.anyValue()])) }) },
      });
    }
  });

  it('a module added to the list gets its function, its routes behind the authorizer, its rule and its state machine', () => {
    const t = synth.template;
    const example = functionId(t, 'example');
    const integration = idWhere(t, 'AWS::ApiGatewayV2::Integration', `"${example}"`);
    t.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'POST /v1/example/reminders',
      AuthorizationType: 'CUSTOM',
      Target: { 'Fn::Join': ['', ['integrations/', { Ref: integration }]] },
    });
    t.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { 'detail-type': ['example.reminder-due'] },
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [example, 'Arn'] }, DeadLetterConfig: Match.anyValue() })],
    });
    t.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineName: 'novaevo-dev-example-remind',
      DefinitionSubstitutions: { fn_example: { 'Fn::GetAtt': [example, 'Arn'] } },
    });
  });

  it("gives the affiliation key from a generated Secrets Manager secret, never the module's key file", () => {
    for (const [module, variable] of [['affiliation', 'AFFILIATION_SECRET_KEY']] as const) {
      const fn = synth.template.findResources('AWS::Lambda::Function')[functionId(synth.template, module)]!;
      const value = JSON.stringify(fn.Properties.Environment.Variables[variable]);
      expect(value).toContain('{{resolve:secretsmanager:');
      synth.template.hasResourceProperties('AWS::SecretsManager::Secret', { Name: `novaevo-dev/${module}/${variable}`, GenerateSecretString: Match.objectLike({ PasswordLength: 64 }) });
    }
  });

  it('signs flash manifests with an Ed25519 KMS key of its own that only the flash function may Sign with, and no private key in its environment', () => {
    const t = synth.template;
    const [keyId] = resourcesOf(t, 'AWS::KMS::Key').find(([, k]) => k.Properties.KeySpec === 'ECC_NIST_EDWARDS25519')!;
    t.hasResourceProperties('AWS::KMS::Key', { KeySpec: 'ECC_NIST_EDWARDS25519', KeyUsage: 'SIGN_VERIFY' });
    const fn = t.findResources('AWS::Lambda::Function')[functionId(t, 'flash')]!;
    expect(fn.Properties.Environment.Variables).toMatchObject({ FLASH_SIGNER: 'kms', FLASH_KMS_KEY_ID: { 'Fn::GetAtt': [keyId, 'Arn'] } });
    expect(fn.Properties.Environment.Variables.FLASH_SIGNING_KEY).toBeUndefined();
    for (const name of [...names(), 'authorizer', 'iot-authorizer', 'migrate']) {
      const signs = statementsOfFunction(t, name).some((s) => [s.Action].flat().includes('kms:Sign') && JSON.stringify(s.Resource).includes(keyId));
      expect(signs, name).toBe(name === 'flash');
    }
  });

  it('routes every declared route onto its module, protected ones through the Lambda authorizer', () => {
    const routes = resourcesOf(synth.template, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties);
    const planned = plans.flatMap((p) => p.routes.map((r) => ({ ...r, module: p.name })));
    expect(routes).toHaveLength(planned.length);
    const authorizer = idWhere(synth.template, 'AWS::ApiGatewayV2::Authorizer', '"REQUEST"');
    for (const r of planned) {
      const route = routes.find((x) => x.RouteKey === `${r.method} ${r.path}`);
      expect(route, `${r.method} ${r.path}`).toBeDefined();
      expect(route!.AuthorizationType).toBe(r.bearer ? 'CUSTOM' : 'NONE');
      if (r.bearer) expect(route!.AuthorizerId).toEqual({ Ref: authorizer });
    }
    expect(routes.find((x) => x.RouteKey === 'GET /v1/vehicles/{id}')?.AuthorizationType).toBe('CUSTOM');
    expect(routes.find((x) => x.RouteKey === 'POST /v1/auth/token')?.AuthorizationType).toBe('NONE');
    synth.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'REQUEST',
      IdentitySource: ['$request.header.Authorization'],
      EnableSimpleResponses: true,
      AuthorizerPayloadFormatVersion: '2.0',
    });
    // One API Gateway invoke permission per module function, scoped to this API.
    const api = resourcesOf(synth.template, 'AWS::ApiGatewayV2::Api')[0]![0];
    const apiPermissions = resourcesOf(synth.template, 'AWS::Lambda::Permission').filter(([, p]) => p.Properties.Principal === 'apigateway.amazonaws.com');
    expect(apiPermissions.map(([, p]) => JSON.stringify(p.Properties.SourceArn)).every((arn) => arn.includes(`"${api}"`))).toBe(true);
    expect(apiPermissions.length).toBe(plans.filter((p) => p.routes.length > 0).length + 1);
    const pool = resourcesOf(synth.template, 'AWS::Cognito::UserPool')[0]![0];
    for (const group of ['owner', 'pro', 'admin']) synth.template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: group, UserPoolId: { Ref: pool } });
  });

  it('keeps data in an on-demand DynamoDB table with point-in-time recovery, TTL and a stream', () => {
    synth.template.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    synth.template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
        TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
        StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
        Replicas: [Match.objectLike({ Region: 'eu-west-3', PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } })],
      }),
    });
  });

  it('stores documents and firmware in KMS-encrypted, private, versioned, TLS-only buckets; documents expire after 90 days', () => {
    const t = synth.template;
    const key = resourcesOf(t, 'AWS::KMS::Key')[0]![0];
    const privateBucket = {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [key, 'Arn'] } } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      VersioningConfiguration: { Status: 'Enabled' },
    };
    t.hasResourceProperties('AWS::S3::Bucket', { ...privateBucket, LifecycleConfiguration: { Rules: [Match.objectLike({ Id: 'document-retention', ExpirationInDays: 90, Status: 'Enabled' })] } });
    t.hasResourceProperties('AWS::S3::Bucket', { ...privateBucket, LifecycleConfiguration: { Rules: [Match.objectLike({ Id: 'old-versions' })] } });
    for (const [id] of resourcesOf(t, 'AWS::S3::Bucket')) {
      t.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: id },
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
      });
    }
    expect(resourcesOf(t, 'Custom::CDKBucketDeployment')).toHaveLength(existsSync(path.resolve(import.meta.dirname, '../../web/dist')) ? 1 : 0);
  });

  it('runs Aurora Serverless v2 PostgreSQL able to pause at 0 ACUs, credentials rotated, snapshot kept on delete, migrated by a custom resource', () => {
    const t = synth.template;
    t.hasResource('AWS::RDS::DBCluster', {
      DeletionPolicy: 'Snapshot',
      Properties: Match.objectLike({
        Engine: 'aurora-postgresql',
        ServerlessV2ScalingConfiguration: Match.objectLike({ MinCapacity: 0, SecondsUntilAutoPause: 600 }),
        StorageEncrypted: true,
        DeletionProtection: true,
      }),
    });
    t.hasResourceProperties('AWS::RDS::DBInstance', { DBInstanceClass: 'db.serverless' });
    t.resourceCountIs('AWS::RDS::DBProxy', 0);
    t.resourceCountIs('AWS::SecretsManager::RotationSchedule', 1);
    const migrations = plans.flatMap((p) => p.migrations);
    t.hasResourceProperties('Custom::NovaEvoMigrations', { migrations });
    expect(migrations).toContain('example.001');
    // Module functions wait for the schema.
    expect(t.findResources('AWS::Lambda::Function')[functionId(t, 'kbis')]!.DependsOn).toContain('Migrations');
  });

  it('builds one state machine per declared workflow from its ASL, each task calling its module function', () => {
    const t = synth.template;
    const workflows = plans.flatMap((p) => p.workflows.map((w) => ({ ...w, module: p.name })));
    expect(workflows.map((w) => w.name)).toEqual(['kbis-verify', 'planning-booking', 'flash-job', 'example-remind']);
    t.resourceCountIs('AWS::StepFunctions::StateMachine', workflows.length);
    for (const w of workflows) {
      const [, machine] = resourcesOf(t, 'AWS::StepFunctions::StateMachine').find(([, m]) => m.Properties.StateMachineName === `novaevo-dev-${w.name}`)!;
      expect(machine.Properties.TracingConfiguration).toEqual({ Enabled: true });
      const definition = JSON.parse(machine.Properties.DefinitionString);
      expect(Object.keys(definition.States)).toEqual(Object.keys(w.definition.States as object));
      for (const state of Object.values(definition.States) as Record<string, any>[]) {
        if (state.Type !== 'Task') continue;
        const target = state.Parameters.FunctionName ?? state.Resource;
        expect(target).toBe(`\${fn_${w.module}}`);
      }
      expect(machine.Properties.DefinitionSubstitutions).toEqual({ [`fn_${w.module}`]: { 'Fn::GetAtt': [functionId(t, w.module), 'Arn'] } });
    }
    const flash = JSON.parse(resourcesOf(t, 'AWS::StepFunctions::StateMachine').find(([, m]) => m.Properties.StateMachineName === 'novaevo-dev-flash-job')![1].Properties.DefinitionString);
    expect(flash.States.Flashing).toMatchObject({
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: { Payload: { task: 'flash-await-agent', 'taskToken.$': '$$.Task.Token' } },
      TimeoutSeconds: 7200,
      HeartbeatSeconds: 120,
    });
    expect(flash.States.AgentSilent).toMatchObject({ Resource: `\${fn_flash}`, Parameters: { task: 'flash-agent-silent' } });
  });

  it('has one EventBridge rule per declared subscription onto its module, with retries and a dead-letter queue, and a chores schedule per module with chores', () => {
    const t = synth.template;
    const bus = resourcesOf(t, 'AWS::Events::EventBus')[0]![0];
    const busRules = resourcesOf(t, 'AWS::Events::Rule').filter(([, r]) => r.Properties.EventBusName?.Ref === bus);
    const subscriptions = plans.flatMap((p) => p.subscriptions.map((s) => ({ ...s, module: p.name })));
    expect(busRules).toHaveLength(subscriptions.length);
    for (const s of subscriptions) {
      t.hasResourceProperties('AWS::Events::Rule', {
        EventBusName: { Ref: bus },
        Description: `subscription ${s.name}`,
        EventPattern: { 'detail-type': [s.pattern] },
        Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [functionId(t, s.module), 'Arn'] }, DeadLetterConfig: { Arn: Match.anyValue() }, RetryPolicy: Match.anyValue() })],
      });
    }
    const withChores = plans.filter((p) => p.chores.length > 0).map((p) => p.name);
    expect(withChores).toEqual(['identity', 'kbis', 'planning', 'affiliation']);
    for (const m of withChores) {
      t.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'cron(0 0/1 * * ? *)', Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [functionId(t, m), 'Arn'] }, DeadLetterConfig: Match.anyValue() })] });
    }
  });

  it('gives timers an EventBridge Scheduler group and a role that may only put events on the bus', () => {
    const t = synth.template;
    t.hasResourceProperties('AWS::Scheduler::ScheduleGroup', { Name: 'novaevo-dev-timers' });
    const role = idWhere(t, 'AWS::IAM::Role', 'scheduler.amazonaws.com');
    const bus = resourcesOf(t, 'AWS::Events::EventBus')[0]![0];
    const statements = statementsOfRole(t, role);
    expect(actionsOf(statements).sort()).toEqual(['events:PutEvents', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage']);
    expect(statements.find((s) => s.Action === 'events:PutEvents')!.Resource).toEqual({ 'Fn::GetAtt': [bus, 'Arn'] });
  });

  it('notifies owners and professionals on two KMS-encrypted SNS topics', () => {
    for (const name of ['novaevo-dev-owners', 'novaevo-dev-pros']) synth.template.hasResourceProperties('AWS::SNS::Topic', { TopicName: name, KmsMasterKeyId: Match.anyValue() });
  });

  it('feeds device telemetry from IoT Core to the OBD function only, with an error queue, behind a device id + secret authorizer', () => {
    const t = synth.template;
    const obd = functionId(t, 'obd');
    const rules = resourcesOf(t, 'AWS::IoT::TopicRule');
    expect(rules).toHaveLength(1);
    expect(rules[0]![1].Properties.TopicRulePayload).toMatchObject({
      Sql: "SELECT encode(*, 'base64') AS payloadBase64, topic() AS topic FROM 'novaevo/v1/devices/+/obd'",
      Actions: [{ Lambda: { FunctionArn: { 'Fn::GetAtt': [obd, 'Arn'] } } }],
    });
    expect(rules[0]![1].Properties.TopicRulePayload.ErrorAction.Sqs.QueueUrl.Ref).toMatch(/DeadLetters/);
    t.hasResourceProperties('AWS::IoT::Authorizer', { SigningDisabled: true, Status: 'ACTIVE', AuthorizerFunctionArn: { 'Fn::GetAtt': [functionId(t, 'iot-authorizer'), 'Arn'] } });
    t.hasResourceProperties('AWS::Lambda::Permission', { FunctionName: { 'Fn::GetAtt': [functionId(t, 'iot-authorizer'), 'Arn'] }, Principal: 'iot.amazonaws.com' });
    t.resourceCountIs('AWS::IoT::Policy', 1);
    const ruleIds = new Set(rules.map(([id]) => id));
    const iotTargets = resourcesOf(t, 'AWS::Lambda::Permission').filter(([, p]) => ruleIds.has(p.Properties.SourceArn?.['Fn::GetAtt']?.[0]));
    expect(iotTargets.map(([, p]) => p.Properties.FunctionName)).toEqual([{ 'Fn::GetAtt': [obd, 'Arn'] }]);
  });

  it('alarms on every dead-letter queue and on every function error and throttle', () => {
    const t = synth.template;
    const alarms = resourcesOf(t, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
    const queues = resourcesOf(t, 'AWS::SQS::Queue');
    expect(queues.length).toBeGreaterThan(10);
    for (const [id] of queues) {
      expect(alarms.some((a) => a.MetricName === 'ApproximateNumberOfMessagesVisible' && JSON.stringify(a.Dimensions).includes(`"${id}"`)), id).toBe(true);
    }
    for (const name of [...names(), 'authorizer', 'iot-authorizer', 'migrate']) {
      const fn = functionId(t, name);
      for (const metric of ['Errors', 'Throttles']) expect(alarms.some((a) => a.MetricName === metric && JSON.stringify(a.Dimensions).includes(`"${fn}"`)), `${name} ${metric}`).toBe(true);
    }
    for (const a of alarms) expect(a.AlarmActions).toHaveLength(1);
  });

  it('serves the web app, /v1/* and /r/* through CloudFront, /r/* from the affiliation function URL', () => {
    const t = synth.template;
    const [, cdn] = resourcesOf(t, 'AWS::CloudFront::Distribution')[0]!;
    const behaviours = cdn.Properties.DistributionConfig.CacheBehaviors as Record<string, any>[];
    expect(behaviours.map((b) => b.PathPattern).sort()).toEqual(['/r/*', '/v1/*']);
    const url = idWhere(t, 'AWS::Lambda::Url', `"${functionId(t, 'affiliation')}"`);
    t.hasResourceProperties('AWS::Lambda::Url', { AuthType: 'AWS_IAM' });
    const redirect = behaviours.find((b) => b.PathPattern === '/r/*')!;
    const origin = (cdn.Properties.DistributionConfig.Origins as Record<string, any>[]).find((o) => o.Id === redirect.TargetOriginId)!;
    expect(JSON.stringify(origin.DomainName)).toContain(url);
    t.hasResourceProperties('AWS::CloudFront::OriginAccessControl', { OriginAccessControlConfig: Match.objectLike({ OriginAccessControlOriginType: 'lambda' }) });
    t.hasResourceProperties('AWS::CloudFront::OriginAccessControl', { OriginAccessControlConfig: Match.objectLike({ OriginAccessControlOriginType: 's3' }) });
  });

  describe('least privilege', () => {
    const documents = () => idWhere(synth.template, 'AWS::S3::Bucket', 'document-retention');
    const firmware = () => idWhere(synth.template, 'AWS::S3::Bucket', 'old-versions');

    it('reaches the documents bucket from OCR and KBIS only, each under its own prefix; the firmware bucket from flash only', () => {
      for (const name of [...names(), 'authorizer', 'iot-authorizer', 'migrate']) {
        const statements = statementsOfFunction(synth.template, name);
        expect(reaches(statements, documents()), `${name} documents`).toBe(['ocr', 'kbis'].includes(name));
        expect(reaches(statements, firmware()), `${name} firmware`).toBe(name === 'flash');
      }
      const kbis = statementsOfFunction(synth.template, 'kbis').filter((s) => reaches([s], documents()));
      expect(JSON.stringify(kbis)).toContain('/kbis/*');
      expect(JSON.stringify(kbis)).not.toContain('/ocr/*');
      expect(actionsOf(statementsOfFunction(synth.template, 'affiliation')).some((a) => a.startsWith('s3:'))).toBe(false);
    });

    it('lets only OCR and KBIS call Textract, and only modules that notify publish to SNS', () => {
      for (const name of names()) {
        const actions = actionsOf(statementsOfFunction(synth.template, name));
        expect(actions.some((a) => a.startsWith('textract:')), name).toBe(['ocr', 'kbis'].includes(name));
        const notifies = planOf(name).notificationKinds.length > 0 || name === 'identity';
        expect(actions.includes('sns:Publish'), name).toBe(notifies);
      }
    });

    it('lets a module start and stop only its own workflows, and a state machine invoke only its own module function', () => {
      const t = synth.template;
      for (const name of names()) {
        const own = planOf(name).workflows.map((w) => `stateMachine:novaevo-dev-${w.name}`);
        const starts = statementsOfFunction(t, name).filter((s) => [].concat(s.Action).includes('states:StartExecution' as never));
        expect(JSON.stringify(starts.map((s) => s.Resource)).match(/stateMachine:[\w-]+/g) ?? [], name).toEqual(own);
      }
      for (const [, machine] of resourcesOf(t, 'AWS::StepFunctions::StateMachine')) {
        const statements = statementsOfRole(t, machine.Properties.RoleArn['Fn::GetAtt'][0]);
        const invoked = JSON.stringify(statements.filter((s) => [].concat(s.Action).includes('lambda:InvokeFunction' as never)).map((s) => s.Resource));
        expect(invoked).toEqual(expect.stringContaining(Object.values(machine.Properties.DefinitionSubstitutions as object)[0]['Fn::GetAtt'][0]));
        expect(invoked.match(/"(\w+Function\w+)"/g)?.filter((x, i, a) => a.indexOf(x) === i)).toHaveLength(1);
      }
    });

    it('uses Resource "*" only for actions that accept nothing narrower, each with a written reason', () => {
      for (const [id, policy] of resourcesOf(synth.template, 'AWS::IAM::Policy')) {
        for (const s of policy.Properties.PolicyDocument.Statement as Record<string, any>[]) {
          if (s.Resource !== '*' && !(Array.isArray(s.Resource) && s.Resource.includes('*'))) continue;
          for (const action of [].concat(s.Action) as string[]) expect(RESOURCE_STAR_ACTIONS[action], `${id}: ${action} on *`).toMatch(/.{20,}/);
        }
      }
    });
  });

  it('passes cdk-nag AWS Solutions and CloudFormation validation, every acknowledgement carrying a reason', () => {
    expect(synth.report.pluginReports.filter((r) => r.violations.length > 0)).toEqual([]);
    const acknowledged = synth.stack.node
      .findAll()
      .flatMap((c) => c.node.metadata.filter((m) => m.type === 'aws:cdk:acknowledged-rules').map((m) => ({ path: c.node.path, data: m.data as unknown })));
    expect(acknowledged.length).toBeGreaterThan(20);
    for (const a of acknowledged) for (const [rule, reason] of Object.entries(a.data as Record<string, string>)) expect(reason, `${a.path} ${rule}`).toMatch(/.{20,}/);
  });
});
