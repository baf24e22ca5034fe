/** Shared set-up for interception tests: a fake provider on loopback and an Outflow writing to memory. */
import { after } from 'node:test';
import { createOutflow, memorySink, type OutflowOptions } from '../../../sdk/src/index';
import { startFakeProvider, type FakeProvider, type FakeProviderOptions } from '../../fixtures/fake-provider/index';

/** Synthetic values of the right shape (not documented test values, which the scanner ignores). */
export const EMAIL = 'jane.doe@acme-corp.com';
export const OTHER_EMAIL = 'raj.patel@northwind-mail.com';
export const CARD = '4539 1488 0343 6467';
export const AWS_KEY = 'AKIA4QZ7RNXW2MBT6KLP';

export async function setup(options: Partial<OutflowOptions> = {}, providerOptions: FakeProviderOptions = {}) {
  const fake = await startFakeProvider(providerOptions);
  const sink = memorySink();
  const errors: unknown[] = [];
  const outflow = createOutflow({ app: 'test-app', sinks: [sink], onError: (e) => errors.push(e), ...options });
  after(async () => {
    await outflow.close();
    await fake.close();
  });
  return { fake, sink, outflow, errors };
}

export const json = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function readChunks(response: Response): Promise<string[]> {
  const decoder = new TextDecoder();
  const chunks: string[] = [];
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) chunks.push(decoder.decode(chunk));
  return chunks;
}

export type { FakeProvider };
