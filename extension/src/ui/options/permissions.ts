/**
 * Host permissions for employee-added origins. `permissions.request` must run inside the click
 * handler (a user gesture), before any other await, or the browser refuses it.
 */
import browser from 'webextension-polyfill';
import { matchPatternOf, parseOrigin } from '../../background/origins';

export type OriginRequest = { origin: string; granted: boolean } | { error: string };

export async function requestOrigin(input: string): Promise<OriginRequest> {
  const parsed = parseOrigin(input);
  if ('error' in parsed) return parsed;
  const granted = await browser.permissions.request({ origins: [matchPatternOf(parsed.origin)] });
  return { origin: parsed.origin, granted };
}

/** Gives the host permission back, unless another listed origin on the same host still needs it. */
export async function releaseOrigin(origin: string, stillListed: readonly string[]): Promise<void> {
  const pattern = matchPatternOf(origin);
  if (stillListed.some((other) => other !== origin && matchPatternOf(other) === pattern)) return;
  await browser.permissions.remove({ origins: [pattern] });
}

export async function hasOrigin(origin: string): Promise<boolean> {
  return browser.permissions.contains({ origins: [matchPatternOf(origin)] });
}
