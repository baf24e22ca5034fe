import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { otlpSink } from '../../../sdk/src/sinks/otlp';
import type { FlowEvent } from '../../../sdk/src/schema';

test('posts OTLP/HTTP JSON logs, one record per event, with filterable attributes', async () => {
  const bodies: { path: string; json: any }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      bodies.push({ path: req.url ?? '', json: JSON.parse(body) });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const port = (server.address() as { port: number }).port;
    const sink = otlpSink({ endpoint: `http://127.0.0.1:${port}`, serviceName: 'support-assistant' });
    const event = {
      id: 'evt_00000001', timestamp: '2025-01-01T00:00:00.000Z', sessionId: 's1', source: { app: 'a' }, decision: 'redacted',
      destination: { provider: 'openai', host: 'api.openai.com', external: true }, findings: [{ type: 'EMAIL' }], response: { status: 200 },
    } as unknown as FlowEvent;
    await sink.write([event]);
    await sink.flush?.();
    assert.equal(bodies[0]?.path, '/v1/logs');
    const record = bodies[0]?.json.resourceLogs[0].scopeLogs[0].logRecords[0];
    assert.equal(record.timeUnixNano, '1735689600000000000');
    assert.equal(JSON.parse(record.body.stringValue).id, 'evt_00000001');
    const attrs = Object.fromEntries(record.attributes.map((a: any) => [a.key, Object.values(a.value)[0]]));
    assert.equal(attrs['outflow.decision'], 'redacted');
    assert.equal(attrs['outflow.findings.types'], 'EMAIL');
    assert.equal(attrs['http.response.status_code'], '200');
  } finally {
    server.close();
  }
});

test('a collector that never answers is abandoned after timeoutMs: the write fails, flush() resolves', async () => {
  const hung = createServer(() => undefined); // accepts the request, never replies
  await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
  try {
    const port = (hung.address() as { port: number }).port;
    const sink = otlpSink({ endpoint: `http://127.0.0.1:${port}`, timeoutMs: 200 });
    const write = sink.write([{ id: 'evt_00000002', timestamp: '2025-01-01T00:00:00.000Z', findings: [], destination: {}, source: {} } as unknown as FlowEvent]);
    await assert.rejects(Promise.resolve(write), (error: Error) => error.name === 'TimeoutError');
    await sink.flush?.();
  } finally {
    hung.closeAllConnections();
    hung.close();
  }
});
