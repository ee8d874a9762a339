import { type Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import type { IConstruct } from 'constructs';

/** Actions whose service offers no resource-level permission, so `Resource: *` is the only form. */
export const RESOURCE_STAR_ACTIONS: Readonly<Record<string, string>> = {
  'xray:PutTraceSegments': 'X-Ray accepts trace segments for no resource narrower than *',
  'xray:PutTelemetryRecords': 'X-Ray accepts telemetry for no resource narrower than *',
  'textract:AnalyzeDocument': 'Textract document APIs have no resource-level permissions',
  'textract:DetectDocumentText': 'Textract document APIs have no resource-level permissions',
  'states:SendTaskSuccess': 'task-token answers name no resource: the token itself is the capability',
  'states:SendTaskFailure': 'task-token answers name no resource: the token itself is the capability',
  'states:SendTaskHeartbeat': 'task-token answers name no resource: the token itself is the capability',
  'iot:DescribeEndpoint': 'IoT DescribeEndpoint has no resource-level permissions',
  'cloudfront:CreateInvalidation': "CDK's web app upload invalidates index.html; aws-cdk-lib writes this grant on *",
  'cloudfront:GetInvalidation': "CDK's web app upload waits for its invalidation; aws-cdk-lib writes this grant on *",
  'xray:GetSamplingRules': 'X-Ray sampling rules are read for no resource narrower than *',
  'xray:GetSamplingTargets': 'X-Ray sampling targets are read for no resource narrower than *',
  ...Object.fromEntries(
    ['CreateLogDelivery', 'GetLogDelivery', 'UpdateLogDelivery', 'DeleteLogDelivery', 'ListLogDeliveries', 'PutResourcePolicy', 'DescribeResourcePolicies', 'DescribeLogGroups'].map((a) => [
      `logs:${a}`,
      'Step Functions log delivery to CloudWatch Logs is configured through vended-log actions that accept * only',
    ]),
  ),
};

/** Wildcards inside a resource that are still one resource of this stack, by construct path and finding. */
const SCOPED_WILDCARDS: readonly { path: RegExp; finding: RegExp; reason: string }[] = [
  { path: /./, finding: /^Resource::<\w+\.Arn>:\*$/, reason: "the function's versions and aliases (grantInvoke's `arn:*`): the one function" },
  { path: /Function\//, finding: /^Resource::<\w+\.Arn>\/[a-z][a-z0-9-]*\/\*$/, reason: "objects under the module's own key prefix, the rule the blob port enforces" },
  { path: /Function\//, finding: /^Resource::arn:<AWS::Partition>:scheduler:[\w-]+:<AWS::AccountId>:schedule\/novaevo-[\w-]+-timers\/\*$/, reason: "timers are schedules created at run time, only in the stack's own group" },
  { path: /Function\//, finding: /^Resource::arn:<AWS::Partition>:states:[\w-]+:<AWS::AccountId>:execution:novaevo-[\w-]+:\*$/, reason: "executions of the module's own state machine, whose ids are chosen at run time" },
  { path: /Function\//, finding: /^Resource::arn:<AWS::Partition>:iot:[\w-]+:<AWS::AccountId>:topic\/novaevo\/v1\/devices\/\*\/cmd$/, reason: "the command topic of each of the module's devices, whose ids are data" },
  { path: /CDKBucketDeployment/, finding: /^(Action::s3:\w+\*|Resource::<\w+\.Arn>\/\*|Resource::arn:<AWS::Partition>:s3:::cdk-[\w-]+-assets-<AWS::AccountId>-[\w-]+\/\*)$/, reason: "CDK's web app upload: reads the staged asset and replaces the web bucket's objects" },
];

/**
 * The IAM5 findings of a policy document, as cdk-nag names them (`Action::x:*`,
 * `Resource::<Id.Arn>/*`), each with every action of the statements it occurs in.
 */
function wildcardFindings(document: { Statement?: unknown[] }): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (finding: string, actions: string[]) => out.set(finding, [...(out.get(finding) ?? []), ...actions]);
  for (const raw of document.Statement ?? []) {
    const st = raw as { Effect?: string; Action?: unknown; Resource?: unknown };
    if (st.Effect !== 'Allow') continue;
    const actions = ([] as unknown[]).concat(st.Action ?? []).map(String);
    for (const a of actions) if (a.includes('*')) add(`Action::${a}`, actions);
    for (const r of ([] as unknown[]).concat(st.Resource ?? [])) {
      const flat = flattenCfnReference(r);
      if (flat.includes('*')) add(`Resource::${flat}`, actions);
    }
  }
  return out;
}

function reasonFor(path: string, finding: string, actions: readonly string[]): string | undefined {
  if (finding === 'Resource::*') {
    const reasons = actions.map((a) => RESOURCE_STAR_ACTIONS[a]);
    return reasons.every((r) => r !== undefined) ? [...new Set(reasons)].join('; ') : undefined;
  }
  return SCOPED_WILDCARDS.find((w) => w.path.test(path) && w.finding.test(finding))?.reason;
}

/**
 * Acknowledges cdk-nag's wildcard findings (AwsSolutions-IAM5) that are justified: `*` only for
 * actions that accept nothing else, and wildcards that stay inside one resource of this stack,
 * each with its reason. Any other wildcard stays a finding, and synthesis fails on it. Call it
 * once the stack is built (grants fill policies until then).
 */
export function acknowledgeJustifiedWildcards(stack: Stack): void {
  for (const policy of stack.node.findAll().filter((c): c is iam.CfnPolicy => c instanceof iam.CfnPolicy)) {
    const document = stack.resolve(policy.policyDocument) as { Statement?: unknown[] };
    for (const [finding, actions] of wildcardFindings(document)) {
      const reason = reasonFor(policy.node.path, finding, actions);
      if (!reason) continue;
      Validations.of(policy).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason });
    }
  }
}

/** Acknowledges one finding on one construct, with its reason. */
export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}
