import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import type { Context } from 'aws-lambda';
import { serializeError } from '../../platform/logger.ts';

/** A Lambda handler: the payload and the invocation's context in, the response out. */
export type LambdaHandler<E = unknown, R = unknown> = (event: E, context: Context) => Promise<R>;

/** Powertools around one function: structured logs with the Lambda context, X-Ray subsegments, EMF metrics. */
export interface Instruments {
  logger: Logger;
  tracer: Tracer;
  metrics: Metrics;
}

export function instrumentsFor(service: string): Instruments {
  return {
    logger: new Logger({ serviceName: service }),
    tracer: new Tracer({ serviceName: service, captureHTTPsRequests: true }),
    metrics: new Metrics({ namespace: 'NovaEvo', serviceName: service }),
  };
}

/**
 * Wraps `run` with the function's instruments: the Lambda context in every log line, a cold
 * start metric, an X-Ray subsegment named after the invocation's `kind`, a count and a duration
 * per kind, and an error log (its class and message, never the payload: it can hold tokens and
 * personal data) before the error is rethrown, so that async sources retry and dead-letter.
 */
export function instrumented<E, R>(instruments: Instruments, kindOf: (event: E) => string, run: LambdaHandler<E, R>): LambdaHandler<E, R> {
  const { logger, tracer, metrics } = instruments;
  return async (event, context) => {
    logger.addContext(context);
    metrics.captureColdStartMetric();
    const kind = kindOf(event);
    const parent = tracer.getSegment();
    const segment = parent?.addNewSubsegment(`## ${kind}`);
    if (segment) tracer.setSegment(segment);
    const started = performance.now();
    try {
      const result = await run(event, context);
      metrics.addMetric(`${kind}Invocations`, MetricUnit.Count, 1);
      return result;
    } catch (err) {
      metrics.addMetric(`${kind}Failures`, MetricUnit.Count, 1);
      logger.error(`${kind} invocation failed`, { error: serializeError(err) });
      if (segment && err instanceof Error) segment.addError(err);
      throw err;
    } finally {
      metrics.addMetric(`${kind}Duration`, MetricUnit.Milliseconds, performance.now() - started);
      metrics.publishStoredMetrics();
      if (segment && parent) {
        segment.close();
        tracer.setSegment(parent);
      }
      logger.resetKeys();
    }
  };
}
