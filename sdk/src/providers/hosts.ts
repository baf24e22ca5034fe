/** Known AI service hosts → provider name. Patterns use `*.` for any subdomain. */
export const KNOWN_HOSTS: readonly (readonly [pattern: string, provider: string])[] = [
  ['api.openai.com', 'openai'],
  ['*.openai.azure.com', 'azure-openai'],
  ['*.cognitiveservices.azure.com', 'azure-openai'],
  ['*.services.ai.azure.com', 'azure-openai'],
  ['api.anthropic.com', 'anthropic'],
  ['generativelanguage.googleapis.com', 'google'],
  ['*-aiplatform.googleapis.com', 'google'],
  ['aiplatform.googleapis.com', 'google'],
  ['api.mistral.ai', 'mistral'],
  ['api.groq.com', 'groq'],
  ['openrouter.ai', 'openrouter'],
  ['api.together.xyz', 'together'],
  ['api.together.ai', 'together'],
  ['api.deepseek.com', 'deepseek'],
  ['api.fireworks.ai', 'fireworks'],
  ['api.perplexity.ai', 'perplexity'],
  ['api.x.ai', 'xai'],
  ['api.cohere.com', 'cohere'],
  ['api.cohere.ai', 'cohere'],
  ['api.deepinfra.com', 'deepinfra'],
  ['api.cerebras.ai', 'cerebras'],
  ['*.bedrock-runtime.*', 'aws-bedrock'],
];

/** Apps call a handful of hosts over and over: remember the answer for the built-in table. */
const knownCache = new Map<string, string | undefined>();
const MAX_CACHED_HOSTS = 256;

/** The provider for a host, first matching pattern wins (the organisation's map before the built-in table); `*` matches one or more characters. */
export function providerForHost(host: string, extra: Readonly<Record<string, string>> = {}): string | undefined {
  const h = host.toLowerCase();
  for (const pattern in extra) if (globMatches(h, pattern.toLowerCase())) return extra[pattern];
  if (knownCache.has(h)) return knownCache.get(h);
  const provider = KNOWN_HOSTS.find(([pattern]) => globMatches(h, pattern))?.[1];
  if (knownCache.size >= MAX_CACHED_HOSTS) knownCache.clear();
  knownCache.set(h, provider);
  return provider;
}

/** `*` matches any run of characters except nothing; patterns are short and fixed, so a split-and-scan is linear. */
function globMatches(host: string, pattern: string): boolean {
  if (!pattern.includes('*')) return host === pattern;
  const parts = pattern.split('*');
  let position = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    if (i === 0) {
      if (!host.startsWith(part)) return false;
      position = part.length;
      continue;
    }
    // Each `*` must swallow at least one character.
    const found = i === parts.length - 1 ? (host.endsWith(part) && host.length - part.length > position ? host.length - part.length : -1) : host.indexOf(part, position + 1);
    if (found < 0) return false;
    position = found + part.length;
  }
  return true;
}
