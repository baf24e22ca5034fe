/**
 * Where budget counters live. In a browser, Web Storage, so they survive a page reload: a
 * session-scoped budget in `sessionStorage` (one tab, like the session id), every other scope in
 * `localStorage` (shared by the origin's tabs). Each counter is read before and written after
 * every call, so two tabs of one app count together. Elsewhere (Node), in memory: per process.
 * A store that fails (storage disabled, quota) is replaced by memory for the rest of the page's
 * life, and the failure reported: a budget never breaks a call.
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

export function webStorageBudgetStore(storage: KeyValueStorage): BudgetStore {
  return {
    read(key) {
      const raw = storage.getItem(PREFIX + key);
      if (raw === null) return undefined;
      const state = JSON.parse(raw) as unknown;
      return isWindowState(state) ? state : undefined;
    },
    write(key, state) {
      storage.setItem(PREFIX + key, JSON.stringify(state));
    },
  };
}

function isWindowState(value: unknown): value is WindowState {
  if (typeof value !== 'object' || value === null) return false;
  const { bucketMs, buckets } = value as Partial<WindowState>;
  return typeof bucketMs === 'number' && Array.isArray(buckets) && buckets.every((b) => Array.isArray(b) && b.length === 4 && b.every((n) => typeof n === 'number' && Number.isFinite(n)));
}

/** The store each scope uses by default: Web Storage in a browser, memory elsewhere. */
export function defaultBudgetStores(): (scope: Budget['scope']) => BudgetStore {
  const local = webStorage('localStorage');
  const session = webStorage('sessionStorage');
  const memory = memoryBudgetStore();
  const localStore = local ? webStorageBudgetStore(local) : memory;
  const sessionStore = session ? webStorageBudgetStore(session) : memory;
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
