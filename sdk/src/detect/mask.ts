/**
 * Masked previews: enough shape for a reviewer to recognise what kind of value left, never
 * enough to recover it. One rule holds for every preview (test/unit/detect/previews.test.ts
 * checks it for every detector's examples): it shows at most {@link MAX_REVEALED} characters
 * beyond the type's public prefix (`AKIA`, `ghp_`, `sk-ant-`), and never more than a quarter of
 * the value, the prefix included. Every other character — separators too — is a bullet, and a
 * preview is at most {@link MAX_PREVIEW} characters.
 */
import type { Trigger } from './types';

export const MASK_CHAR = '•';
export const MAX_PREVIEW = 64;
/** Characters of a value shown beyond its type's public prefix, at most. */
export const MAX_REVEALED = 4;

/** How many characters of a value of `length` may be shown in all: a quarter of it. */
export function revealLimit(length: number): number {
  return Math.floor(length / 4);
}

/**
 * Shows the first `prefixLength` characters (the type's public prefix) and the last `keepEnd`,
 * as far as the rule allows, and a bullet for each character between them, the run shortened so
 * the preview fits {@link MAX_PREVIEW}. A prefix longer than a quarter of the value is cut.
 */
export function maskKeeping(value: string, prefixLength: number, keepEnd: number): string {
  const limit = revealLimit(value.length);
  const prefix = Math.min(prefixLength, limit);
  const end = Math.max(0, Math.min(keepEnd, MAX_REVEALED, limit - prefix));
  const hidden = Math.min(value.length - prefix - end, MAX_PREVIEW - prefix - end);
  return value.slice(0, prefix) + MASK_CHAR.repeat(Math.max(hidden, 1)) + value.slice(value.length - end);
}

/** Keeps at most the last `keepLast` digits (`•••••••••••••••4242`), separators masked with the rest. */
export function maskDigits(value: string, keepLast: number): string {
  let trailingDigits = 0;
  while (trailingDigits < keepLast && isDigit(value.charCodeAt(value.length - 1 - trailingDigits))) trailingDigits++;
  return maskKeeping(value, 0, trailingDigits);
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * `•••@•••.uk`: the shape of an address and, where the rule leaves room for it, its top-level
 * domain; a fixed number of bullets, so the preview does not give the length away either.
 */
export function maskEmail(value: string): string {
  const budget = Math.min(MAX_REVEALED, revealLimit(value.length));
  const dot = value.lastIndexOf('.');
  const topLevel = dot > value.lastIndexOf('@') ? value.slice(dot) : '';
  if (budget < 1) return MASK_CHAR.repeat(3);
  return `${MASK_CHAR.repeat(3)}@${MASK_CHAR.repeat(3)}${1 + topLevel.length <= budget ? topLevel : ''}`;
}

/** The default preview: a long value's last characters as the rule allows, a short one (under 16 characters) bullets only. */
export function maskDefault(value: string): string {
  return maskKeeping(value, 0, value.length >= 16 ? MAX_REVEALED : 0);
}

/**
 * The preview of a detector without a `mask` of its own: a token found by its literal prefix
 * (`ghp_`, `xoxb-`) keeps that prefix, which names the kind of token rather than the token.
 */
export function defaultMask(trigger: Trigger): (value: string) => string {
  if (trigger.kind !== 'prefix') return maskDefault;
  const prefixes = [...trigger.prefixes].sort((a, b) => b.length - a.length);
  return (value) => maskKeeping(value, prefixes.find((p) => value.startsWith(p))?.length ?? 0, MAX_REVEALED);
}

/**
 * A custom keyword's preview: the same bullets whatever the term, since its letters or even its
 * length would pick it out of the organisation's dictionary; the `CUSTOM:<id>` type says enough.
 */
export const KEYWORD_PREVIEW = MASK_CHAR.repeat(3);
