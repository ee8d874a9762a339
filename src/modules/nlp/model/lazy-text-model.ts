import type { TextModel, TextPrediction } from './text-model.ts';

/** A model that may hold connections to release at shutdown (the hosted adapter's client). */
export type ClosableTextModel = TextModel & { close?(): void };

/**
 * A text model loaded on first use and shared by every request after it: module init stays
 * free of I/O (describeModules initialises modules on inert ports), and the first analysis
 * pays the load once. Concurrent first calls share one load; a failed load is retried by the
 * next call instead of being remembered.
 */
export function lazyTextModel(load: () => Promise<ClosableTextModel>): TextModel & { loaded(): boolean; close(): Promise<void> } {
  let model: Promise<ClosableTextModel> | undefined;
  let ready = false;
  return {
    loaded: () => ready,
    async close() {
      const loading = model;
      model = undefined;
      ready = false;
      (await loading?.catch(() => undefined))?.close?.();
    },
    async predict(text: string): Promise<TextPrediction> {
      model ??= load().then(
        (m) => {
          ready = true;
          return m;
        },
        (err: unknown) => {
          model = undefined;
          throw err;
        },
      );
      return (await model).predict(text);
    },
  };
}
