/**
 * `node --import tsx src/runtime/lambda/complete-bundle.ts <function folder>`: what the CDK
 * app's afterBundling hook runs once esbuild wrote a function's bundle (see bundle.ts).
 */
import { completeBundle } from './bundle.ts';

const outdir = process.argv[2];
if (!outdir) {
  console.error('usage: complete-bundle.ts <folder holding index.mjs and index.meta.json>');
  process.exit(2);
}
const done = await completeBundle(outdir);
console.log(`lambda bundle completed: ${done.assets.length} asset(s), node_modules: ${done.nodeModules.join(', ') || 'none'}`);
