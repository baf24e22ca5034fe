import type { FlowEvent } from '../schema';
import type { Sink } from './types';

export interface ConsoleSinkOptions {
  /** Print each event as one JSON line instead of a short summary. @default false */
  json?: boolean;
  /** Where lines go. @default console.info */
  log?: (line: string) => void;
}

/** Prints one line per event, for debugging: `outflow openai/openai-chat gpt-4o → 200 · redacted · EMAIL×2`. */
export function consoleSink(options: ConsoleSinkOptions = {}): Sink {
  const log = options.log ?? ((line: string) => console.info(line));
  return {
    name: 'console',
    write(events) {
      for (const event of events) log(options.json ? JSON.stringify(event) : summarise(event));
    },
  };
}

export function summarise(event: FlowEvent): string {
  const d = event.destination;
  const status = event.response ? String(event.response.status) : (event.error?.kind ?? '-');
  const findings = event.findings.map((f) => `${f.type}×${f.count}`).join(' ');
  const unscanned = event.coverage.complete ? '' : ` · not fully scanned${event.coverage.unscanned.length > 0 ? ` (${event.coverage.unscanned.map((u) => `${u.where}: ${u.reason}`).join(', ')})` : ''}`;
  return `outflow ${d.provider}/${d.api}${d.model ? ` ${d.model}` : ''} ${d.host}${d.path} → ${status} · ${event.decision}${findings ? ` · ${findings}` : ''}${unscanned}`;
}
