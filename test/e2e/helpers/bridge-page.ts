/**
 * The test page's script: the SDK's real extension-bridge sink, exposed as `window.outflowBridge`
 * so tests can write events, flush and read its state. Short resend delay: tests stop the worker.
 */
import { extensionBridgeSink } from '../../../sdk/src/sinks/extension-bridge';

const sink = extensionBridgeSink({ app: 'bridge-e2e', resendAfterMs: 400, readyTimeoutMs: 5000, flushTimeoutMs: 20_000 });
(window as unknown as { outflowBridge: typeof sink }).outflowBridge = sink;
// Events a previous page of this tab left unacknowledged, taken over at creation.
(window as unknown as { outflowRestored: number }).outflowRestored = sink.pending;
