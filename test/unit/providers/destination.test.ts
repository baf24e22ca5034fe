import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { recogniseDestination } from '../../../sdk/src/providers';

const recognise = (url: string, json: unknown = {}, options = {}) => recogniseDestination(new URL(url), json, 'json', options);

describe('recogniseDestination', () => {
  test('known hosts name the provider, the path names the API, the body names the model', () => {
    const chat = recognise('https://api.openai.com/v1/chat/completions', { model: 'gpt-4o', messages: [], stream: true });
    assert.deepEqual(chat.destination, { provider: 'openai', api: 'openai-chat', host: 'api.openai.com', path: '/v1/chat/completions', model: 'gpt-4o', external: true });
    assert.equal(chat.stream, true);
    assert.equal(recognise('https://api.openai.com/v1/responses', { model: 'o3', input: 'hi' }).destination.api, 'openai-responses');
    assert.equal(recognise('https://api.openai.com/v1/embeddings', { model: 'e', input: ['a'] }).destination.api, 'openai-embeddings');
    assert.equal(recognise('https://api.openai.com/v1/completions', { model: 'e', prompt: 'a' }).destination.api, 'openai-completions');
    const claude = recognise('https://api.anthropic.com/v1/messages', { model: 'claude-sonnet-4-5', messages: [] }).destination;
    assert.equal(claude.provider, 'anthropic');
    assert.equal(claude.api, 'anthropic-messages');
    assert.equal(recognise('https://api.mistral.ai/v1/chat/completions', { messages: [] }).destination.provider, 'mistral');
    assert.equal(recognise('https://api.groq.com/openai/v1/chat/completions', { messages: [] }).destination.provider, 'groq');
    assert.equal(recognise('https://openrouter.ai/api/v1/chat/completions', { messages: [] }).destination.provider, 'openrouter');
  });

  test('Gemini: the model and streaming come from the path, and the query (which may hold ?key=) is never recorded', () => {
    const r = recognise('https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse&key=AIzaSyFAKEFAKEFAKE', { contents: [] });
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
    assert.equal(recognise('https://llm.example.net/v1/messages', { messages: [] }).destination.provider, 'anthropic-compatible');
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

  test('Bedrock: the real runtime hosts are aws-bedrock, a host that only contains the words is not', () => {
    const chat = { messages: [{ role: 'user', content: 'hi' }] };
    const bedrock = [
      'https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-3-haiku/invoke',
      'https://bedrock-runtime-fips.us-gov-west-1.amazonaws.com/model/x/converse',
      'https://bedrock-runtime.eu-central-1.api.aws/openai/v1/chat/completions',
      'https://bedrock-runtime-fips.us-east-1.api.aws/model/x/converse',
      'https://bedrock-runtime.cn-north-1.amazonaws.com.cn/model/x/converse',
      'https://vpce-0a1b2c3d4e5f-abcd1234.bedrock-runtime.ap-southeast-2.vpce.amazonaws.com/model/x/invoke',
      'https://bedrock-mantle.us-west-2.api.aws/v1/responses',
      'https://bedrock-agent-runtime.us-east-1.amazonaws.com/retrieveAndGenerate',
      'https://BEDROCK-RUNTIME.US-EAST-1.AMAZONAWS.COM./model/x/invoke',
    ];
    for (const url of bedrock) assert.equal(recognise(url, chat).destination.provider, 'aws-bedrock', url);
    const impostors = [
      'https://x.bedrock-runtime.attacker-exfil.net/model/x/invoke',
      'https://bedrock-runtime.attacker-exfil.net/model/x/invoke',
      'https://bedrock-runtime.us-east-1.amazonaws.com.attacker-exfil.net/model/x/invoke',
      // Labels anyone can register under AWS's domain: an S3 bucket, an S3 website, an extra label.
      'https://bedrock-runtime.s3.amazonaws.com/model/x/invoke',
      'https://bedrock-runtime.s3-website-us-east-1.amazonaws.com/model/x/invoke',
      'https://x.bedrock-runtime.us-east-1.amazonaws.com/model/x/invoke',
    ];
    for (const url of impostors) assert.equal(recognise(url, chat).destination.provider, 'unknown', url);
  });

  test('hosts are recorded normalised: lower case, no trailing dot, IDN as punycode', () => {
    const chat = { messages: [] };
    const dotted = recognise('https://API.OpenAI.com./v1/chat/completions', chat).destination;
    assert.equal(dotted.host, 'api.openai.com');
    assert.equal(dotted.provider, 'openai');
    assert.equal(recognise('https://bücher.example/v1/chat/completions', chat).destination.host, 'xn--bcher-kva.example');
    const options = { providers: { 'KI.Bücher.example.': 'openai' }, internalHosts: ['*.Bücher.example'] };
    const idn = recognise('https://ki.bücher.example./v1/chat/completions', chat, options).destination;
    assert.equal(idn.provider, 'openai');
    assert.equal(idn.external, false);
  });

  test('wildcards stay inside label boundaries', () => {
    const options = { providers: { '*.llm.corp.example': 'anthropic', '*-gw.corp.example': 'openai' } };
    const provider = (url: string) => recognise(url, { messages: [] }, options).destination.provider;
    assert.equal(provider('https://a.b.llm.corp.example/v1/chat/completions'), 'anthropic');
    assert.equal(provider('https://llm.corp.example/v1/chat/completions'), 'openai-compatible');
    assert.equal(provider('https://evil-llm.corp.example/v1/chat/completions'), 'openai-compatible');
    assert.equal(provider('https://eu-gw.corp.example/v1/chat/completions'), 'openai');
    assert.equal(provider('https://x.eu-gw.corp.example/v1/chat/completions'), 'openai-compatible');
    assert.equal(provider('https://eu.gw.corp.example/v1/chat/completions'), 'openai-compatible');
    assert.equal(recognise('https://us-central1-aiplatform.googleapis.com/v1/x', {}).destination.provider, 'google');
    assert.equal(recognise('https://a.b-aiplatform.googleapis.com/v1/x', {}).destination.provider, 'unknown');
  });

  test('a wire format is recognised by path only where the body has its shape', () => {
    // An app's own routes that happen to end like an AI API.
    const mail = recognise('https://mail.example.net/api/threads/42/messages', { to: 'jane@corp.example', model: 'x', tools: 'y' });
    assert.equal(mail.adapter, undefined);
    assert.deepEqual([mail.destination.provider, mail.destination.api], ['unknown', 'json']);
    assert.equal(recognise('https://app.example.net/v1/chat/completions', { text: 'x' }).destination.api, 'json');
    assert.equal(recognise('https://app.example.net/search/completions', { query: 'x' }).destination.api, 'json');
    assert.equal(recognise('https://app.example.net/v1/embeddings', { vectors: [] }).destination.api, 'json');
    assert.equal(recognise('https://app.example.net/forms/responses', { answers: [] }).destination.api, 'json');
    assert.equal(recognise('https://app.example.net/v1beta/models/m:generateContent', { prompt: 'x' }).destination.api, 'json');
    assert.equal(recognise('http://box.lan:11434/api/generate', { model: 'llama3.1' }).destination.api, 'json');
    // The same paths with their API's body.
    assert.equal(recognise('https://app.example.net/v1/messages', { model: 'm', messages: [] }).destination.api, 'anthropic-messages');
    assert.equal(recognise('https://app.example.net/v1/messages/count_tokens', { messages: [] }).destination.api, 'anthropic-messages');
    assert.equal(recognise('https://app.example.net/v1/responses', { previous_response_id: 'resp_1' }).destination.api, 'openai-responses');
    assert.equal(recognise('https://app.example.net/v1beta/models/m:embedContent', { content: {} }).destination.api, 'gemini');
    assert.equal(recognise('http://box.lan:11434/api/generate', { model: 'llama3.1', prompt: 'hi' }).destination.api, 'ollama-generate');
    // No body: nothing claims the call.
    assert.equal(recogniseDestination(new URL('https://api.anthropic.com/v1/messages'), undefined, 'none').destination.api, 'none');
  });
});
