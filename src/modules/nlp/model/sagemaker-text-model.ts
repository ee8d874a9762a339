import { InvokeEndpointCommand, SageMakerRuntimeClient, type SageMakerRuntimeClientConfig } from '@aws-sdk/client-sagemaker-runtime';
import { AppError } from '../../../platform/errors.ts';
import { type TextModel, type TextPrediction, textPredictionSchema } from './text-model.ts';

/** How the adapter reaches its endpoint. */
export interface SageMakerTextModelOptions {
  /** The SageMaker endpoint's name (a Serverless Inference endpoint). */
  endpointName: string;
  /** Region, credentials, endpoint override (tests): passed to the SDK client as they are. */
  client?: SageMakerRuntimeClientConfig;
  /** Each invocation is abandoned after this long (a cold start included). */
  timeoutMs: number;
}

const unavailable = (detail: string, cause?: unknown) =>
  new AppError(503, 'NLP_MODEL_UNAVAILABLE', `The text model could not be reached: ${detail}. Try again in a moment.`, { cause });

/**
 * The hosted adapter of the text-model port: InvokeEndpoint on a SageMaker Serverless endpoint.
 * The request is `application/json` `{"text": "<the owner's words>"}`; the answer must be a
 * prediction (`{categoryScores, urgencyScores}`, every category and urgency with a probability),
 * checked against the port's schema. An unreachable or failing endpoint is AppError 503
 * NLP_MODEL_UNAVAILABLE, an answer of the wrong shape 502 NLP_MODEL_INVALID_ANSWER: never a 500.
 *
 * @example
 * const model = new SageMakerTextModel({ endpointName: 'novaevo-nlp', client: { region: 'eu-west-3' }, timeoutMs: 3000 });
 * const { categoryScores } = await model.predict('grinding noise when braking');
 */
export class SageMakerTextModel implements TextModel {
  readonly #client: SageMakerRuntimeClient;

  constructor(private readonly options: SageMakerTextModelOptions) {
    // One retry: a Serverless endpoint may refuse the first call of a cold start.
    this.#client = new SageMakerRuntimeClient({ maxAttempts: 2, ...options.client });
  }

  async predict(text: string): Promise<TextPrediction> {
    let body: Uint8Array | undefined;
    try {
      const answer = await this.#client.send(
        new InvokeEndpointCommand({
          EndpointName: this.options.endpointName,
          ContentType: 'application/json',
          Accept: 'application/json',
          Body: new TextEncoder().encode(JSON.stringify({ text })),
        }),
        { abortSignal: AbortSignal.timeout(this.options.timeoutMs) },
      );
      body = answer.Body;
    } catch (err) {
      throw unavailable((err as Error).name ?? 'error', err);
    }
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(body ?? new Uint8Array()));
    } catch (err) {
      throw invalidAnswer('not JSON', err);
    }
    const parsed = textPredictionSchema.safeParse(json);
    if (!parsed.success) throw invalidAnswer(parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; '));
    return parsed.data;
  }

  /** Releases the client's connections. */
  close(): void {
    this.#client.destroy();
  }
}

function invalidAnswer(detail: string, cause?: unknown): AppError {
  return new AppError(502, 'NLP_MODEL_INVALID_ANSWER', `The text model answered something that is not a prediction: ${detail}.`, { cause });
}
