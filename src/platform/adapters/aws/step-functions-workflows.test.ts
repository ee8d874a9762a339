import { readFile } from 'node:fs/promises';
import {
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  type ExecutionStatus,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  ListExecutionsCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StepFunctionsWorkflows } from './step-functions-workflows.ts';

const sfn = mockClient(SFNClient);
const client = new SFNClient({ region: 'eu-west-3', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
const prefix = 'arn:aws:states:eu-west-3:111122223333:stateMachine:novaevo-';
const executionArn = 'arn:aws:states:eu-west-3:111122223333:execution:novaevo-document-review:review-d-1';
const meta = { $metadata: { httpStatusCode: 400 } };
let workflows: StepFunctionsWorkflows;

beforeEach(async () => {
  workflows = new StepFunctionsWorkflows({ client, stateMachineArnPrefix: prefix, pollIntervalMs: 1 });
  workflows.register('document-review', JSON.parse(await readFile(new URL('../../workflows/examples/document-review.asl.json', import.meta.url), 'utf8')));
});
afterEach(() => sfn.reset());

// A DescribeExecution response as the API reference shows it.
const described = (status: ExecutionStatus, extra: Partial<DescribeExecutionCommandOutput> = {}): DescribeExecutionCommandOutput => ({
  $metadata: {},
  executionArn,
  stateMachineArn: `${prefix}document-review`,
  name: 'review-d-1',
  status,
  startDate: new Date('2026-06-01T09:00:00.000Z'),
  input: '{"documentId":"d-1"}',
  inputDetails: { included: true },
  ...extra,
});

describe('StepFunctionsWorkflows', () => {
  it('starts the deployed state machine with the execution id as its name', async () => {
    sfn.on(StartExecutionCommand).resolves({ executionArn, startDate: new Date() });
    expect(await workflows.start('document-review', { documentId: 'd-1' }, { executionId: 'review-d-1' })).toEqual({ executionId: 'review-d-1' });
    expect(sfn.commandCalls(StartExecutionCommand)[0]!.args[0].input).toEqual({ stateMachineArn: `${prefix}document-review`, name: 'review-d-1', input: '{"documentId":"d-1"}' });
  });

  it('maps a name reused with another input to 409, and refuses unknown workflows and bad ids', async () => {
    sfn.on(StartExecutionCommand).rejects(new ExecutionAlreadyExists({ message: 'Execution Already Exists: review-d-1', ...meta }));
    await expect(workflows.start('document-review', { documentId: 'other' }, { executionId: 'review-d-1' })).rejects.toMatchObject({ status: 409, code: 'EXECUTION_ALREADY_EXISTS' });
    await expect(workflows.start('nope', {})).rejects.toMatchObject({ status: 404, code: 'WORKFLOW_NOT_FOUND' });
    await expect(workflows.start('document-review', {}, { executionId: 'has space' })).rejects.toMatchObject({ status: 400, code: 'EXECUTION_ID_INVALID' });
    expect(() => workflows.register('broken', { StartAt: 'Missing', States: {} })).toThrow(expect.objectContaining({ code: 'WORKFLOW_DEFINITION_INVALID' }));
  });

  it('describes executions in the port terms: output once succeeded, a timeout as States.Timeout', async () => {
    sfn
      .on(DescribeExecutionCommand)
      .resolvesOnce(described('SUCCEEDED', { stopDate: new Date('2026-06-01T09:01:00Z'), output: '{"decision":"approved"}' }))
      .resolvesOnce(described('TIMED_OUT', { stopDate: new Date() }))
      .resolvesOnce(described('FAILED', { stopDate: new Date(), error: 'KbisRejected', cause: 'SIREN closed' }))
      .rejects(new ExecutionDoesNotExist({ message: 'Execution Does Not Exist', ...meta }));
    expect(await workflows.describe('review-d-1')).toEqual({
      executionId: 'review-d-1',
      workflow: 'document-review',
      status: 'SUCCEEDED',
      input: { documentId: 'd-1' },
      output: { decision: 'approved' },
      error: null,
      cause: null,
      startedAt: new Date('2026-06-01T09:00:00.000Z'),
      stoppedAt: new Date('2026-06-01T09:01:00Z'),
    });
    expect(sfn.commandCalls(DescribeExecutionCommand)[0]!.args[0].input).toEqual({ executionArn });
    expect(await workflows.describe('review-d-1')).toMatchObject({ status: 'FAILED', error: 'States.Timeout', output: null });
    expect(await workflows.describe('review-d-1')).toMatchObject({ status: 'FAILED', error: 'KbisRejected', cause: 'SIREN closed' });
    expect(await workflows.describe('review-d-1')).toBeNull();
  });

  it('waits until the execution stops running', async () => {
    sfn.on(DescribeExecutionCommand).resolvesOnce(described('RUNNING')).resolvesOnce(described('RUNNING')).resolves(described('ABORTED', { stopDate: new Date() }));
    expect(await workflows.waitForCompletion('review-d-1')).toMatchObject({ status: 'ABORTED' });
    expect(sfn.commandCalls(DescribeExecutionCommand)).toHaveLength(3);
  });

  it('lists one workflow newest first, page by page with its nextToken', async () => {
    sfn.on(ListExecutionsCommand).resolves({
      executions: [{ executionArn, stateMachineArn: `${prefix}document-review`, name: 'review-d-1', status: 'RUNNING', startDate: new Date('2026-06-01T09:00:00Z') }],
      nextToken: 'AAAAKgAAAAIAAAAAAAAAAQ',
    });
    sfn.on(DescribeExecutionCommand).resolves(described('RUNNING'));
    const page = await workflows.list({ status: 'RUNNING', limit: 1 });
    expect(sfn.commandCalls(ListExecutionsCommand)[0]!.args[0].input).toEqual({ stateMachineArn: `${prefix}document-review`, maxResults: 1, statusFilter: 'RUNNING' });
    expect(page.items.map((e) => e.executionId)).toEqual(['review-d-1']);
    await workflows.list({ cursor: page.nextCursor! });
    expect(sfn.commandCalls(ListExecutionsCommand)[1]!.args[0].input).toMatchObject({ nextToken: 'AAAAKgAAAAIAAAAAAAAAAQ' });
    workflows.register('other', { StartAt: 'Done', States: { Done: { Type: 'Succeed' } } });
    await expect(workflows.list()).rejects.toMatchObject({ status: 400, code: 'WORKFLOW_REQUIRED' });
  });

  it('stops a running execution with its error and cause, and leaves a finished one alone', async () => {
    sfn.on(DescribeExecutionCommand).resolvesOnce(described('RUNNING')).resolves(described('SUCCEEDED', { output: '{}' }));
    sfn.on(StopExecutionCommand).resolves({ stopDate: new Date() });
    await workflows.stop('review-d-1', { error: 'Cancelled', cause: 'by the owner' });
    await workflows.stop('review-d-1');
    expect(sfn.commandCalls(StopExecutionCommand).map((c) => c.args[0].input)).toEqual([{ executionArn, error: 'Cancelled', cause: 'by the owner' }]);
  });

  it('answers task tokens with SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat, mapping their errors', async () => {
    sfn.on(SendTaskSuccessCommand).resolvesOnce({}).rejects(new TaskTimedOut({ message: 'Task Timed Out', ...meta }));
    sfn.on(SendTaskFailureCommand).rejects(Object.assign(new Error('Invalid Token'), { name: 'InvalidToken' }));
    await workflows.sendTaskSuccess('AQCEAAAAKgAAAAMAAAAAAAAAAQ==', { approved: true });
    expect(sfn.commandCalls(SendTaskSuccessCommand)[0]!.args[0].input).toEqual({ taskToken: 'AQCEAAAAKgAAAAMAAAAAAAAAAQ==', output: '{"approved":true}' });
    await expect(workflows.sendTaskSuccess('t', {})).rejects.toMatchObject({ status: 409, code: 'TASK_TOKEN_CLOSED' });
    await expect(workflows.sendTaskFailure('garbage', 'Rejected', 'no')).rejects.toMatchObject({ status: 404, code: 'TASK_TOKEN_INVALID' });
    expect(sfn.commandCalls(SendTaskFailureCommand)[0]!.args[0].input).toEqual({ taskToken: 'garbage', error: 'Rejected', cause: 'no' });
    sfn.on(SendTaskHeartbeatCommand).resolvesOnce({}).rejects(new TaskTimedOut({ message: 'Task Timed Out', ...meta }));
    await workflows.sendTaskHeartbeat('AQCEAAAAKgAAAAMAAAAAAAAAAQ==');
    expect(sfn.commandCalls(SendTaskHeartbeatCommand)[0]!.args[0].input).toEqual({ taskToken: 'AQCEAAAAKgAAAAMAAAAAAAAAAQ==' });
    await expect(workflows.sendTaskHeartbeat('t')).rejects.toMatchObject({ status: 409, code: 'TASK_TOKEN_CLOSED' });
  });

  it('runs a registered task for its Lambda invocation', async () => {
    workflows.registerTask('kbis-extract', async (input) => ({ got: input }));
    const ctx = { executionId: 'e', workflow: 'document-review', stateName: 'Extract', signal: new AbortController().signal };
    expect(await workflows.runTask('kbis-extract', { documentId: 'd' }, ctx)).toEqual({ got: { documentId: 'd' } });
    await expect(workflows.runTask('nope', {}, ctx)).rejects.toMatchObject({ status: 422, code: 'WORKFLOW_TASK_UNKNOWN' });
  });
});
