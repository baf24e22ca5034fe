import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { recogniseDestination } from '../../../sdk/src/providers';

const recognise = (url: string, json: unknown = {}, options = {}) => recogniseDestination(new URL(url), json, 'json', options);

describe('recogniseDestination', () => {
  test('known hosts name the provider, the path names the API, the body names the model', () => {
    const chat = recognise('https://api.openai.com/v1/chat/completions', { model: 'gpt-4o', messages: [], stream: true });
    assert.deepEqual(chat.destination, { provider: 'openai', api: 'openai-chat', host: 'api.openai.com', path: '/v1/chat/completions', model: 'gpt-4o', external: true });
    assert.equal(chat.stream, true);
    assert.equal(recognise('https://api.openai.com/v1/responses', { model: 'o3' }).destination.api, 'openai-responses');
    assert.equal(recognise('https://api.openai.com/v1/embeddings', { model: 'e' }).destination.api, 'openai-embeddings');
    assert.equal(recognise('https://api.openai.com/v1/completions', { model: 'e' }).destination.api, 'openai-completions');
    const claude = recognise('https://api.anthropic.com/v1/messages', { model: 'claude-sonnet-4-5' }).destination;
    assert.equal(claude.provider, 'anthropic');
    assert.equal(claude.api, 'anthropic-messages');
    assert.equal(recognise('https://api.mistral.ai/v1/chat/completions', { messages: [] }).destination.provider, 'mistral');
    assert.equal(recognise('https://api.groq.com/openai/v1/chat/completions', { messages: [] }).destination.provider, 'groq');
    assert.equal(recognise('https://openrouter.ai/api/v1/chat/completions', { messages: [] }).destination.provider, 'openrouter');
  });

  test('Gemini: the model and streaming come from the path, and the query (which may hold ?key=) is never recorded', () => {
    const r = recognise('https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse&key=AIzaSyFAKEFAKEFAKE');
    assert.equal(r.destination.provider, 'google');
    assert.equal(r.destination.api, 'gemini');
    assert.equal(r.destination.model, 'gemini-2.0-flash');
    assert.equal(r.destination.path, '/v1beta/models/gemini-2.0-flash:streamGenerateContent');
    assert.equal(r.stream, true);
    assert.ok(!JSON.stringify(r.destination).includes('AIza'));
  });

  test('Azure OpenAI: the deployment is the model when the body names none', () => {
    const r = recognise('https://contoso.openai.azure.com/openai/deployments/gpt4o-prod/chat/completions?api-version=2024-10-21', { messages: [] });
    assert.equal(r.destination.provider, 'azure-openai');
    assert.equal(r.destination.api, 'openai-chat');
    assert.equal(r.destination.model, 'gpt4o-prod');
  });

  test('an unknown host is named by its wire format; an unknown format is json', () => {
    assert.equal(recognise('https://llm.example.net/v1/chat/completions', { messages: [] }).destination.provider, 'openai-compatible');
    assert.equal(recognise('https://llm.example.net/v1/messages', {}).destination.provider, 'anthropic-compatible');
    const other = recognise('https://api.example.net/summarise', { text: 'x' }).destination;
    assert.equal(other.provider, 'unknown');
    assert.equal(other.api, 'json');
    assert.equal(recogniseDestination(new URL('https://api.example.net/up'), undefined, 'multipart').destination.api, 'multipart');
  });

  test('Ollama is recognised by its port, its native API by path', () => {
    const r = recognise('http://gpu-box.lan:11434/api/chat', { model: 'llama3.1', messages: [] });
    assert.equal(r.destination.provider, 'ollama');
    assert.equal(r.destination.api, 'ollama-chat');
    assert.equal(r.stream, true);
    assert.equal(r.destination.external, false);
  });

  test('the organisation host map names its gateways', () => {
    const options = { providers: { 'ai-gateway.corp.example': 'openai', '*.llm.corp.example': 'anthropic' } };
    assert.equal(recognise('https://ai-gateway.corp.example/v1/chat/completions', { messages: [] }, options).destination.provider, 'openai');
    assert.equal(recognise('https://eu.llm.corp.example/v1/messages', {}, options).destination.provider, 'anthropic');
  });

  test('external is false for loopback, private ranges, internal names and configured internal hosts', () => {
    const internal = ['http://127.0.0.1:8080/x', 'http://localhost/x', 'http://10.1.2.3/x', 'http://172.20.0.1/x', 'http://192.168.1.9/x', 'http://169.254.1.1/x', 'http://[::1]:3000/x', 'http://[fd12:3456::1]/x', 'http://[fe80::1]/x', 'http://svc.internal/x', 'http://printer.local/x', 'http://llm-gateway/x'];
    for (const url of internal) assert.equal(recognise(url).destination.external, false, url);
    const external = ['https://api.openai.com/x', 'http://8.8.8.8/x', 'http://172.32.0.1/x', 'http://[2001:db8::1]/x'];
    for (const url of external) assert.equal(recognise(url).destination.external, true, url);
    assert.equal(recognise('https://ai.corp.example/x', {}, { internalHosts: ['*.corp.example'] }).destination.external, false);
  });
});
