import { describe, expect, it } from 'vitest';
import { checkedInApiTypes, generatedApiTypes } from '../../scripts/generate-api-client.ts';

describe("the web app's API client", () => {
  it('has the types of the API as it is now (else: npm run generate:api-client, and commit the file)', async () => {
    const current = await generatedApiTypes();
    expect(await checkedInApiTypes(), 'web/src/app/api/schema.gen.ts is behind /openapi.json: run `npm run generate:api-client`').toBe(current);
  });
});
