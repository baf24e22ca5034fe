/**
 * Redaction: found values become placeholders such as `[EMAIL_1]` before the body leaves. The
 * same value gets the same placeholder everywhere in one call, so the model can still tell that
 * two mentions are one person; numbering restarts with every call, so placeholders link nothing
 * across calls. The value → placeholder map lives only for the call, in memory.
 */

export interface RedactionSpan {
  start: number;
  end: number;
  type: string;
  /**
   * The value as the scanner normalised it, when known: spans of one value share a placeholder
   * however each was written (`jane%40corp.com` and `jane@corp.com`). @default the spanned text
   */
  value?: string;
}

/** Names the placeholder a found value is replaced with. */
export interface Placeholders {
  placeholderFor(type: string, value: string): string;
}

/** `[TYPE]`, the same for every value: for text recorded in an event, where no value needs telling apart. */
export const TYPE_PLACEHOLDERS: Placeholders = { placeholderFor: (type) => `[${type}]` };

/** Hands out `[TYPE_n]` placeholders for one call. */
export class PlaceholderMap implements Placeholders {
  private readonly byValue = new Map<string, string>();
  private readonly counters = new Map<string, number>();

  placeholderFor(type: string, value: string): string {
    const key = `${type}\u0000${value}`;
    const existing = this.byValue.get(key);
    if (existing) return existing;
    const n = (this.counters.get(type) ?? 0) + 1;
    this.counters.set(type, n);
    const placeholder = `[${type}_${n}]`;
    this.byValue.set(key, placeholder);
    return placeholder;
  }
}

/**
 * Replaces each span of `text` with its placeholder. Spans may come in any order and overlap
 * (a custom detector and a built-in one on the same value): overlapping spans are merged into
 * their union, named after the span that starts first, so no part of either value goes out.
 */
export function redactText(text: string, spans: readonly RedactionSpan[], placeholders: Placeholders): string {
  if (spans.length === 0) return text;
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let cursor = 0;
  for (let i = 0; i < sorted.length; ) {
    const first = sorted[i] as RedactionSpan;
    let end = first.end;
    for (i++; i < sorted.length && (sorted[i] as RedactionSpan).start < end; i++) end = Math.max(end, (sorted[i] as RedactionSpan).end);
    out += text.slice(cursor, first.start);
    // A union of overlapping spans is named by its text: no one value stands for all of it.
    out += placeholders.placeholderFor(first.type, first.value !== undefined && end === first.end ? first.value : text.slice(first.start, end));
    cursor = end;
  }
  return out + text.slice(cursor);
}
