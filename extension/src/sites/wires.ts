/** The page-world half of every adapter: all the MAIN-world script bundles. */
import type { SiteWire } from './types';
import { chatgptWire } from './chatgpt/wire';
import { claudeWire } from './claude/wire';
import { geminiWire } from './gemini/wire';
import { copilotWire } from './copilot/wire';
import { perplexityWire } from './perplexity/wire';
import { deepseekWire } from './deepseek/wire';
import { mistralWire } from './mistral/wire';

export const SITE_WIRES: readonly SiteWire[] = [chatgptWire, claudeWire, geminiWire, copilotWire, perplexityWire, deepseekWire, mistralWire];
