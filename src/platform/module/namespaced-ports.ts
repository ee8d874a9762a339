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
    async get<D extends KeyValueData>(pk: string, sk: string) {
      check(pk);
      return kv.get<D>(pk, sk);
    },
    async put<D extends KeyValueData>(item: PutInput<D>, options?: { condition?: WriteCondition }) {
      check(item.pk);
      return kv.put<D>(item, options);
    },
    async update<D extends KeyValueData>(pk: string, sk: string, patch: Partial<D>, options?: UpdateOptions) {
      check(pk);
      return kv.update<D>(pk, sk, patch, options);
    },
    async delete(pk, sk, options) {
      check(pk);
      return kv.delete(pk, sk, options);
    },
    async query<D extends KeyValueData>(pk: string, options?: QueryOptions) {
      check(pk);
      return kv.query<D>(pk, options);
    },
    async transactWrite(operations) {
      for (const op of operations) check('item' in op ? op.item.pk : op.pk);
      return kv.transactWrite(operations);
    },
    sweepExpired: () => kv.sweepExpired(),
  };
}

export function namespacedBlobs(module: string, blobs: BlobStore): BlobStore {
  const check = (key: string) => rules.blobKey(module, key);
  return {
    put: async (key, body, options) => {
      check(key);
      return blobs.put(key, body, options);
    },
    get: async (key) => {
      check(key);
      return blobs.get(key);
    },
    head: async (key) => {
      check(key);
      return blobs.head(key);
    },
    delete: async (key) => {
      check(key);
      return blobs.delete(key);
    },
    list: async (prefix, options) => {
      check(prefix);
      return blobs.list(prefix, options);
    },
    signedUrl: async (key, options) => {
      check(key);
      return blobs.signedUrl(key, options);
    },
  };
}

export function namespacedTimeSeries(module: string, ts: TimeSeriesStore): TimeSeriesStore {
  const check = (series: string) => rules.series(module, series);
  return {
    write: async (points) => {
      for (const p of points) check(p.series);
      return ts.write(points);
    },
    range: async (q) => {
      check(q.series);
      return ts.range(q);
    },
    aggregate: async (q) => {
      check(q.series);
      return ts.aggregate(q);
    },
    latest: async (s) => {
      check(s.series);
      return ts.latest(s);
    },
    // Retention is the platform's job, not a module's.
    deleteBefore: () => Promise.reject(new Error(`module ${module}: deleteBefore is the platform's retention, not a module's`)),
  };
}

/** Timers whose event type is one of the module's own (`<module>.`...), so that their handler is the module's. */
export type ModuleScheduler = Pick<Scheduler, 'schedule' | 'cancel' | 'reschedule' | 'get'>;

export function namespacedScheduler(module: string, scheduler: Scheduler): ModuleScheduler {
  return {
    schedule: async (input, tx) => {
      if (!input.type.startsWith(`${module}.`)) rules.dotted(module, 'timer event type', input.type);
      return scheduler.schedule(input, tx);
    },
    cancel: (id) => scheduler.cancel(id),
    reschedule: (id, at) => scheduler.reschedule(id, at),
    get: (id) => scheduler.get(id),
  };
}
