import { z } from 'zod';

/**
 * The NLP module's configuration section. `NLP_MODEL` picks the text-model adapter: the
 * embedded model (default, trained from the repository's corpus) or a SageMaker Serverless
 * endpoint (`NLP_SAGEMAKER_ENDPOINT`, its region from `NLP_SAGEMAKER_REGION` or the SDK's own
 * resolution, e.g. `AWS_REGION`).
 */
export const nlpConfig = z
  .object({
    NLP_MODEL: z.enum(['embedded', 'sagemaker']).default('embedded'),
    NLP_SAGEMAKER_ENDPOINT: z.string().regex(/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/, 'a SageMaker endpoint name').optional(),
    NLP_SAGEMAKER_REGION: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as eu-west-3').optional(),
    NLP_SAGEMAKER_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3000),
  })
  .refine((c) => c.NLP_MODEL !== 'sagemaker' || c.NLP_SAGEMAKER_ENDPOINT !== undefined, {
    message: 'NLP_MODEL=sagemaker needs NLP_SAGEMAKER_ENDPOINT',
    path: ['NLP_SAGEMAKER_ENDPOINT'],
  });

/** The validated section. */
export type NlpConfig = z.output<typeof nlpConfig>;
