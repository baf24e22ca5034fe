/** Every site adapter, and which one serves an origin. */
import type { AppId, SiteAdapter } from './types';
import { chatgpt } from './chatgpt/adapter';
import { claude } from './claude/adapter';
import { gemini } from './gemini/adapter';
import { copilot } from './copilot/adapter';
import { perplexity } from './perplexity/adapter';
import { deepseek } from './deepseek/adapter';
import { mistral } from './mistral/adapter';

export const SITES: readonly SiteAdapter[] = [chatgpt, claude, gemini, copilot, perplexity, deepseek, mistral];

export function siteForOrigin(origin: string): SiteAdapter | undefined {
  return SITES.find((site) => site.wire.origin === origin);
}

export function siteById(app: AppId | string): SiteAdapter | undefined {
  return SITES.find((site) => site.wire.app === app);
}
