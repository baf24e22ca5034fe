import { findHostPattern } from '../internal/hosts';

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

const KNOWN_PATTERNS = KNOWN_HOSTS.map(([pattern]) => pattern);
const NO_EXTRA: Readonly<Record<string, string>> = {};
/** The patterns of each organisation map, listed once. */
const extraPatterns = new WeakMap<Readonly<Record<string, string>>, string[]>();

/** The provider for a host, first matching pattern wins (the organisation's map before the built-in table). */
export function providerForHost(host: string, extra: Readonly<Record<string, string>> = NO_EXTRA): string | undefined {
  let patterns = extraPatterns.get(extra);
  if (!patterns) extraPatterns.set(extra, (patterns = Object.keys(extra)));
  const own = findHostPattern(host, patterns);
  if (own >= 0) return extra[patterns[own]!];
  return KNOWN_HOSTS[findHostPattern(host, KNOWN_PATTERNS)]?.[1];
}
