import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { DeploymentPlan } from './module-plan.ts';
import { awsDefinition } from '../../src/runtime/lambda/task-invocation.ts';

/** The `definitionSubstitutions` key standing for the ARN of a module's function. */
const functionArnKey = (module: string) => `fn_${module.replace(/[^A-Za-z0-9_]/g, '_')}`;

/**
 * A workflow's ASL as Step Functions runs it (`awsDefinition`: each Task state calls the function
 * of the module that declared the task), and the modules whose functions it calls.
 */
export function deployableDefinition(workflow: string, asl: Record<string, unknown>, taskOwners: ReadonlyMap<string, string>): { definition: string; modules: string[] } {
  const modules = new Set<string>();
  const definition = awsDefinition(asl, (task) => {
    const owner = taskOwners.get(task);
    if (!owner) throw new Error(`workflow ${workflow} calls task ${task}, which no module declares`);
    modules.add(owner);
    return '${' + functionArnKey(owner) + '}';
  });
  return { definition: JSON.stringify(definition), modules: [...modules] };
}

export interface WorkflowsProps {
  plan: DeploymentPlan;
  /** Names are `<prefix>-<workflow>`: the workflows adapter appends the name to STATE_MACHINE_ARN_PREFIX. */
  prefix: string;
  functionOf: (module: string) => lambda.IFunction;
  logRetention: logs.RetentionDays;
}

/**
 * One Step Functions state machine per declared workflow, from the same ASL the local engine
 * runs, each allowed to invoke only the functions its tasks belong to.
 */
export class Workflows extends Construct {
  readonly machines = new Map<string, { machine: sfn.StateMachine; module: string }>();
  readonly #prefix: string;

  constructor(scope: Construct, id: string, props: WorkflowsProps) {
    super(scope, id);
    this.#prefix = props.prefix;
    for (const module of props.plan.modules) {
      for (const workflow of module.workflows) {
        const { definition, modules } = deployableDefinition(workflow.name, workflow.definition, props.plan.taskOwners);
        const machine = new sfn.StateMachine(this, workflow.name, {
          stateMachineName: `${props.prefix}-${workflow.name}`,
          definitionBody: sfn.DefinitionBody.fromString(definition),
          definitionSubstitutions: Object.fromEntries(modules.map((m) => [functionArnKey(m), props.functionOf(m).functionArn])),
          tracingEnabled: true,
          logs: {
            destination: new logs.LogGroup(this, `${workflow.name}Logs`, { retention: props.logRetention, removalPolicy: RemovalPolicy.DESTROY }),
            level: sfn.LogLevel.ALL,
            includeExecutionData: false,
          },
        });
        for (const m of modules) props.functionOf(m).grantInvoke(machine);
        this.machines.set(workflow.name, { machine, module: module.name });
      }
    }
  }

  /**
   * What a module may do with its own workflows: start, list, read and stop their executions,
   * and answer its task tokens. ARNs are built from the names, not referenced: the machines
   * already reference the function, whose role this policy is.
   */
  grantOwn(module: string, grantee: iam.IGrantable, answersTaskTokens: boolean): void {
    const { partition, region, account } = Stack.of(this);
    const own = [...this.machines].filter(([, m]) => m.module === module).map(([name]) => `${this.#prefix}-${name}`);
    if (own.length > 0) {
      grantee.grantPrincipal.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: ['states:StartExecution', 'states:ListExecutions', 'states:DescribeStateMachine'],
          resources: own.map((n) => `arn:${partition}:states:${region}:${account}:stateMachine:${n}`),
        }),
      );
      grantee.grantPrincipal.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: ['states:DescribeExecution', 'states:GetExecutionHistory', 'states:StopExecution'],
          resources: own.map((n) => `arn:${partition}:states:${region}:${account}:execution:${n}:*`),
        }),
      );
    }
    if (answersTaskTokens) {
      // SendTaskSuccess/Failure/Heartbeat accept no resource: the task token itself is the capability.
      grantee.grantPrincipal.addToPrincipalPolicy(
        new iam.PolicyStatement({ actions: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'], resources: ['*'] }),
      );
    }
  }
}
