/**
 * AI apps the extension recognises by domain, for shadow-AI discovery: the seven it reads, and
 * others employees use that it only counts visits to. Maintained by hand; a host matches an entry
 * when it is the domain or one of its subdomains. Origins only: paths are never looked at, so an
 * AI feature inside a general site (a chat under huggingface.co, bing.com) is not listed.
 */

export interface AiAppEntry {
  /** Host name without `www.`. */
  domain: string;
  name: string;
  /** The vendor, for reviewers. */
  vendor: string;
  /** Set for the apps the extension reads (their site adapter's id). */
  app?: string;
}

export const AI_APPS: readonly AiAppEntry[] = [
  // Read by the extension (site adapters in src/sites/).
  { domain: 'chatgpt.com', name: 'ChatGPT', vendor: 'OpenAI', app: 'chatgpt' },
  { domain: 'claude.ai', name: 'Claude', vendor: 'Anthropic', app: 'claude' },
  { domain: 'gemini.google.com', name: 'Gemini', vendor: 'Google', app: 'gemini' },
  { domain: 'copilot.microsoft.com', name: 'Copilot', vendor: 'Microsoft', app: 'copilot' },
  { domain: 'perplexity.ai', name: 'Perplexity', vendor: 'Perplexity', app: 'perplexity' },
  { domain: 'chat.deepseek.com', name: 'DeepSeek', vendor: 'DeepSeek', app: 'deepseek' },
  { domain: 'chat.mistral.ai', name: 'Le Chat', vendor: 'Mistral AI', app: 'mistral' },
  // Counted only.
  { domain: 'chat.openai.com', name: 'ChatGPT (old domain)', vendor: 'OpenAI' },
  { domain: 'platform.openai.com', name: 'OpenAI Platform', vendor: 'OpenAI' },
  { domain: 'sora.com', name: 'Sora', vendor: 'OpenAI' },
  { domain: 'console.anthropic.com', name: 'Anthropic Console', vendor: 'Anthropic' },
  { domain: 'aistudio.google.com', name: 'Google AI Studio', vendor: 'Google' },
  { domain: 'notebooklm.google.com', name: 'NotebookLM', vendor: 'Google' },
  { domain: 'm365.cloud.microsoft', name: 'Microsoft 365 Copilot', vendor: 'Microsoft' },
  { domain: 'copilot.cloud.microsoft', name: 'Microsoft 365 Copilot Chat', vendor: 'Microsoft' },
  { domain: 'grok.com', name: 'Grok', vendor: 'xAI' },
  { domain: 'meta.ai', name: 'Meta AI', vendor: 'Meta' },
  { domain: 'poe.com', name: 'Poe', vendor: 'Quora' },
  { domain: 'character.ai', name: 'Character.AI', vendor: 'Character.AI' },
  { domain: 'pi.ai', name: 'Pi', vendor: 'Inflection AI' },
  { domain: 'you.com', name: 'You.com', vendor: 'You.com' },
  { domain: 'phind.com', name: 'Phind', vendor: 'Phind' },
  { domain: 'duck.ai', name: 'Duck.ai', vendor: 'DuckDuckGo' },
  { domain: 'chat.qwen.ai', name: 'Qwen Chat', vendor: 'Alibaba' },
  { domain: 'tongyi.aliyun.com', name: 'Tongyi', vendor: 'Alibaba' },
  { domain: 'kimi.com', name: 'Kimi', vendor: 'Moonshot AI' },
  { domain: 'kimi.moonshot.cn', name: 'Kimi (China)', vendor: 'Moonshot AI' },
  { domain: 'doubao.com', name: 'Doubao', vendor: 'ByteDance' },
  { domain: 'yiyan.baidu.com', name: 'ERNIE Bot', vendor: 'Baidu' },
  { domain: 'chatglm.cn', name: 'ChatGLM', vendor: 'Zhipu AI' },
  { domain: 'chat.z.ai', name: 'Z.ai Chat', vendor: 'Zhipu AI' },
  { domain: 'coral.cohere.com', name: 'Cohere Chat', vendor: 'Cohere' },
  { domain: 'groq.com', name: 'GroqChat', vendor: 'Groq' },
  { domain: 'openrouter.ai', name: 'OpenRouter', vendor: 'OpenRouter' },
  { domain: 'lmarena.ai', name: 'LMArena', vendor: 'LMArena' },
  { domain: 't3.chat', name: 'T3 Chat', vendor: 'T3' },
  { domain: 'typingmind.com', name: 'TypingMind', vendor: 'TypingMind' },
  { domain: 'manus.im', name: 'Manus', vendor: 'Manus' },
  { domain: 'chatpdf.com', name: 'ChatPDF', vendor: 'ChatPDF' },
  { domain: 'jasper.ai', name: 'Jasper', vendor: 'Jasper' },
  { domain: 'writesonic.com', name: 'Writesonic', vendor: 'Writesonic' },
  { domain: 'quillbot.com', name: 'QuillBot', vendor: 'Learneo' },
  { domain: 'deepai.org', name: 'DeepAI', vendor: 'DeepAI' },
  { domain: 'gamma.app', name: 'Gamma', vendor: 'Gamma' },
  { domain: 'v0.app', name: 'v0', vendor: 'Vercel' },
  { domain: 'bolt.new', name: 'Bolt', vendor: 'StackBlitz' },
  { domain: 'lovable.dev', name: 'Lovable', vendor: 'Lovable' },
  { domain: 'otter.ai', name: 'Otter', vendor: 'Otter.ai' },
];

/** The entry a host name belongs to (the longest matching domain), or undefined. */
export function aiAppForHost(hostname: string): AiAppEntry | undefined {
  const host = hostname.toLowerCase().replace(/^www\./, '').replace(/\.$/, '');
  let best: AiAppEntry | undefined;
  for (const entry of AI_APPS) {
    if ((host === entry.domain || host.endsWith(`.${entry.domain}`)) && (!best || entry.domain.length > best.domain.length)) best = entry;
  }
  return best;
}

/** Whether an account's e-mail domain is one of the organisation's (or a subdomain of one). */
export function isOrgDomain(domain: string, orgDomains: readonly string[]): boolean {
  const host = domain.toLowerCase();
  return orgDomains.some((org) => host === org || host.endsWith(`.${org}`));
}

/** The name people know an app by (`ChatGPT` for `chatgpt`), or the id itself for an internal app. */
export function appDisplayName(app: string): string {
  return AI_APPS.find((entry) => entry.app === app)?.name ?? app;
}
