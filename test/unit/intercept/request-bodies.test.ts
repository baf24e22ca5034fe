import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { FlowEventSchema } from '../../../sdk/src/schema';
import { OutflowBlockedError } from '../../../sdk/src/errors';
import { CARD, EMAIL, OTHER_EMAIL, json, setup } from './helpers';

const redactEmails = { policy: { rules: [{ types: ['EMAIL'], action: 'redact' as const }] } };

describe('request bodies of every kind are scanned and sent unchanged', () => {
  test('string, bytes, Blob, URLSearchParams, ReadableStream and Request bodies', async () => {
    const { fake, sink, outflow } = await setup();
    const text = `contact ${EMAIL}`;
    const url = `${fake.url}/hook`;
    await outflow.fetch(url, { method: 'POST', body: text });
    await outflow.fetch(url, { method: 'POST', body: new TextEncoder().encode(text) });
    await outflow.fetch(url, { method: 'POST', body: new Blob([text], { type: 'text/plain' }) });
    await outflow.fetch(url, { method: 'POST', body: new URLSearchParams({ note: text }) });
    const stream = new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode(text)), c.close()) });
    await outflow.fetch(url, { method: 'POST', body: stream, duplex: 'half' } as RequestInit);
    await outflow.fetch(new Request(url, { method: 'POST', body: text }));
    await outflow.flush();
    assert.deepEqual(fake.requests.map((r) => r.body), [text, text, text, new URLSearchParams({ note: text }).toString(), text, text]);
    assert.equal(sink.events.length, 6);
    for (const event of sink.events) {
      FlowEventSchema.parse(event);
      assert.equal(event.findings[0]?.type, 'EMAIL');
      assert.equal(event.decision, 'allowed');
      assert.equal(event.destination.api === 'text' || event.destination.api === 'form', true);
    }
    assert.deepEqual(sink.events.map((e) => e.findings[0]?.field), ['body', 'body', 'body', 'note', 'body', 'body']);
    assert.equal(sink.events[0]?.request.bytes, Buffer.byteLength(text));
  });

  test('multipart: file name, MIME and size recorded; text files and fields scanned by field name', async () => {
    const { fake, sink, outflow } = await setup();
    const form = new FormData();
    form.append('purpose', 'assistants');
    form.append('file', new File([`customer ${EMAIL}\n`], 'customers.csv', { type: 'text/csv' }));
    form.append('image', new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'logo.png', { type: 'image/png' }));
    await outflow.fetch(`${fake.url}/v1/files`, { method: 'POST', body: form });
    await outflow.flush();
    const [event] = sink.events;
    assert.equal(event?.destination.api, 'multipart');
    assert.deepEqual(event?.request.attachments, [
      { mimeType: 'text/csv', bytes: 32, name: 'customers.csv' },
      { mimeType: 'image/png', bytes: 4, name: 'logo.png' },
    ]);
    assert.deepEqual(event?.findings.map((f) => [f.type, f.field]), [['EMAIL', 'file']]);
    assert.ok(fake.requests[0]?.body.includes(EMAIL));
  });
});

describe('redaction', () => {
  test('a JSON body leaves valid, with consistent placeholders and a correct Content-Length', async () => {
    const { fake, sink, outflow } = await setup(redactEmails);
    const body = { model: 'gpt-4o', messages: [{ role: 'user', content: `Write to ${EMAIL}, cc ${OTHER_EMAIL}.` }, { role: 'user', content: `Again: ${EMAIL}; card ${CARD}` }] };
    const init = json(body);
    (init.headers as Record<string, string>)['content-length'] = String(Buffer.byteLength(init.body as string));
    const response = await outflow.fetch(`${fake.url}/v1/chat/completions`, init);
    assert.equal(response.status, 200);
    await outflow.flush();
    const received = fake.requests[0];
    assert.deepEqual(received?.json, {
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Write to [EMAIL_1], cc [EMAIL_2].' }, { role: 'user', content: `Again: [EMAIL_1]; card ${CARD}` }],
    });
    assert.equal(received?.headers['content-length'], String(Buffer.byteLength(received?.body ?? '')));
    const event = sink.events[0];
    assert.equal(event?.decision, 'redacted');
    assert.equal(event?.request.bytes, Buffer.byteLength(received?.body ?? ''));
    assert.deepEqual(event?.findings.map((f) => [f.type, f.field, f.count, f.action]), [
      ['EMAIL', 'messages[0].content', 2, 'redact'],
      ['EMAIL', 'messages[1].content', 1, 'redact'],
      ['CREDIT_CARD', 'messages[1].content', 1, 'log'],
    ]);
    assert.equal(outflow.stats().redacted, 1);
    assert.ok(!JSON.stringify(sink.events).includes(EMAIL));
  });

  test('a Request object and a multipart text file are redacted too', async () => {
    const { fake, outflow } = await setup(redactEmails);
    await outflow.fetch(new Request(`${fake.url}/v1/chat/completions`, json({ messages: [{ role: 'user', content: EMAIL }] })));
    const form = new FormData();
    form.append('file', new File([`a ${EMAIL}`], 'notes.txt', { type: 'text/plain' }));
    await outflow.fetch(`${fake.url}/v1/files`, { method: 'POST', body: form });
    assert.deepEqual(fake.requests[0]?.json, { messages: [{ role: 'user', content: '[EMAIL_1]' }] });
    assert.ok(fake.requests[1]?.body.includes('a [EMAIL_1]'));
    assert.ok(!fake.requests[1]?.body.includes(EMAIL));
    assert.match(String(fake.requests[1]?.headers['content-type']), /^multipart\/form-data; boundary=/);
  });
});

describe('hostile shapes: nothing leaks, nothing breaks', () => {
  test('a sensitive JSON key is scanned and redacted, and named by position, never by value', async () => {
    const { fake, sink, outflow } = await setup(redactEmails);
    await outflow.fetch(`${fake.url}/v1/echo`, json({ notes: { [EMAIL]: `mail ${EMAIL}`, plain: 'ok' } }));
    await outflow.flush();
    assert.deepEqual(fake.requests[0]?.json, { notes: { '[EMAIL_1]': 'mail [EMAIL_1]', plain: 'ok' } });
    assert.deepEqual(sink.events[0]?.findings.map((f) => f.field).sort(), ['notes[#0]', 'notes[#0](key)']);
    assert.ok(!JSON.stringify(sink.events).includes(EMAIL));
  });

  test('redacted form and Blob bodies keep their implicit content type', async () => {
    const { fake, outflow } = await setup(redactEmails);
    await outflow.fetch(`${fake.url}/v1/echo`, { method: 'POST', body: new URLSearchParams({ to: EMAIL }) });
    await outflow.fetch(`${fake.url}/v1/echo`, { method: 'POST', body: new Blob([JSON.stringify({ to: EMAIL })], { type: 'application/json' }) });
    assert.match(String(fake.requests[0]?.headers['content-type']), /^application\/x-www-form-urlencoded/);
    assert.equal(fake.requests[0]?.body, 'to=%5BEMAIL_1%5D');
    assert.equal(fake.requests[1]?.headers['content-type'], 'application/json');
    assert.deepEqual(fake.requests[1]?.json, { to: '[EMAIL_1]' });
  });

  test('a password in the URL never reaches the event, even through the platform error message', async () => {
    const { fake, sink, outflow } = await setup();
    const url = `${fake.url.replace('://', '://admin:Tr0ub4dor-and-3@')}/v1/echo`;
    await assert.rejects(outflow.fetch(url, json({ a: 1 })));
    await outflow.flush();
    assert.equal(sink.events.length, 1);
    assert.ok(!JSON.stringify(sink.events).includes('Tr0ub4dor'), JSON.stringify(sink.events[0]?.error));
  });

  test('a malformed streamed multipart body is still sent as read, and a bad % escape in a model path neither throws nor skips policy', async () => {
    const { fake, sink, outflow } = await setup({ policy: { rules: [{ types: ['CREDIT_CARD'], action: 'block' }] } });
    const bytes = new TextEncoder().encode('not really multipart');
    const stream = new ReadableStream({ start: (c) => (c.enqueue(bytes), c.close()) });
    const response = await outflow.fetch(`${fake.url}/v1/echo`, { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=x' }, body: stream, duplex: 'half' } as RequestInit);
    assert.equal(response.status, 200);
    assert.equal(fake.requests[0]?.body, 'not really multipart');
    await assert.rejects(outflow.fetch(`${fake.url}/v1beta/models/%ZZ:generateContent`, json({ contents: [{ parts: [{ text: `card ${CARD}` }] }] })), OutflowBlockedError);
    await outflow.flush();
    assert.equal(fake.requests.length, 1);
    assert.deepEqual(sink.events.map((e) => e.decision).sort(), ['allowed', 'blocked']);
  });
});
