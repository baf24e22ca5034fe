import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { otlpSink } from '../../../sdk/src/sinks/otlp';
import { startOtlpReceiver } from '../../fixtures/otlp-receiver/index';
import { emailFinding, flowEvent } from '../../e2e/helpers/flow-events';

test('posts OTLP/HTTP JSON logs to {endpoint}/v1/logs: the event as the body, its resource and scope named', async () => {
  const receiver = await startOtlpReceiver();
  try {
    const sink = otlpSink({ endpoint: `${receiver.url}/`, serviceName: 'support-assistant' });
    const event = flowEvent({ decision: 'redacted', timestamp: '2025-01-01T00:00:00.000Z', findings: [emailFinding(2)] });
    await sink.write([event]);
    await sink.flush?.();
    assert.deepEqual(receiver.rejected, []);
    const [flow, finding] = receiver.records;
    assert.equal(flow?.timeUnixNano, '1735689600000000000');
    assert.equal(JSON.parse(flow?.body as string).id, event.id);
    assert.equal(flow?.resource['service.name'], 'support-assistant');
    assert.equal(flow?.scope.name, '@outflow/sdk');
    assert.equal(flow?.attributes['outflow.decision'], 'redacted');
    assert.equal(flow?.attributes['http.response.status_code'], 200);
    assert.equal(finding?.eventName, 'gen_ai.security.finding');
    assert.equal(finding?.attributes['outflow.finding.count'], 2);
  } finally {
    await receiver.close();
  }
});

test('a collector that answers with an error fails the write with its status', async () => {
  const receiver = await startOtlpReceiver();
  try {
    receiver.failNext(1, 503);
    const sink = otlpSink({ endpoint: receiver.url });
    await assert.rejects(Promise.resolve(sink.write([flowEvent()])), /HTTP 503/);
  } finally {
    await receiver.close();
  }
});

test('a collector that never answers is abandoned after timeoutMs: the write fails, flush() resolves', async () => {
  const hung = createServer(() => undefined); // accepts the request, never replies
  await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
  try {
    const port = (hung.address() as { port: number }).port;
    const sink = otlpSink({ endpoint: `http://127.0.0.1:${port}`, timeoutMs: 200 });
    const write = sink.write([flowEvent()]);
    await assert.rejects(Promise.resolve(write), (error: Error) => error.name === 'TimeoutError');
    await sink.flush?.();
  } finally {
    hung.closeAllConnections();
    hung.close();
  }
});
