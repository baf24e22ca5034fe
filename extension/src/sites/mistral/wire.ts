/** Le Chat in the page's world: its API under /api. */
import type { SiteWire } from '../types';

export const mistralWire: SiteWire = {
  app: 'mistral',
  origin: 'https://chat.mistral.ai',
  http: [/^https:\/\/chat\.mistral\.ai\/api\//],
};
