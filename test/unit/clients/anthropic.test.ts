import { test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { FlowEventSchema } from '../../../sdk/src/schema';
import { EMAIL, OTHER_EMAIL, setup } from '../intercept/helpers';

test('anthropic client: messages JSON and stream through outflow.fetch, redacted as the server received it', async () => {
  const { fake, sink, outflow } = await setup({ policy: { rules: [{ types: ['EMAIL'], action: 'redact' }] } });
  const anthropic = new Anthropic({ apiKey: 'sk-ant-fake', baseURL: fake.url, fetch: outflow.fetch, maxRetries: 0 });

  const message = await anthropic.messages.create({
    model: 'claude-sonnet-4-5',
    max_tokens: 100,
    system: `Customer: ${EMAIL}`,
    messages: [{ role: 'user', content: [{ type: 'text', text: `Forward to ${OTHER_EMAIL} and ${EMAIL}` }] }],
  });
  assert.equal(message.content[0]?.type, 'text');

  const stream = anthropic.messages.stream({ model: 'claude-sonnet-4-5', max_tokens: 100, messages: [{ role: 'user', content: 'Hello' }] });
  let text = '';
  for await (const event of stream) if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
  const final = await stream.finalMessage();
  assert.match(text, /^Summary:/);

  await outflow.flush();
  assert.deepEqual(fake.requests[0]?.json, {
    model: 'claude-sonnet-4-5',
    max_tokens: 100,
    system: 'Customer: [EMAIL_1]',
    messages: [{ role: 'user', content: [{ type: 'text', text: 'Forward to [EMAIL_2] and [EMAIL_1]' }] }],
  });
  const [json, streamed] = sink.events;
  for (const event of sink.events) FlowEventSchema.parse(event);
  assert.equal(json?.destination.api, 'anthropic-messages');
  assert.deepEqual(json?.findings.map((f) => [f.type, f.field, f.count]), [['EMAIL', 'system', 1], ['EMAIL', 'messages[0].content[0].text', 2]]);
  assert.equal(json?.response?.tokensIn, message.usage.input_tokens);
  assert.equal(streamed?.response?.streamed, true);
  assert.equal(streamed?.response?.tokensIn, final.usage.input_tokens);
  assert.equal(streamed?.response?.tokensOut, final.usage.output_tokens);
});
