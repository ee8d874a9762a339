import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import type { PlatformModule } from '../../src/platform/module/module.ts';
import { listedModules } from '../../src/runtime/lambda/entry-source.ts';
import { modules } from '../../src/runtime/modules.ts';
import { exampleModule } from '../../test/fixtures/example-module/index.ts';
import { buildApp } from '../lib/build-app.ts';
import type { NovaEvoStack } from '../lib/novaevo-stack.ts';

/** The platform's modules plus the module kit's example, as a developer adds one: a line in each list. */
export const withExampleModule = {
  platform: [...modules, exampleModule as unknown as PlatformModule],
  listed: [
    ...listedModules(),
    { name: 'example', exportName: 'exampleModule', definition: [`import { exampleModule } from ${JSON.stringify(path.resolve(import.meta.dirname, '../../test/fixtures/example-module/index.ts'))};`] },
  ],
};

/** A synthesised app: its stack, template and cdk-nag's report, in a folder removed by `dispose`. */
export interface Synthesised {
  stack: NovaEvoStack;
  template: Template;
  /** `validation-report.json`: the plugins (cdk-nag, CloudFormation validation) that reported anything. */
  report: { pluginReports: { pluginName: string; conclusion: string; violations: { ruleName: string }[] }[] };
  dispose(): Promise<void>;
}

/** Builds and synthesises the app for real (esbuild bundles every function) into a temporary folder. */
export async function synthesise(context: Record<string, unknown>, webDist?: string): Promise<Synthesised> {
  const outdir = await mkdtemp(path.join(os.tmpdir(), 'novaevo-cdk-'));
  const { app, stack } = await buildApp({ outdir, context, modules: withExampleModule, ...(webDist ? { webDist } : {}) });
  const assembly = app.synth();
  const template = Template.fromJSON(assembly.getStackByName(stack.stackName).template);
  const report = JSON.parse(await readFile(path.join(outdir, 'validation-report.json'), 'utf8').catch(() => '{"pluginReports":[]}'));
  return { stack, template, report, dispose: () => rm(outdir, { recursive: true, force: true }) };
}
