/** The page-world half of every adapter: all the MAIN-world script bundles. */
import type { SiteWire } from './types';
import { chatgptWire } from './chatgpt/wire';

export const SITE_WIRES: readonly SiteWire[] = [chatgptWire];
