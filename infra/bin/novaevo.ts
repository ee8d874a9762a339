/**
 * `npm run synth`: writes the CloudFormation templates and bundled assets to infra/cdk.out.
 * Also the `app` of cdk.json, so `npx cdk synth|diff|deploy` run the same code. Context keys
 * (`-c stage=prod`, cdk.json's "context") are listed in infra/lib/settings.ts.
 */
import { buildApp } from '../lib/build-app.ts';

// Under the cdk CLI, context arrives in CDK_CONTEXT_JSON (App reads it) and the output folder in CDK_OUTDIR.
const { app } = await buildApp({ ...(process.env.CDK_OUTDIR ? { outdir: process.env.CDK_OUTDIR } : {}) });
app.synth();
