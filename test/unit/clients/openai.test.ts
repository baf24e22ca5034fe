import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { FlowEventSchema } from '../../../sdk/src/schema';
import { OutflowBlockedError } from '../../../sdk/src/errors';
import { AWS_KEY, CARD, EMAIL, setup } from '../intercept/helpers';

const policy = { rules: [{ types: ['EMAIL'], action: 'redact' as const }, { categories: ['secret' as const], action: 'block' as const }] };

test('openai client: chat (JSON and stream), responses and embeddings through outflow.fetch', async () => {
  const { fake, sink, outflow } = await setup({ policy });
  const openai = new OpenAI({ apiKey: 'sk-fake', baseURL: `${fake.url}/v1`, fetch: outflow.fetch, maxRetries: 0 });

  const completion = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'system', content: 'You are terse.' }, { role: 'user', content: `Refund card ${CARD} for ${EMAIL}` }],
  });
  assert.match(completion.choices[0]?.message.content ?? '', /^Summary:/);

  const stream = await openai.chat.completions.create({ model: 'gpt-4o-mini', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'Hello' }] });
  let streamed = '';
  for await (const chunk of stream) streamed += chunk.choices[0]?.delta.content ?? '';
  assert.match(streamed, /^Summary:/);

  const response = await openai.responses.create({ model: 'gpt-4o-mini', instructions: 'Be kind', input: [{ role: 'user', content: [{ type: 'input_text', text: `Mail ${EMAIL}` }] }] });
  assert.match(response.output_text, /^Summary:/);

  const embedding = await openai.embeddings.create({ model: 'text-embedding-3-small', input: ['plain', `card ${CARD}`] });
  assert.equal(embedding.data.length, 2);

  // The client wraps whatever its fetch throws: the block arrives as the error's `cause`.
  await assert.rejects(
    openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: `key ${AWS_KEY}` }] }),
    (error: unknown) => error instanceof OpenAI.APIConnectionError && error.cause instanceof OutflowBlockedError,
  );

  await outflow.flush();
  assert.equal(fake.requests.length, 4);
  const [chat, chatStream, responses, embeddings, blocked] = sink.events;
  for (const event of sink.events) FlowEventSchema.parse(event);
  assert.deepEqual(
    sink.events.map((e) => [e.destination.api, e.destination.model, e.decision]),
    [
      ['openai-chat', 'gpt-4o-mini', 'redacted'],
      ['openai-chat', 'gpt-4o-mini', 'allowed'],
      ['openai-responses', 'gpt-4o-mini', 'redacted'],
      ['openai-embeddings', 'text-embedding-3-small', 'allowed'],
      ['openai-chat', 'gpt-4o-mini', 'blocked'],
    ],
  );
  assert.equal(chat?.destination.provider, 'openai-compatible');
  assert.deepEqual(chat?.findings.map((f) => [f.type, f.field, f.action]), [['CREDIT_CARD', 'messages[1].content', 'log'], ['EMAIL', 'messages[1].content', 'redact']]);
  assert.equal((fake.requests[0]?.json as { messages: { content: string }[] }).messages[1]?.content, `Refund card ${CARD} for [EMAIL_1]`);
  assert.deepEqual([chatStream?.response?.streamed, chatStream?.response?.tokensIn !== undefined, chatStream?.response?.tokensOut !== undefined], [true, true, true]);
  assert.deepEqual(responses?.findings.map((f) => f.field), ['input[0].content[0].text']);
  assert.deepEqual(embeddings?.findings.map((f) => [f.type, f.field]), [['CREDIT_CARD', 'input[1]']]);
  assert.equal(embeddings?.response?.tokensIn, embedding.usage.prompt_tokens);
  assert.equal(blocked?.findings[0]?.type, 'AWS_ACCESS_KEY');
});

test('openai client with its default retries: a blocked call is one event, and no attempt leaves', async () => {
  const { fake, sink, outflow } = await setup({ policy });
  const openai = new OpenAI({ apiKey: 'sk-fake', baseURL: `${fake.url}/v1`, fetch: outflow.fetch, maxRetries: 2 });
  const blockedIds = new Set<string>();

  for (let i = 0; i < 2; i++) {
    await assert.rejects(
      openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: `key ${AWS_KEY}` }] }),
      (error: unknown) => {
        const cause = error instanceof OpenAI.APIConnectionError ? error.cause : undefined;
        if (!(cause instanceof OutflowBlockedError)) return false;
        blockedIds.add(cause.eventId);
        return true;
      },
    );
  }
  await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello' }] });
  await outflow.flush();

  assert.equal(fake.requests.length, 1, 'only the clean call reached the provider');
  // Each user-level call is one event, whatever the client retried underneath; seq has no gaps.
  assert.deepEqual(sink.events.map((e) => [e.seq, e.decision]), [[0, 'blocked'], [1, 'blocked'], [2, 'allowed']]);
  assert.deepEqual([...blockedIds], sink.events.slice(0, 2).map((e) => e.id));
});
