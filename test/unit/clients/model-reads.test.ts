/**
 * What the model reads is scanned, configuration or not: tool and function descriptions, tool
 * results, response schemas; and configuration that carries secrets (MCP server tokens and
 * headers) is scanned too. Real clients, so the requests are the ones they really build.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { OutflowBlockedError } from '../../../sdk/src/errors';
import { AWS_KEY, EMAIL, setup } from '../intercept/helpers';

/** A bearer token no detector knows by its shape: found because of the name it is assigned to. */
const MCP_TOKEN = 'mcp_live_7Hq2Rk9Lm4Xv8Bn6Tz1W';

test('openai: tool descriptions, parameter descriptions, tool results and response schemas are scanned', async () => {
  const { fake, sink, outflow } = await setup();
  const openai = new OpenAI({ apiKey: 'sk-fake', baseURL: `${fake.url}/v1`, fetch: outflow.fetch, maxRetries: 0 });
  await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [
      { role: 'user', content: 'Look up the customer' },
      { role: 'assistant', tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{}' } }] },
      { role: 'tool', tool_call_id: 'call_1', content: `Found: ${EMAIL}` },
    ],
    tools: [{
      type: 'function',
      function: {
        name: 'lookup',
        description: `Looks up customers. Escalations go to ${EMAIL}.`,
        parameters: { type: 'object', properties: { id: { type: 'string', description: `Use key ${AWS_KEY} for admin lookups` } } },
      },
    }],
    response_format: { type: 'json_schema', json_schema: { name: 'answer', schema: { type: 'object', description: `Reply as ${EMAIL} would` } } },
  });
  await outflow.flush();
  assert.deepEqual(sink.events[0]?.findings.map((f) => [f.type, f.field]), [
    ['EMAIL', 'messages[2].content'],
    ['EMAIL', 'tools[0].function.description'],
    ['AWS_ACCESS_KEY', 'tools[0].function.parameters.properties.id.description'],
    ['EMAIL', 'response_format.json_schema.schema.description'],
  ]);
});

test('openai responses: an MCP tool\'s authorization header is scanned and can be blocked', async () => {
  const { fake, outflow } = await setup({ policy: { rules: [{ categories: ['secret'], action: 'block' }] } });
  const openai = new OpenAI({ apiKey: 'sk-fake', baseURL: `${fake.url}/v1`, fetch: outflow.fetch, maxRetries: 0 });
  const error = await openai.responses
    .create({ model: 'gpt-4o-mini', input: 'hi', tools: [{ type: 'mcp', server_label: 'crm', server_url: 'https://mcp.example.com', headers: { Authorization: `Bearer ${MCP_TOKEN}` }, require_approval: 'never' }] })
    .catch((e: unknown) => e);
  assert.ok(error instanceof OpenAI.APIConnectionError && error.cause instanceof OutflowBlockedError);
  assert.deepEqual(error.cause.findings.map((f) => [f.type, f.field]), [['GENERIC_SECRET', 'tools[0].headers.Authorization']]);
  assert.equal(fake.requests.length, 0);
});

test('anthropic: mcp_servers[].authorization_token is a secret, tool descriptions are content', async () => {
  const { fake, sink, outflow } = await setup({ policy: { rules: [{ types: ['GENERIC_SECRET'], action: 'redact' }] } });
  const anthropic = new Anthropic({ apiKey: 'sk-ant-fake', baseURL: fake.url, fetch: outflow.fetch, maxRetries: 0 });
  await anthropic.beta.messages.create({
    model: 'claude-sonnet-4-5',
    max_tokens: 100,
    messages: [{ role: 'user', content: 'Summarise my tickets' }],
    tools: [{ name: 'tickets', description: `Tickets of ${EMAIL}`, input_schema: { type: 'object', properties: {} } }],
    mcp_servers: [{ type: 'url', url: 'https://mcp.example.com/sse', name: 'crm', authorization_token: MCP_TOKEN }],
    betas: ['mcp-client-2025-04-04'],
  });
  await outflow.flush();
  assert.deepEqual(sink.events[0]?.findings.map((f) => [f.type, f.field, f.action]), [
    ['EMAIL', 'tools[0].description', 'log'],
    ['GENERIC_SECRET', 'mcp_servers[0].authorization_token', 'redact'],
  ]);
  const sent = fake.requests[0]?.json as { mcp_servers: { authorization_token: string }[] };
  assert.equal(sent.mcp_servers[0]?.authorization_token, '[GENERIC_SECRET_1]');
});
