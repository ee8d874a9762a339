import type { BlobStore } from '../ports/blob-store.ts';
import type { KeyValueData, KeyValueTable, PutInput, QueryOptions, UpdateOptions, WriteCondition } from '../ports/key-value.ts';
import type { Scheduler } from '../ports/scheduler.ts';
import type { TimeSeriesStore } from '../ports/time-series.ts';
import { moduleNameRules as rules } from './names.ts';

/**
 * A module's views of the shared stores: the same adapters, refusing names outside the
 * module's prefix, so that one module can neither read nor clobber another's data by mistake.
 */
export function namespacedKv(module: string, kv: KeyValueTable): KeyValueTable {
  const check = (pk: string) => rules.kvPartition(module, pk);
  return {
    get<D extends KeyValueData>(pk: string, sk: string) {
      check(pk);
      return kv.get<D>(pk, sk);
    },
    put<D extends KeyValueData>(item: PutInput<D>, options?: { condition?: WriteCondition }) {
      check(item.pk);
      return kv.put<D>(item, options);
    },
    update<D extends KeyValueData>(pk: string, sk: string, patch: Partial<D>, options?: UpdateOptions) {
      check(pk);
      return kv.update<D>(pk, sk, patch, options);
    },
    delete(pk, sk, options) {
      check(pk);
      return kv.delete(pk, sk, options);
    },
    query<D extends KeyValueData>(pk: string, options?: QueryOptions) {
      check(pk);
      return kv.query<D>(pk, options);
    },
    transactWrite(operations) {
      for (const op of operations) check('item' in op ? op.item.pk : op.pk);
      return kv.transactWrite(operations);
    },
    sweepExpired: () => kv.sweepExpired(),
  };
}

export function namespacedBlobs(module: string, blobs: BlobStore): BlobStore {
  return {
    put: (key, body, options) => (rules.blobKey(module, key), blobs.put(key, body, options)),
    get: (key) => (rules.blobKey(module, key), blobs.get(key)),
    head: (key) => (rules.blobKey(module, key), blobs.head(key)),
    delete: (key) => (rules.blobKey(module, key), blobs.delete(key)),
    list: (prefix, options) => (rules.blobKey(module, prefix), blobs.list(prefix, options)),
    signedUrl: (key, options) => (rules.blobKey(module, key), blobs.signedUrl(key, options)),
  };
}

export function namespacedTimeSeries(module: string, ts: TimeSeriesStore): TimeSeriesStore {
  return {
    write: (points) => {
      for (const p of points) rules.series(module, p.series);
      return ts.write(points);
    },
    range: (q) => (rules.series(module, q.series), ts.range(q)),
    aggregate: (q) => (rules.series(module, q.series), ts.aggregate(q)),
    latest: (s) => (rules.series(module, s.series), ts.latest(s)),
    // Retention is the platform's job: a module may only trim its own series through range deletes.
    deleteBefore: () => Promise.reject(new Error(`module ${module}: deleteBefore is the platform's retention, not a module's`)),
  };
}

/** Timers whose event type is one of the module's own (`<module>.`...), so that their handler is the module's. */
export type ModuleScheduler = Pick<Scheduler, 'schedule' | 'cancel' | 'reschedule' | 'get'>;

export function namespacedScheduler(module: string, scheduler: Scheduler): ModuleScheduler {
  return {
    schedule: (input, tx) => {
      if (!input.type.startsWith(`${module}.`)) rules.dotted(module, 'timer event type', input.type);
      return scheduler.schedule(input, tx);
    },
    cancel: (id) => scheduler.cancel(id),
    reschedule: (id, at) => scheduler.reschedule(id, at),
    get: (id) => scheduler.get(id),
  };
}
