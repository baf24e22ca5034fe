import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeUsage, usageFrom, type TokenUsage } from '../../../sdk/src/providers/usage';

test('usage from each provider shape', () => {
  assert.deepEqual(usageFrom({ usage: { prompt_tokens: 10, completion_tokens: 3 } }), { tokensIn: 10, tokensOut: 3 });
  assert.deepEqual(usageFrom({ type: 'response.completed', response: { usage: { input_tokens: 7, output_tokens: 2 } } }), { tokensIn: 7, tokensOut: 2 });
  assert.deepEqual(usageFrom({ type: 'message_start', message: { usage: { input_tokens: 5, cache_read_input_tokens: 100, output_tokens: 1 } } }), { tokensIn: 105, tokensOut: 1 });
  assert.deepEqual(usageFrom({ usageMetadata: { promptTokenCount: 4, candidatesTokenCount: 6, thoughtsTokenCount: 2 } }), { tokensIn: 4, tokensOut: 8 });
  assert.deepEqual(usageFrom({ done: true, prompt_eval_count: 9, eval_count: 11 }), { tokensIn: 9, tokensOut: 11 });
  assert.equal(usageFrom({ choices: [] }), undefined);
});

test('later reports win field by field (Anthropic: input first, output last)', () => {
  const usage: TokenUsage = {};
  mergeUsage(usage, usageFrom({ message: { usage: { input_tokens: 12, output_tokens: 1 } } }));
  mergeUsage(usage, usageFrom({ type: 'message_delta', usage: { output_tokens: 40 } }));
  assert.deepEqual(usage, { tokensIn: 12, tokensOut: 40 });
});
