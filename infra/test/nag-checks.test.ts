import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { describe, expect, it } from 'vitest';
import { applyAwsSolutionsChecks } from '../lib/build-app.ts';

/** Synthesises a stack of two roles through the app's checks, returning the violations cdk-nag reported. */
async function violationsOf(statements: iam.PolicyStatement[]): Promise<{ rule: string; paths: string[] }[]> {
  const outdir = await mkdtemp(path.join(os.tmpdir(), 'novaevo-nag-'));
  try {
    const app = new App({ outdir });
    const stack = new Stack(app, 'Checked');
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    for (const s of statements) role.addToPolicy(s);
    applyAwsSolutionsChecks(app, stack);
    let failed = false;
    try {
      app.synth();
    } catch (err) {
      failed = String(err).startsWith('ValidationFailed');
    }
    const report = JSON.parse(await readFile(path.join(outdir, 'validation-report.json'), 'utf8').catch(() => '{"pluginReports":[]}'));
    const violations = report.pluginReports
      .filter((r: { pluginName: string }) => r.pluginName === 'AwsSolutions')
      .flatMap((r: { violations: { ruleName: string; violatingConstructs: { constructPath: string }[] }[] }) => r.violations.map((v) => ({ rule: v.ruleName, paths: v.violatingConstructs.map((c) => c.constructPath) })));
    expect(failed).toBe(violations.length > 0);
    return violations;
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}

describe('the AWS Solutions checks of the app', () => {
  it('acknowledge Resource "*" for actions that take nothing narrower', async () => {
    expect(await violationsOf([new iam.PolicyStatement({ actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], resources: ['*'] })])).toEqual([]);
  });

  it('still fail synthesis on a wildcard with no reason, even beside a justified one', async () => {
    const violations = await violationsOf([
      new iam.PolicyStatement({ actions: ['xray:PutTraceSegments'], resources: ['*'] }),
      new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }),
      new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: ['arn:aws:dynamodb:eu-west-3:123456789012:table/t'] }),
    ]);
    expect(violations.map((v) => v.rule).sort()).toEqual(['AwsSolutions-IAM5[Action::dynamodb:*]', 'AwsSolutions-IAM5[Resource::*]']);
  });
});
