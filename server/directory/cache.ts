/**
 * A per-process cache of list pages, keyed by the query and by the directory's data
 * version (the newest change number of each listed table, and the last sync), so a write anywhere makes
 * every cached page stale at once. Popular queries (the home page, a prefix being typed
 * by many firms) then cost one index probe; a TTL bounds staleness from edits that
 * change no change number (a hard delete).
 */
import { LRUCache } from 'lru-cache';
import type { Database } from '../db/client';
import { directoryVersion } from '../db/directory-version';

export interface ListCache {
  /** Returns the cached value for `key` at the current data version, or computes and stores it. */
  get<T extends object>(key: string, compute: () => Promise<T>): Promise<T>;
}

const TTL_MS = 60_000;

export function createListCache(database: Database, max: number): ListCache {
  if (max === 0) return { get: (_key, compute) => compute() };
  const cache = new LRUCache<string, { version: string; value: object }>({ max, ttl: TTL_MS });
  return {
    async get<T extends object>(key: string, compute: () => Promise<T>): Promise<T> {
      const v = await directoryVersion(database);
      const hit = cache.get(key);
      if (hit && hit.version === v) return hit.value as T;
      const value = await compute();
      cache.set(key, { version: v, value });
      return value;
    },
  };
}
