/**
 * Requests from the page-world wrapper, to the background and back: each is captured (scanned,
 * decided, recorded) by the background; a held request gets its verdict, after the employee's
 * answer when the policy asks for one. If the extension cannot answer, the request goes out
 * unchanged (fail open) and the problem is counted.
 */
import type { CaptureVerdict, Choice, ReadKind } from '../messages';
import type { FromWrapper, ToWrapper } from '../wire-channel';
import { redactedText, showNotice, showToast } from './notice';
import { askBackground } from './webapp-messages';

type RequestMessage = Extract<FromWrapper, { t: 'request' }>;

export interface CaptureListener {
  /** Told the kind of every request the background read (the composer tracks sends with it). */
  onRead(kind: ReadKind): void;
}

export async function handleRequest(message: RequestMessage, post: (message: ToWrapper) => void, listener: CaptureListener): Promise<void> {
  const { id, held, request } = message;
  let choice: Choice | undefined;
  for (;;) {
    const verdict: CaptureVerdict | undefined = await askBackground({ type: 'webapp.capture', request, held, ...(choice ? { choice } : {}) });
    if (!verdict) {
      if (held) post({ t: 'verdict', id, action: 'send' });
      void askBackground({ type: 'webapp.problem', problem: 'wrapper-failure' });
      return;
    }
    if (choice === undefined) listener.onRead(verdict.kind);
    if (verdict.action === 'ask') {
      // The request waits while the employee decides: no timeout for it in the page world.
      post({ t: 'waiting', id });
      choice = await showNotice(verdict.notice);
      continue;
    }
    if (!held) return;
    if (verdict.action === 'rewrite') {
      post({ t: 'verdict', id, action: 'rewrite', body: verdict.body });
      if (verdict.redacted.length > 0) showToast(redactedText(verdict.redacted));
    } else {
      post({ t: 'verdict', id, action: verdict.action });
      if (verdict.action === 'refuse' && verdict.notice) void showNotice(verdict.notice);
    }
    return;
  }
}
