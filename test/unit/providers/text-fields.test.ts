import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { collectTextFields } from '../../../sdk/src/providers';
import { anthropicMessages } from '../../../sdk/src/providers/anthropic-messages';
import { openaiChat } from '../../../sdk/src/providers/openai-chat';
import { gemini } from '../../../sdk/src/providers/gemini';

const fieldsOf = (body: unknown, keys?: ReadonlySet<string>) => collectTextFields(body, keys).fields.map((f) => [f.field, f.text]);

describe('collectTextFields', () => {
  test('OpenAI chat: string and part contents, tool call arguments and the tools the model reads; model and roles skipped', () => {
    const body = {
      model: 'gpt-4o',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'Hello' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } }] },
        { role: 'assistant', tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{"q":"x"}' } }] },
      ],
      tools: [{ type: 'function', function: { name: 'lookup', description: 'Find a customer' } }],
    };
    assert.deepEqual(fieldsOf(body, openaiChat.configKeys), [
      ['messages[0].content', 'Be brief.'],
      ['messages[1].content[0].text', 'Hello'],
      ['messages[2].tool_calls[0].function.name', 'lookup'],
      ['messages[2].tool_calls[0].function.arguments', '{"q":"x"}'],
      ['tools[0].function.name', 'lookup'],
      ['tools[0].function.description', 'Find a customer'],
    ]);
    assert.deepEqual(collectTextFields(body, openaiChat.configKeys).attachments, [{ mimeType: 'image/png', bytes: 8 }]);
  });

  test('Anthropic: system blocks, tool results, text documents; base64 documents become attachments', () => {
    const body = {
      model: 'claude',
      system: [{ type: 'text', text: 'Sys' }],
      messages: [
        { role: 'user', content: 'Hi' },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: 'Result' }] },
            { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'Doc text' } },
            { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0xLjQK' } },
          ],
        },
      ],
    };
    const extracted = collectTextFields(body, anthropicMessages.configKeys);
    assert.deepEqual(extracted.fields.map((f) => f.field), ['system[0].text', 'messages[0].content', 'messages[1].content[0].content[0].text', 'messages[1].content[1].source.data']);
    assert.deepEqual(extracted.attachments, [{ mimeType: 'application/pdf', bytes: 9 }]);
  });

  test('Gemini: contents parts, the system instruction and the response schema the model reads; safety settings skipped; inline data described', () => {
    const body = {
      systemInstruction: { parts: [{ text: 'Sys' }] },
      contents: [{ role: 'user', parts: [{ text: 'A' }, { text: 'B' }, { inlineData: { mimeType: 'image/jpeg', data: '/9j/4AAQSkZJRg==' } }] }],
      generationConfig: { temperature: 0.2, responseSchema: { type: 'object', description: 'A customer record' } },
      safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' }],
    };
    const extracted = collectTextFields(body, gemini.configKeys);
    assert.deepEqual(extracted.fields.map((f) => f.field), [
      'systemInstruction.parts[0].text',
      'contents[0].parts[0].text',
      'contents[0].parts[1].text',
      'generationConfig.responseSchema.description',
    ]);
    assert.equal(extracted.attachments[0]?.mimeType, 'image/jpeg');
  });

  test('replace() rewrites the parsed body in place', () => {
    const body = { messages: [{ role: 'user', content: 'mail a@b.co' }] };
    const [field] = collectTextFields(body).fields;
    field?.replace('mail [EMAIL_1]');
    assert.equal(JSON.stringify(body), '{"messages":[{"role":"user","content":"mail [EMAIL_1]"}]}');
  });

  test('keys that are not identifiers are scanned as text and named by position; deep bodies do not overflow the stack', () => {
    assert.deepEqual(fieldsOf({ ok: { 'a b': { c: 'x' } } }), [['ok[#0](key)', 'a b'], ['ok[#0].c', 'x']]);
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    assert.deepEqual(fieldsOf(deep), []);
  });
});
