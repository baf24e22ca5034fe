/**
 * Wrapped-fetch overhead against the loopback fake provider: per-call time added by Outflow over
 * the raw fetch for 1 KB, 16 KB and 256 KB chat requests (realistic prompt text with a few
 * findings), raw and wrapped calls interleaved so machine noise hits both alike; and time to the
 * first streamed chunk with and without Outflow. Target: < 0.5 ms added at 16 KB, no TTFB change.
 */
import { createOutflow } from '../sdk/src/index';
import { startFakeProvider } from '../test/fixtures/fake-provider/index';

const PARAGRAPH =
  'Customer wrote in about order 88213: the parcel arrived damaged and they would like a replacement ' +
  'shipped to the same address. They asked whether the warranty covers accidental damage and whether ' +
  'the refund can go back to the original payment method. Please draft a friendly reply. ';
const FINDINGS = ['Reach them at dana.whitfield@harbor-logistics.net.', 'Their card on file is 4539 1488 0343 6467.', 'Call back on +44 20 7946 0958.'];

function prompt(bytes: number): string {
  let text = '';
  for (let i = 0; text.length < bytes; i++) text += PARAGRAPH + (i % 4 === 0 ? `${FINDINGS[(i / 4) % FINDINGS.length]} ` : '');
  return text.slice(0, bytes);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

export default async function bench(): Promise<unknown> {
  const fake = await startFakeProvider({ chunkDelayMs: 2 });
  const outflow = createOutflow({ app: 'bench' });
  const url = `${fake.url}/v1/chat/completions`;
  try {
    const overhead: Record<string, unknown> = {};
    for (const [label, size, iterations] of [['1KB', 1024, 300], ['16KB', 16 * 1024, 300], ['256KB', 256 * 1024, 60]] as const) {
      const body = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'system', content: 'You are a support assistant.' }, { role: 'user', content: prompt(size) }] });
      const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body };
      const call = async (f: typeof fetch) => {
        const started = performance.now();
        await (await f(url, init)).arrayBuffer();
        return performance.now() - started;
      };
      for (let i = 0; i < 20; i++) await call(fetch), await call(outflow.fetch);
      const raw: number[] = [];
      const wrapped: number[] = [];
      const deltas: number[] = [];
      for (let i = 0; i < iterations; i++) {
        // Alternate which goes first so neither always gets the warmer connection.
        const [a, b] = i % 2 === 0 ? [await call(fetch), await call(outflow.fetch)] : (([w, r]) => [r, w])([await call(outflow.fetch), await call(fetch)]);
        raw.push(a as number);
        wrapped.push(b as number);
        deltas.push((b as number) - (a as number));
      }
      overhead[label] = {
        iterations,
        rawMedianUs: round(median(raw) * 1000),
        wrappedMedianUs: round(median(wrapped) * 1000),
        addedMedianUs: round(median(deltas) * 1000),
        ratio: round(median(wrapped) / median(raw), 3),
      };
    }

    const streamBody = JSON.stringify({ model: 'gpt-4o-mini', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: prompt(2048) }] });
    const firstChunk = async (f: typeof fetch) => {
      const started = performance.now();
      const response = await f(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: streamBody });
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      await reader.read();
      const ttfc = performance.now() - started;
      while (!(await reader.read()).done);
      return ttfc;
    };
    const rawTtfc: number[] = [];
    const wrappedTtfc: number[] = [];
    for (let i = 0; i < 40; i++) {
      rawTtfc.push(await firstChunk(fetch));
      wrappedTtfc.push(await firstChunk(outflow.fetch));
    }
    await outflow.flush();
    const stats = outflow.stats();
    return {
      overhead,
      timeToFirstChunk: { iterations: 40, rawMedianUs: round(median(rawTtfc) * 1000), wrappedMedianUs: round(median(wrappedTtfc) * 1000), addedMedianUs: round((median(wrappedTtfc) - median(rawTtfc)) * 1000) },
      target: { addedAt16KBUs: 500, met: ((overhead['16KB'] as { addedMedianUs: number }).addedMedianUs) < 500 },
      outflowStats: stats,
    };
  } finally {
    await outflow.close();
    await fake.close();
  }
}
