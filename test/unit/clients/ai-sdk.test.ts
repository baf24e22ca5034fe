import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateText, streamText } from 'ai';
import { createOpenAI } from '@ai-sdk/openai';
import { FlowEventSchema } from '../../../sdk/src/schema';
import { EMAIL, setup } from '../intercept/helpers';

test('Vercel AI SDK: generateText and streamText through createOpenAI({ fetch: outflow.fetch })', async () => {
  const { fake, sink, outflow } = await setup({ policy: { rules: [{ types: ['EMAIL'], action: 'redact' }] } });
  const openai = createOpenAI({ baseURL: `${fake.url}/v1`, apiKey: 'sk-fake', fetch: outflow.fetch });

  // The v3 provider's default model speaks the Responses API; `.chat()` speaks Chat Completions.
  const generated = await generateText({ model: openai('gpt-4o-mini'), prompt: `Write to ${EMAIL}`, maxRetries: 0 });
  assert.match(generated.text, /^Summary:/);
  const streamed = streamText({ model: openai.chat('gpt-4o-mini'), prompt: `Write to ${EMAIL}`, maxRetries: 0 });
  let text = '';
  for await (const delta of streamed.textStream) text += delta;
  assert.match(text, /^Summary:/);

  await outflow.flush();
  for (const event of sink.events) FlowEventSchema.parse(event);
  assert.deepEqual(sink.events.map((e) => [e.destination.api, e.decision, e.response?.streamed]), [['openai-responses', 'redacted', false], ['openai-chat', 'redacted', true]]);
  assert.deepEqual(sink.events.map((e) => e.findings.map((f) => f.field)), [['input[0].content[0].text'], ['messages[0].content']]);
  assert.ok(fake.requests.every((r) => !r.body.includes(EMAIL) && r.body.includes('[EMAIL_1]')));
  assert.ok((sink.events[1]?.response?.tokensOut ?? 0) > 0);
});
