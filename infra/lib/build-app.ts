import path from 'node:path';
import { App, type Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { PlatformModule } from '../../src/platform/module/module.ts';
import { describeModules } from '../../src/runtime/describe-modules.ts';
import { DEFAULT_ENTRY_DIR, lambdaEntries, type ListedModule, listedModules } from '../../src/runtime/lambda/entry-source.ts';
import { lambdaBundling } from '../../src/runtime/lambda/bundle.ts';
import { functionSettings } from '../../src/runtime/lambda/function-settings.ts';
import { modules as platformModules } from '../../src/runtime/modules.ts';
import { planDeployment } from './module-plan.ts';
import { acknowledgeJustifiedWildcards } from './nag-suppressions.ts';
import { NovaEvoStack } from './novaevo-stack.ts';
import { PROJECT_ROOT } from './platform-function.ts';
import { readStackSettings } from './settings.ts';
import { writeEntries } from './write-entries.ts';

export interface BuildAppOptions {
  /** The modules to deploy (default: src/runtime/modules.ts) and how an entry file imports each. */
  modules?: { platform: readonly PlatformModule[]; listed: readonly ListedModule[] };
  /** Where the synthesised templates and assets go (default infra/cdk.out). */
  outdir?: string;
  /** CDK context, e.g. `{ stage: 'prod', provisionedConcurrency: { kbis: 2 } }` (the CLI's `-c` values land here too). */
  context?: Record<string, unknown>;
  /** The built web app (default web/dist). */
  webDist?: string;
}

/**
 * The CDK app: describes the modules (their own declarations, on inert ports), writes one entry
 * file per function, builds the stack from both, and applies cdk-nag's AWS Solutions checks.
 * Needs no AWS credentials and no network: the account stays unresolved, nothing is looked up.
 */
export async function buildApp(options: BuildAppOptions): Promise<{ app: App; stack: NovaEvoStack }> {
  const outdir = options.outdir ?? path.join(PROJECT_ROOT, 'infra', 'cdk.out');
  const app = new App({ outdir, context: options.context ?? {} });
  const settings = readStackSettings((k) => app.node.tryGetContext(k));
  const chosen = options.modules ?? { platform: platformModules, listed: listedModules() };
  const plan = planDeployment(await describeModules(chosen.platform));
  const described = plan.modules.map((m) => m.name).join(',');
  const listed = chosen.listed.map((m) => m.name).join(',');
  if (described !== listed) throw new Error(`module list and entry list differ: ${described} vs ${listed}`);
  const entries = await writeEntries(DEFAULT_ENTRY_DIR, lambdaEntries(chosen.listed));
  const stack = new NovaEvoStack(app, `NovaEvo-${settings.stage}`, {
    env: { region: settings.region },
    description: `NovaEvo platform (${settings.stage})`,
    settings,
    plan,
    webDist: options.webDist ?? path.join(PROJECT_ROOT, 'web', 'dist'),
    lambdas: {
      entryOf: (name) => {
        const entry = entries.get(name);
        if (!entry) throw new Error(`no Lambda entry was generated for ${name}`);
        return entry;
      },
      settingsOf: functionSettings,
      bundling: lambdaBundling(),
    },
  });
  applyAwsSolutionsChecks(app, stack);
  return { app, stack };
}

/**
 * cdk-nag's AWS Solutions rules on the whole app, with the justified wildcards of `stack`
 * acknowledged (the other acknowledgements sit where their resource is made). Synthesis then
 * fails on any finding left.
 */
export function applyAwsSolutionsChecks(app: App, stack: Stack): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  acknowledgeJustifiedWildcards(stack);
}
