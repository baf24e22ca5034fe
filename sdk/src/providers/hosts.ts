import { hostMatches, normaliseHost } from '../internal/hosts';

/**
 * Known AI service hosts → provider name, matched label by label (see internal/hosts.ts): `*.`
 * stands for any subdomain, `*` inside a label for part of that label, `{region}` for an AWS
 * region name. A pattern under a shared cloud domain names the service's own labels, so a host
 * anyone can create there (an S3 bucket named `bedrock-runtime`) is not the provider.
 */
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
  // Amazon Bedrock's runtime endpoints (https://docs.aws.amazon.com/general/latest/gr/bedrock.html):
  // regional and FIPS, dual-stack (`api.aws`), China, PrivateLink, and the OpenAI-compatible
  // `bedrock-mantle`; agents and knowledge bases answer on `bedrock-agent-runtime`.
  ['bedrock-runtime.{region}.amazonaws.com', 'aws-bedrock'],
  ['bedrock-runtime-fips.{region}.amazonaws.com', 'aws-bedrock'],
  ['bedrock-runtime.{region}.api.aws', 'aws-bedrock'],
  ['bedrock-runtime-fips.{region}.api.aws', 'aws-bedrock'],
  ['bedrock-runtime.{region}.amazonaws.com.cn', 'aws-bedrock'],
  ['bedrock-runtime.{region}.api.amazonwebservices.com.cn', 'aws-bedrock'],
  ['*.bedrock-runtime.{region}.vpce.amazonaws.com', 'aws-bedrock'],
  ['bedrock-mantle.{region}.api.aws', 'aws-bedrock'],
  ['bedrock-agent-runtime.{region}.amazonaws.com', 'aws-bedrock'],
  ['bedrock-agent-runtime-fips.{region}.amazonaws.com', 'aws-bedrock'],
];

/** Apps call a handful of hosts over and over: remember the answer for the built-in table. */
const knownCache = new Map<string, string | undefined>();
const MAX_CACHED_HOSTS = 256;

/** The provider for a host, first matching pattern wins (the organisation's map before the built-in table). */
export function providerForHost(host: string, extra: Readonly<Record<string, string>> = {}): string | undefined {
  const h = normaliseHost(host);
  for (const pattern in extra) if (hostMatches(h, pattern)) return extra[pattern];
  if (knownCache.has(h)) return knownCache.get(h);
  const provider = KNOWN_HOSTS.find(([pattern]) => hostMatches(h, pattern))?.[1];
  if (knownCache.size >= MAX_CACHED_HOSTS) knownCache.clear();
  knownCache.set(h, provider);
  return provider;
}
