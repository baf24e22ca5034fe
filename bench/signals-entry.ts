/** What the signals benchmark loads as shipped (bundled): the usage guard and the token estimate. */
export { createUsageGuard } from '../sdk/src/usage/guard';
export { estimateTokens as estimateTokensForBench } from '../sdk/src/budgets/tokens';
