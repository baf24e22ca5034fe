/**
 * One background query as component state: re-asked whenever `deps` change, answers that arrive
 * after a newer question are dropped (a slow page-1 reply must not overwrite page 2).
 */
import { useEffect, useState } from 'preact/hooks';

export type Loaded<T> = { status: 'loading'; data?: T } | { status: 'ready'; data: T } | { status: 'error'; error: string; data?: T };

export function useAsk<T>(query: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  useEffect(() => {
    let current = true;
    setState((previous) => (previous.data === undefined ? { status: 'loading' } : { status: 'loading', data: previous.data }));
    query().then(
      (data) => current && setState({ status: 'ready', data }),
      (error: unknown) => current && setState({ status: 'error', error: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      current = false;
    };
  }, deps);
  return state;
}
