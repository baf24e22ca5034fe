/**
 * Where budget counters live. In a browser, Web Storage, so they survive a page reload: a
 * session-scoped budget in `sessionStorage` (one tab, like the session id), every other scope in
 * `localStorage` (shared by the origin's tabs). Each counter is read before and written after
 * every call, so two tabs of one app count together. Elsewhere (Node), in memory, one store per
 * process: instances with the same budget count together (a `provider` budget covers every app
 * of the process), other processes not at all.
 * Storage that fails (disabled, over quota) is replaced by memory for the rest of the page's
 * life: a budget never breaks a call.
 */
import type { Budget } from '../schema';
import type { WindowState } from './window';

/** A place to keep budget counters. `read` and `write` are synchronous: they sit on the call's path. */
export interface BudgetStore {
  read(key: string): WindowState | undefined;
  write(key: string, state: WindowState): void;
}

export function memoryBudgetStore(): BudgetStore {
  const states = new Map<string, WindowState>();
  return { read: (key) => states.get(key), write: (key, state) => void states.set(key, state) };
}

/** The part of the Web Storage API the store uses. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const PREFIX = 'outflow:budget:';

/**
 * Counters in Web Storage under `outflow:budget:<key>`. A value that does not parse as a counter
 * (edited by hand, written by another version) starts again; once the storage refuses a read or
 * a write (disabled, over quota), counters stay in memory for the rest of the page's life.
 */
export function webStorageBudgetStore(storage: KeyValueStorage): BudgetStore {
  const memory = memoryBudgetStore();
  let failed = false;
  return {
    read(key) {
      if (failed) return memory.read(key);
      let raw: string | null;
      try {
        raw = storage.getItem(PREFIX + key);
      } catch {
        failed = true;
        return memory.read(key);
      }
      if (raw === null) return undefined;
      try {
        const state = JSON.parse(raw) as unknown;
        return isWindowState(state) ? state : undefined;
      } catch {
        return undefined;
      }
    },
    write(key, state) {
      if (!failed) {
        try {
          storage.setItem(PREFIX + key, JSON.stringify(state));
          return;
        } catch {
          failed = true;
        }
      }
      memory.write(key, state);
    },
  };
}

function isWindowState(value: unknown): value is WindowState {
  if (typeof value !== 'object' || value === null) return false;
  const { bucketMs, buckets } = value as Partial<WindowState>;
  return typeof bucketMs === 'number' && Array.isArray(buckets) && buckets.every((b) => Array.isArray(b) && b.length === 4 && b.every((n) => typeof n === 'number' && Number.isFinite(n)));
}

/** Counters of the instances that have no Web Storage: one per process (or page), so every instance in it counts together. */
const processStore = memoryBudgetStore();

/** The store each scope uses by default: Web Storage in a browser, the process's memory elsewhere. */
export function defaultBudgetStores(): (scope: Budget['scope']) => BudgetStore {
  const local = webStorage('localStorage');
  const session = webStorage('sessionStorage');
  const localStore = local ? webStorageBudgetStore(local) : processStore;
  const sessionStore = session ? webStorageBudgetStore(session) : processStore;
  return (scope) => (scope === 'session' ? sessionStore : localStore);
}

function webStorage(name: 'localStorage' | 'sessionStorage'): KeyValueStorage | undefined {
  try {
    const storage = (globalThis as Record<string, unknown>)[name] as KeyValueStorage | undefined;
    return storage && typeof storage.getItem === 'function' ? storage : undefined;
  } catch {
    // Reading the property throws where storage is disabled (sandboxed frames, some privacy modes).
    return undefined;
  }
}
