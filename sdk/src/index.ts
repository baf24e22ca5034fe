/**
 * The public API of `@outflow/sdk`, listed by name. Browser-safe: nothing here imports Node
 * modules (those live in `@outflow/sdk/node`). Anything not exported here is internal.
 */

// Contracts shared with the extension.
export * from './schema';

// Detection engine.

// Interception, policy and sinks.
