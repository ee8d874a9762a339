import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ModuleDescription } from '../../src/runtime/describe-modules.ts';
import { apiGatewayPath, planDeployment } from '../lib/module-plan.ts';
import { readStackSettings } from '../lib/settings.ts';
import { deployableDefinition } from '../lib/workflows.ts';

const described = (over: Partial<ModuleDescription> & { name: string }): ModuleDescription => ({
  migrations: [],
  events: [],
  routes: [],
  rootRoutes: [],
  subscriptions: [],
  tasks: [],
  workflows: [],
  workflowDefinitions: {},
  chores: [],
  notificationKinds: [],
  mqttDeviceAuth: false,
  mqttFilters: [],
  uploadPathPrefixes: [],
  ...over,
});

describe('planDeployment', () => {
  it('turns Hono routes into API Gateway routes under /v1, once each, protected when any declaration is', () => {
    const plan = planDeployment([
      described({
        name: 'vehicles',
        routes: [
          { method: 'GET', path: '/vehicles/:id', bearer: false },
          { method: 'GET', path: '/vehicles/:id', bearer: true },
          { method: 'POST', path: '/vehicles', bearer: true },
        ],
        rootRoutes: [{ method: 'GET', path: '/.well-known/jwks.json', bearer: false }],
      }),
    ]);
    expect(plan.modules[0]!.routes).toEqual([
      { method: 'GET', path: '/v1/vehicles/{id}', bearer: true },
      { method: 'POST', path: '/v1/vehicles', bearer: true },
      { method: 'GET', path: '/.well-known/jwks.json', bearer: false },
    ]);
  });

  it('sends root routes other than /.well-known to CloudFront by their first segment', () => {
    const plan = planDeployment([described({ name: 'affiliation', rootRoutes: [{ method: 'GET', path: '/r/:code', bearer: false }] })]);
    expect(plan.modules[0]!.rootPrefixes).toEqual(['/r']);
    expect(plan.modules[0]!.routes).toEqual([]);
  });

  it('refuses two modules declaring the same route or the same task', () => {
    const route = { method: 'GET', path: '/things', bearer: false };
    expect(() => planDeployment([described({ name: 'a', routes: [route] }), described({ name: 'b', routes: [route] })])).toThrow(/GET \/v1\/things is declared by both a and b/);
    expect(() => planDeployment([described({ name: 'a', tasks: ['x-run'] }), described({ name: 'b', tasks: ['x-run'] })])).toThrow(/task x-run is declared by both a and b/);
  });

  it('knows which module answers task tokens and which publishes events', () => {
    const callback = { StartAt: 'W', States: { W: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken', Parameters: { FunctionName: 'f-wait', Payload: {} }, End: true } } };
    const plan = planDeployment([described({ name: 'f', tasks: ['f-wait'], workflows: ['f-job'], workflowDefinitions: { 'f-job': callback }, events: ['f.done'] })]);
    expect(plan.modules[0]).toMatchObject({ answersTaskTokens: true, publishesEvents: true });
    expect(plan.taskOwners.get('f-wait')).toBe('f');
  });

  it('maps any Hono path parameter to an API Gateway one and leaves static segments alone', () => {
    const segment = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);
    const param = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9]{0,8}$/);
    fc.assert(
      fc.property(fc.array(fc.oneof(segment.map((s) => ({ hono: s, api: s })), param.map((p) => ({ hono: `:${p}`, api: `{${p}}` }))), { minLength: 1, maxLength: 6 }), (parts) => {
        expect(apiGatewayPath(`/${parts.map((p) => p.hono).join('/')}`)).toBe(`/${parts.map((p) => p.api).join('/')}`);
      }),
    );
  });
});

describe('deployableDefinition', () => {
  it("points every task of a workflow at its owner's function and says which functions it calls", () => {
    const asl = {
      StartAt: 'A',
      States: {
        A: { Type: 'Task', Resource: 'k-read', Next: 'B' },
        B: { Type: 'Parallel', Branches: [{ StartAt: 'C', States: { C: { Type: 'Task', Resource: 'k-check', End: true } } }], End: true },
      },
    };
    const { definition, modules } = deployableDefinition('k-verify', asl, new Map([['k-read', 'kbis'], ['k-check', 'kbis']]));
    const parsed = JSON.parse(definition);
    const kbisFunction = '$' + '{fn_kbis}';
    expect(modules).toEqual(['kbis']);
    expect(parsed.States.A).toMatchObject({ Resource: kbisFunction, Parameters: { task: 'k-read', 'input.$': '$' } });
    expect(parsed.States.B.Branches[0].States.C).toMatchObject({ Resource: kbisFunction, Parameters: { task: 'k-check' } });
  });

  it('refuses a workflow calling a task no module declares', () => {
    expect(() => deployableDefinition('w', { StartAt: 'A', States: { A: { Type: 'Task', Resource: 'nobody-task', End: true } } }, new Map())).toThrow(/calls task nobody-task, which no module declares/);
  });
});

describe('readStackSettings', () => {
  it('gives the defaults for an empty context', () => {
    expect(readStackSettings(() => undefined)).toMatchObject({ stage: 'dev', region: 'eu-west-3', replicaRegions: [], provisionedConcurrency: {}, dbMinCapacity: 0, dbProxy: false, documentRetentionDays: 90, choreIntervalMinutes: 60 });
  });

  it('reads command-line strings as the CDK CLI passes them', () => {
    const context: Record<string, string> = { replicaRegions: 'eu-central-1, eu-west-1', provisionedConcurrency: '{"kbis":2}', dbProxy: 'true', logRetentionDays: '14' };
    expect(readStackSettings((k) => context[k])).toMatchObject({ replicaRegions: ['eu-central-1', 'eu-west-1'], provisionedConcurrency: { kbis: 2 }, dbProxy: true, logRetentionDays: 14 });
  });

  it('names the bad key', () => {
    expect(() => readStackSettings((k) => (k === 'stage' ? 'Prod!' : undefined))).toThrow(/bad CDK context: stage/);
    expect(() => readStackSettings((k) => (k === 'choreIntervalMinutes' ? '45' : undefined))).toThrow(/choreIntervalMinutes: must divide an hour/);
  });

  it('reads any list of regions given as a comma-separated string', () => {
    const region = fc.stringMatching(/^[a-z]{2}-[a-z]{4,7}-[1-9]$/);
    fc.assert(
      fc.property(fc.array(region, { maxLength: 5 }), (regions) => {
        expect(readStackSettings((k) => (k === 'replicaRegions' ? regions.join(',') : undefined)).replicaRegions).toEqual(regions);
      }),
    );
  });
});
