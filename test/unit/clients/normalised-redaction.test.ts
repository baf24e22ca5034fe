/**
 * Values written in an encoded form, sent through the real `openai` client under a redact
 * policy: the provider receives the placeholder where the encoded value was, and the event
 * records them as the plain values would be, with no raw value.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { FlowEventSchema } from '../../../sdk/src/schema';
import { fingerprint, scan } from '../../../sdk/src/detect/index';
import { setup } from '../intercept/helpers';

const KEY = 'a-fingerprint-key-of-at-least-32-bytes';
const EMAIL = 'jane.doe@acme-corp.com';
const AWS_KEY = 'AKIAQ3EGRWK7ZJ4NMXPL';
const policy = { rules: [{ types: ['EMAIL', 'CREDIT_CARD'], action: 'redact' as const }, { categories: ['secret' as const], action: 'redact' as const }] };

test('openai client, redact policy: the request carries the placeholder where the encoded value was, one per value however written', async () => {
  const { fake, sink, outflow } = await setup({ policy, fingerprintKey: KEY });
  const openai = new OpenAI({ apiKey: 'sk-fake', baseURL: `${fake.url}/v1`, fetch: outflow.fetch, maxRetries: 0 });
  const before = 'AWS_ACCESS_KEY_ID=';
  const env = btoa(`${before}${AWS_KEY}\nREGION=eu-west-1\n`);
  // The key's bytes, 18 to 38, sit in quartets 6 to 12: base64 characters 24 to 52.
  const [keyStart, keyEnd] = [(Math.floor(before.length / 3) * 4), Math.ceil((before.length + AWS_KEY.length) / 3) * 4];
  const content = [
    'Mail jane.doe%40acme-corp.com and jane.doe&#64;acme-corp.com,',
    'card ４５３９\u200b１４８８\u200b０３４３\u200b６４６７,',
    `and this env file: ${env}`,
  ].join('\n');

  await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }] });
  await outflow.flush();

  const sent = (fake.requests[0]?.json as { messages: { content: string }[] }).messages[0]?.content;
  assert.equal(
    sent,
    ['Mail [EMAIL_1] and [EMAIL_1],', 'card [CREDIT_CARD_1],', `and this env file: ${env.slice(0, keyStart)}[AWS_ACCESS_KEY_1]${env.slice(keyEnd)}`].join('\n'),
  );
  assert.deepEqual([keyStart, keyEnd], [24, 52]);
  assert.ok(!(atob(env.slice(0, keyStart)) + atob(env.slice(keyEnd))).includes(AWS_KEY.slice(0, 2)), 'no byte of the key is left in the base64 around it');

  const [event] = sink.events;
  FlowEventSchema.parse(event);
  assert.equal(event?.decision, 'redacted');
  const byType = new Map(event?.findings.map((f) => [f.type, f]));
  assert.deepEqual([...byType.keys()].sort(), ['AWS_ACCESS_KEY', 'CREDIT_CARD', 'EMAIL']);
  assert.equal(byType.get('EMAIL')?.count, 2);
  // Both encodings are the one address: one sample, the plain value's fingerprint.
  assert.deepEqual(byType.get('EMAIL')?.samples, [{ preview: scan(EMAIL)[0]!.preview, fingerprint: fingerprint(EMAIL, KEY) }]);
  assert.equal(byType.get('AWS_ACCESS_KEY')?.samples[0]?.fingerprint, fingerprint(AWS_KEY, KEY));
  assert.equal(byType.get('AWS_ACCESS_KEY')?.confidence, 0.95 * 0.9, 'found in decoded base64');
  const serialised = JSON.stringify(event);
  for (const raw of [EMAIL, 'jane.doe', AWS_KEY, '4539148803436467', '４５３９']) assert.ok(!serialised.includes(raw), raw);
});
