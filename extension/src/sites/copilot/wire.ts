/** Copilot in the page's world: the chat WebSocket, and its HTTP API for uploads. */
import type { SiteWire } from '../types';

export const copilotWire: SiteWire = {
  app: 'copilot',
  origin: 'https://copilot.microsoft.com',
  http: [/^https:\/\/copilot\.microsoft\.com\/c\/api\//],
  websocket: [/^wss:\/\/copilot\.microsoft\.com\/c\/api\/chat(?:\?|$)/],
};
