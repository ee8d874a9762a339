import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { checkedInApiTypes, generatedApiTypes } from '../../scripts/generate-api-client.ts';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

describe("the web app's sources", () => {
  it('have the API types of the API as it is now (else: npm run generate:api-client, and commit the file)', async () => {
    const current = await generatedApiTypes();
    expect(await checkedInApiTypes(), 'web/src/app/api/schema.gen.ts is behind /openapi.json: run `npm run generate:api-client`').toBe(current);
  });

  // The root typecheck does not see web/ (its own tsconfig: DOM, JSX), and Vite builds without checking types.
  it('type-check against the generated API client', async () => {
    const run = await promisify(execFile)(process.execPath, [tsc, '--noEmit', '-p', 'web/tsconfig.json']).then(
      () => '',
      (err: { stdout?: string }) => err.stdout ?? String(err),
    );
    expect(run).toBe('');
  }, 180_000);
});
