/**
 * Realistic stored events for the benchmarks: a few apps on a few origins, sessions of varied
 * length over 30 days, providers and models in realistic proportions, findings on about a third
 * of the calls. Deterministic for a seed, so every run measures the same data.
 */
import type { StoredEvent } from '../extension/src/messages';
import { sessionKeyOf } from '../extension/src/store/aggregate';
import { FLOW_EVENT_SCHEMA_VERSION } from '../sdk/src/schema';

/** A small deterministic PRNG (mulberry32), so every run stores the same data. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const APPS = [
  { app: 'support-assistant', origin: 'http://localhost:5173' },
  { app: 'hr-helpdesk', origin: 'https://hr.intranet.example' },
  { app: 'sales-notes', origin: 'https://crm.intranet.example' },
  { app: 'code-review-bot', origin: 'https://dev.intranet.example' },
];
const DESTINATIONS = [
  { provider: 'openai', api: 'openai-chat', host: 'api.openai.com', path: '/v1/chat/completions', model: 'gpt-4o-mini', weight: 5 },
  { provider: 'openai', api: 'openai-responses', host: 'api.openai.com', path: '/v1/responses', model: 'gpt-4.1', weight: 2 },
  { provider: 'anthropic', api: 'anthropic-messages', host: 'api.anthropic.com', path: '/v1/messages', model: 'claude-sonnet-4-5', weight: 3 },
  { provider: 'google', api: 'gemini', host: 'generativelanguage.googleapis.com', path: '/v1beta/models/gemini-2.5-flash:generateContent', model: 'gemini-2.5-flash', weight: 1 },
];
const FINDINGS = [
  { type: 'EMAIL', category: 'pii', preview: 'j•••@a•••.com', action: 'log' },
  { type: 'PHONE', category: 'pii', preview: '+1 ••• ••• •134', action: 'log' },
  { type: 'IBAN', category: 'financial', preview: 'DE•• •••• •••• •••• •••• 00', action: 'log' },
  { type: 'AWS_ACCESS_KEY', category: 'secret', preview: 'AKIA••••••••••••V4NM', action: 'redact' },
  { type: 'GITHUB_TOKEN', category: 'secret', preview: 'ghp_••••••••••••••••••••••••••••••••••••', action: 'redact' },
  { type: 'CREDIT_CARD', category: 'financial', preview: '•••• •••• •••• 6467', action: 'block' },
] as const;

function pick<T>(items: readonly T[], rnd: () => number): T {
  return items[Math.floor(rnd() * items.length)]!;
}

function weighted<T extends { weight: number }>(items: readonly T[], rnd: () => number): T {
  let r = rnd() * items.reduce((sum, item) => sum + item.weight, 0);
  for (const item of items) if ((r -= item.weight) < 0) return item;
  return items[items.length - 1]!;
}

/** `count` events in sessions of varied length, as the store keeps them (origin and session key stamped). */
export function realisticSessions(count: number, seed = 42): StoredEvent[][] {
  const rnd = random(seed);
  const sessions: StoredEvent[][] = [];
  const now = Date.now();
  let produced = 0;
  while (produced < count) {
    const { app, origin } = pick(APPS, rnd);
    // Most sessions are short; a few are long working days.
    const length = Math.min(count - produced, rnd() < 0.9 ? 5 + Math.floor(rnd() * 40) : 200 + Math.floor(rnd() * 800));
    const sessionId = `bench-${sessions.length + 1}`;
    let at = now - 86_400_000 - Math.floor(rnd() * 28 * 86_400_000);
    const events: StoredEvent[] = [];
    for (let seq = 0; seq < length; seq += 1) {
      at += 5_000 + Math.floor(rnd() * 60_000);
      const destination = weighted(DESTINATIONS, rnd);
      const findings = rnd() < 0.33 ? [pick(FINDINGS, rnd)] : [];
      const decision = findings.some((f) => f.action === 'block') ? 'blocked' : findings.some((f) => f.action === 'redact') ? 'redacted' : 'allowed';
      const bytes = decision === 'blocked' ? 0 : 400 + Math.floor(rnd() * 6000);
      const timestamp = new Date(at).toISOString();
      events.push({
        schemaVersion: FLOW_EVENT_SCHEMA_VERSION,
        id: `ev-${sessions.length + 1}-${seq}-${seed}`,
        timestamp,
        sessionId,
        seq,
        source: { kind: 'sdk', sdkVersion: '0.1.0', app, runtime: 'browser' },
        destination: { provider: destination.provider, api: destination.api, host: destination.host, path: destination.path, model: destination.model, external: true },
        request: { method: 'POST', bytes, chars: Math.floor(bytes * 0.8), attachments: [] },
        ...(decision === 'blocked'
          ? { error: { kind: 'blocked' as const, message: 'Blocked by policy: CREDIT_CARD' } }
          : { response: { status: 200, bytes: 300 + Math.floor(rnd() * 3000), latencyMs: 200 + Math.floor(rnd() * 2000), streamed: rnd() < 0.5, tokensIn: 100, tokensOut: 80 } }),
        findings: findings.map((f) => ({
          type: f.type,
          category: f.category,
          count: 1 + Math.floor(rnd() * 3),
          confidence: 0.9,
          field: 'messages[1].content',
          samples: [{ preview: f.preview, fingerprint: (0x1000000000000000 + Math.floor(rnd() * 1e15)).toString(16) }],
          action: f.action,
        })),
        decision,
        // About one call in twenty carries an image the scanner cannot read.
        coverage: rnd() < 0.05 ? { complete: false, unscanned: [{ where: 'messages[1].content[1].image_url.url', reason: 'binary' as const, bytes: 48_000 }] } : { complete: true, unscanned: [] },
        origin,
        sessionKey: sessionKeyOf(origin, sessionId),
        ts: Date.parse(timestamp),
        receivedAt: at,
      });
    }
    sessions.push(events);
    produced += length;
  }
  return sessions;
}
