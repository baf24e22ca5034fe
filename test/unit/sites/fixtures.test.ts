/**
 * Every site adapter against its recorded requests (`extension/src/sites/<app>/fixtures/*.json`):
 * what it reads from each, and that a redacted field is written back into the body. A fixture the
 * adapter no longer reads as recorded fails here by name — an adapter that stops matching must be
 * loud in tests, as it is in the capture health it reports in the browser.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { SITES } from '../../../extension/src/sites/index';
import { APP_IDS, type ReadResult, type SiteAdapter } from '../../../extension/src/sites/types';
import { WireBodySchema, WireRequestSchema } from '../../../extension/src/sites/wire-request';
import type { WireRequest } from '../../../extension/src/sites/wire-types';

const SITES_DIR = resolve(import.meta.dirname, '../../../extension/src/sites');

const FixtureSchema = z.object({
  description: z.string().min(10),
  source: z.string().min(10),
  request: z.object({
    transport: z.enum(['fetch', 'xhr', 'websocket']),
    method: z.string(),
    url: z.string(),
    contentType: z.string().optional(),
    // `json` is the fixtures' readable way to write a JSON string body.
    body: z.union([z.object({ kind: z.literal('json'), json: z.unknown() }), WireBodySchema]),
  }),
  expect: z.union([
    z.object({ kind: z.enum(['ignore', 'unparsed']) }),
    z.object({
      kind: z.enum(['send', 'typing', 'upload']),
      api: z.string(),
      model: z.string().optional(),
      fields: z.record(z.string(), z.string()),
      attachments: z.array(z.object({ mimeType: z.string(), bytes: z.number(), name: z.string().optional() })),
      unscanned: z.array(z.object({ where: z.string(), reason: z.string(), bytes: z.number(), mimeType: z.string().optional() })),
    }),
  ]),
});
type Fixture = z.infer<typeof FixtureSchema>;

function fixturesOf(site: SiteAdapter): { file: string; fixture: Fixture }[] {
  const dir = join(SITES_DIR, site.wire.app, 'fixtures');
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const parsed = FixtureSchema.safeParse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
      if (!parsed.success) throw new Error(`${site.wire.app}/fixtures/${file} is not a valid fixture: ${parsed.error.message}`);
      return { file, fixture: parsed.data };
    });
}

function wireRequest(fixture: Fixture): WireRequest {
  const { body, ...rest } = fixture.request;
  const request = { ...rest, body: body.kind === 'json' ? { kind: 'text', text: JSON.stringify((body as { json: unknown }).json) } : body };
  return WireRequestSchema.parse(request);
}

function read(site: SiteAdapter, request: WireRequest): ReadResult {
  return site.read(request, new URL(request.url));
}

describe('site adapters read their recorded requests', () => {
  test('there is one adapter per app id, each on its own origin, with fixtures of a send and of an unparsed request', () => {
    assert.deepEqual(SITES.map((site) => site.wire.app).sort(), [...APP_IDS].sort());
    assert.equal(new Set(SITES.map((site) => site.wire.origin)).size, SITES.length);
    for (const site of SITES) {
      const kinds = fixturesOf(site).map(({ fixture }) => fixture.expect.kind);
      assert.ok(kinds.includes('send'), `${site.wire.app} has no fixture of a send`);
      assert.ok(kinds.includes('unparsed'), `${site.wire.app} has no fixture of a request it must report as unparsed`);
      assert.match(site.version, /^\d{4}\.\d{1,2}$/, `${site.wire.app}: a version is YYYY.MM`);
    }
  });

  for (const site of SITES) {
    describe(site.wire.app, () => {
      for (const { file, fixture } of fixturesOf(site)) {
        test(`${file}: ${fixture.description}`, () => {
          const request = wireRequest(fixture);
          assert.ok(site.wire.http.some((pattern) => pattern.test(request.url)) || site.wire.websocket?.some((pattern) => pattern.test(request.url)), `${site.wire.app}/${file}: the page-world wrapper would not hand this request over`);
          const result = read(site, request);
          const expected = fixture.expect;
          assert.equal(result.kind, expected.kind, `${site.wire.app}/${file} no longer reads as ${expected.kind}${result.kind === 'unparsed' ? `: ${result.reason}` : ''}`);
          if (result.kind === 'ignore' || result.kind === 'unparsed' || !('api' in expected)) return;
          assert.equal(result.api, expected.api);
          assert.equal(result.model, expected.model);
          assert.deepEqual(Object.fromEntries(result.fields.map((field) => [field.field, field.text])), expected.fields);
          assert.deepEqual(result.attachments, expected.attachments);
          assert.deepEqual(result.unscanned, expected.unscanned);

          // Redaction writes every field back into a body the adapter reads again the same way.
          const body = (() => {
            for (const field of result.fields) field.replace(`[REDACTED ${field.field}]`);
            return result.serialise();
          })();
          if (body === undefined) return;
          const again = read(site, { ...request, body: { kind: request.body.kind === 'form' ? 'form' : 'text', text: body } });
          assert.ok(again.kind === expected.kind && 'fields' in again, `${file}: the rewritten body no longer reads`);
          assert.deepEqual(
            again.fields.map((field) => field.text),
            result.fields.map((field) => `[REDACTED ${field.field}]`),
          );
        });
      }
    });
  }
});
