/**
 * A test page's script: an Outflow instance writing to memory, instrumented on demand, and the
 * platform's own XMLHttpRequest / WebSocket / fetch members as they were before, so a test can
 * check the undo puts back exactly those. The tests play the app with plain XHR and WebSocket code.
 */
import { createOutflow, memorySink, type Outflow, type PolicyInput } from '../../../sdk/src/index';

const platform = {
  fetch: globalThis.fetch,
  xhr: { ...Object.getOwnPropertyDescriptors(XMLHttpRequest.prototype) },
  webSocket: { ...Object.getOwnPropertyDescriptors(WebSocket.prototype) },
};

let outflow: Outflow | undefined;
let restore: (() => void) | undefined;
const sink = memorySink();

const api = {
  /** Creates the instance and instruments the page; returns whether a second instrument() gave the same undo. */
  instrument(policy: PolicyInput, providers: Record<string, string>): boolean {
    outflow = createOutflow({ app: 'instrument-e2e', sessionId: 'instrument', sinks: [sink], policy, providers });
    restore = outflow.instrument();
    return outflow.instrument() === restore;
  },
  async events(): Promise<unknown[]> {
    await outflow?.flush();
    return sink.events;
  },
  /** Undoes, then names every member that differs from the platform's. */
  restore(): string[] {
    restore?.();
    const changed: string[] = [];
    if (globalThis.fetch !== platform.fetch) changed.push('fetch');
    for (const [name, target, before] of [['XMLHttpRequest', XMLHttpRequest.prototype, platform.xhr], ['WebSocket', WebSocket.prototype, platform.webSocket]] as const) {
      const now = Object.getOwnPropertyDescriptors(target);
      for (const key of new Set([...Object.keys(before), ...Object.keys(now)])) {
        const a = (before as Record<string, PropertyDescriptor>)[key];
        const b = (now as Record<string, PropertyDescriptor>)[key];
        if (a?.value !== b?.value || a?.get !== b?.get || a?.writable !== b?.writable || a?.enumerable !== b?.enumerable) changed.push(`${name}.${key}`);
      }
    }
    return changed;
  },
  /** Whether the page currently shows wrapped members. */
  wrapped(): boolean {
    return XMLHttpRequest.prototype.send !== platform.xhr.send?.value && WebSocket.prototype.send !== platform.webSocket.send?.value && globalThis.fetch !== platform.fetch;
  },
};

(window as unknown as { outflowInstrument: typeof api }).outflowInstrument = api;
