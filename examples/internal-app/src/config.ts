/**
 * Where the (fake) AI provider listens. `?provider=<url>` wins, so the page works from any static
 * server; otherwise `/config.json`, which `npm run demo` serves next to the app.
 */
export interface DemoConfig {
  providerUrl: string;
}

export async function loadConfig(): Promise<DemoConfig> {
  const fromQuery = new URLSearchParams(location.search).get('provider');
  if (fromQuery) return { providerUrl: fromQuery.replace(/\/$/, '') };
  const response = await fetch('./config.json');
  if (!response.ok) throw new Error('No provider configured: open the page with ?provider=<url> or serve config.json.');
  const config = (await response.json()) as Partial<DemoConfig>;
  if (typeof config.providerUrl !== 'string') throw new Error('config.json has no providerUrl.');
  return { providerUrl: config.providerUrl.replace(/\/$/, '') };
}
