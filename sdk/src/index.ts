/**
 * The public API of `@outflow/sdk`, listed by name. Browser-safe: nothing here imports Node
 * modules (those live in `@outflow/sdk/node`). Anything not exported here is internal.
 */

// Contracts shared with the extension.
export * from './schema';

// Detection engine.
export { scan, createScanner, fingerprint, BUILTIN_DETECTORS } from './detect/index';
export type { Scanner, ScannerOptions, ScanFinding, Detector, DetectorExamples, Span, Trigger } from './detect/index';

// Interception, policy and sinks.
export { createOutflow, type Outflow, type OutflowOptions, type OutflowStats } from './outflow';
export type { InstrumentOptions } from './instrument/index';
export { compilePolicy, type CompiledPolicy } from './policy';
export { memorySink, type MemorySink } from './sinks/memory';
export { consoleSink, type ConsoleSinkOptions } from './sinks/console';
export { extensionBridgeSink, type BridgeWindow, type ExtensionBridgeSink, type ExtensionBridgeSinkOptions } from './sinks/extension-bridge';
export type { Sink } from './sinks/types';
export type { OutflowStage } from './intercept/fetch';
export { OutflowError, OutflowConfigError, OutflowBlockedError, OutflowBudgetError, OutflowSignalError } from './errors';

// Budgets and usage signals.
export { explainSignal } from './signals/explain';
export { memoryBudgetStore, webStorageBudgetStore, type BudgetStore, type KeyValueStorage } from './budgets/store';
export type { WindowState, Bucket } from './budgets/window';
export { estimateTokens } from './budgets/tokens';
