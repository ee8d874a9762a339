import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Synthesised, synthesise } from './synthesised.ts';
import { functionId, idWhere, resourcesOf } from './template-queries.ts';

// One synthesis with every option set, and no built web app.
let synth: Synthesised;
beforeAll(async () => {
  synth = await synthesise(
    {
      stage: 'prod',
      replicaRegions: 'eu-central-1,eu-west-1',
      provisionedConcurrency: '{"kbis":2,"planning":1}',
      dbProxy: 'true',
      documentRetentionDays: '30',
      choreIntervalMinutes: '360',
      alarmEmail: 'ops@example.com',
    },
    '/nonexistent/web/dist',
  );
}, 600_000);
afterAll(() => synth?.dispose());

describe('NovaEvo stack with its options (context as the CDK CLI passes it: strings)', () => {
  it('keeps KBIS and planning warm through a live alias with provisioned concurrency, which the API calls', () => {
    const t = synth.template;
    for (const [module, count] of [['kbis', 2], ['planning', 1]] as const) {
      const fn = functionId(t, module, 'prod');
      t.hasResourceProperties('AWS::Lambda::Alias', { Name: 'live', FunctionName: { Ref: fn }, ProvisionedConcurrencyConfig: { ProvisionedConcurrentExecutions: count } });
      const alias = idWhere(t, 'AWS::Lambda::Alias', `"${fn}"`);
      const integrations = resourcesOf(t, 'AWS::ApiGatewayV2::Integration').filter(([, i]) => JSON.stringify(i.Properties.IntegrationUri).includes(alias));
      expect(integrations.length, module).toBe(1);
    }
    t.resourceCountIs('AWS::Lambda::Alias', 2);
  });

  it('replicates the table to the requested regions (a global table for multi-region failover)', () => {
    const [, table] = resourcesOf(synth.template, 'AWS::DynamoDB::GlobalTable')[0]!;
    expect((table.Properties.Replicas as { Region: string }[]).map((r) => r.Region).sort()).toEqual(['eu-central-1', 'eu-west-1', 'eu-west-3']);
  });

  it('puts RDS Proxy in front of Aurora and points the functions at it', () => {
    const t = synth.template;
    t.hasResourceProperties('AWS::RDS::DBProxy', { EngineFamily: 'POSTGRESQL', RequireTLS: true });
    const proxy = resourcesOf(t, 'AWS::RDS::DBProxy')[0]![0];
    t.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'novaevo-prod-vehicles',
      Environment: { Variables: Match.objectLike({ DATABASE_HOST: { 'Fn::GetAtt': [proxy, 'Endpoint'] } }) },
    });
  });

  it('applies the retention, chore interval, alarm e-mail and stage name', () => {
    const t = synth.template;
    t.hasResourceProperties('AWS::S3::Bucket', { LifecycleConfiguration: { Rules: [Match.objectLike({ Id: 'document-retention', ExpirationInDays: 30 })] } });
    t.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'cron(0 0/6 * * ? *)' });
    t.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com' });
    t.hasResourceProperties('AWS::DynamoDB::GlobalTable', { TableName: 'novaevo-prod' });
  });

  it('synthesises without a built web app, deploying none and saying so', () => {
    synth.template.resourceCountIs('Custom::CDKBucketDeployment', 0);
    synth.template.hasOutput('WebAppDeployed', { Value: 'false' });
    expect(synth.report.pluginReports.filter((r) => r.violations.length > 0)).toEqual([]);
  });
});
