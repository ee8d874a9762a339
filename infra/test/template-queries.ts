import type { Template } from 'aws-cdk-lib/assertions';

type Json = Record<string, any>;

/** Every resource of `type`, by logical id. */
export const resourcesOf = (t: Template, type: string): [string, Json][] => Object.entries(t.findResources(type));

/** The logical id of the function named `novaevo-<stage>-<name>`. */
export function functionId(t: Template, name: string, stage = 'dev'): string {
  const found = resourcesOf(t, 'AWS::Lambda::Function').find(([, r]) => r.Properties.FunctionName === `novaevo-${stage}-${name}`);
  if (!found) throw new Error(`no function ${name}`);
  return found[0];
}

/** The IAM statements attached to a role, from every AWS::IAM::Policy naming it. */
export function statementsOfRole(t: Template, roleId: string): Json[] {
  return resourcesOf(t, 'AWS::IAM::Policy')
    .filter(([, p]) => (p.Properties.Roles as Json[]).some((r) => r.Ref === roleId))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Json[]);
}

/** The IAM statements of a function's execution role. */
export function statementsOfFunction(t: Template, name: string, stage = 'dev'): Json[] {
  const fn = t.findResources('AWS::Lambda::Function')[functionId(t, name, stage)]!;
  return statementsOfRole(t, fn.Properties.Role['Fn::GetAtt'][0]);
}

/** The actions of statements, flattened. */
export const actionsOf = (statements: Json[]): string[] => statements.flatMap((s) => [].concat(s.Action));

/** Whether any statement mentions the logical id (a Ref or GetAtt of it) in its resources. */
export const reaches = (statements: Json[], logicalId: string): boolean => statements.some((s) => JSON.stringify(s.Resource ?? '').includes(`"${logicalId}"`));

/** The logical id of the only resource of `type` whose properties contain `needle`. */
export function idWhere(t: Template, type: string, needle: string): string {
  const found = resourcesOf(t, type).filter(([, r]) => JSON.stringify(r.Properties).includes(needle));
  if (found.length !== 1) throw new Error(`${found.length} ${type} contain ${needle}`);
  return found[0]![0];
}
