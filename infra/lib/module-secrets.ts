import type * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { acknowledge } from './nag-suppressions.ts';

/** Module configuration variables that are keys: generated per stage in Secrets Manager, never defaulted. */
export const MODULE_SECRETS: Readonly<Record<string, readonly { variable: string; what: string }[]>> = {
  affiliation: [{ variable: 'AFFILIATION_SECRET_KEY', what: "the key sealing partners' postback secrets" }],
};

/**
 * One secret per module key, generated as 64 hex digits (32 bytes: what both variables accept),
 * encrypted with the stack's key, and the environment entries that hand them to the function
 * (CloudFormation resolves the dynamic reference at deployment; the value never enters the
 * template). Rotation is a module operation, not a Secrets Manager schedule (docs/deploy.md).
 */
export function moduleSecrets(scope: Construct, prefix: string, module: string, key: kms.IKey): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { variable, what } of MODULE_SECRETS[module] ?? []) {
    const secret = new secretsmanager.Secret(scope, `${module}${variable}`, {
      secretName: `${prefix}/${module}/${variable}`,
      description: `NovaEvo ${module}: ${what}`,
      encryptionKey: key,
      generateSecretString: { passwordLength: 64, excludeUppercase: true, excludePunctuation: true, includeSpace: false, excludeCharacters: 'ghijklmnopqrstuvwxyz' },
    });
    acknowledge(secret, 'AwsSolutions-SMG4', `Rotating ${variable} is a ${module} operation (re-sealing or re-signing), described in docs/deploy.md; a blind schedule would break what it protects.`);
    env[variable] = secret.secretValue.unsafeUnwrap();
  }
  return env;
}
