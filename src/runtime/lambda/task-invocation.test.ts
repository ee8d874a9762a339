import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertValidAsl } from '../../platform/workflows/validate-asl.ts';
import { awsDefinition, parseTaskInvocation, TaskInvocationError } from './task-invocation.ts';

const asl = (file: string) => JSON.parse(readFileSync(new URL(file, import.meta.url), 'utf8')) as Record<string, unknown>;
const arnOf = (task: string) => `arn:aws:lambda:eu-west-3:123456789012:function:novaevo-${task.split('-')[0]}`;

describe('Step Functions task invocations', () => {
  it('parses what it is given back, and refuses a payload missing a field (property)', () => {
    const invocation = fc.record(
      { task: fc.string({ minLength: 1 }), input: fc.jsonValue(), execution: fc.string({ minLength: 1 }), stateMachine: fc.string({ minLength: 1 }), state: fc.string({ minLength: 1 }), taskToken: fc.string() },
      { requiredKeys: ['task', 'input', 'execution', 'stateMachine', 'state'] },
    );
    fc.assert(
      fc.property(invocation, fc.constantFrom('task', 'input', 'execution', 'stateMachine', 'state'), (inv, dropped) => {
        expect(parseTaskInvocation(inv as Record<string, unknown>)).toEqual(inv);
        const { [dropped]: _, ...partial } = inv as Record<string, unknown>;
        expect(() => parseTaskInvocation(partial)).toThrow(TaskInvocationError);
      }),
    );
  });

  it("rewrites the KBIS workflow's Task states into calls of the module's function, still valid ASL", () => {
    const rewritten = awsDefinition(asl('../../modules/kbis/verification/kbis-verify.asl.json'), arnOf);
    expect(() => assertValidAsl('kbis-verify', rewritten)).not.toThrow();
    const read = (rewritten.States as Record<string, Record<string, unknown>>).ReadDocument!;
    expect(read).toMatchObject({
      Resource: arnOf('kbis'),
      Parameters: { task: 'kbis-read-document', 'input.$': '$', 'execution.$': '$$.Execution.Id', 'stateMachine.$': '$$.StateMachine.Name', 'state.$': '$$.State.Name' },
      Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 2, IntervalSeconds: 2, BackoffRate: 2 }],
      Next: 'CheckRegistry',
    });
  });

  it('keeps a .waitForTaskToken state waiting, with the token and the original payload as input', () => {
    const rewritten = awsDefinition(asl('../../modules/flash/flash-job.asl.json'), arnOf);
    expect(() => assertValidAsl('flash-job', rewritten)).not.toThrow();
    expect((rewritten.States as Record<string, unknown>).Ready).toMatchObject({
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: {
        FunctionName: arnOf('flash'),
        Payload: { task: 'flash-await-agent', input: { 'jobId.$': '$.jobId', 'version.$': '$.version', 'token.$': '$$.Task.Token' }, 'taskToken.$': '$$.Task.Token' },
      },
      TimeoutSeconds: 1800,
      HeartbeatSeconds: 600,
      Catch: [{ ErrorEquals: ['States.Timeout', 'States.HeartbeatTimeout'], ResultPath: '$.timeout', Next: 'AgentSilent' }],
      Next: 'Route',
    });
  });
});
